"""Builders: read through the visibility funnel as the requesting reader, return plain dataclasses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corridor.reports.builders.mission import build_mission
from corridor.reports.builders.regional import build_regional
from corridor.reports.builders.spot import build_spot
from corridor.reports.builders.update import build_update
from corridor.reports.choices import ReportKind
from corridor.reports.data.common import Period
from corridor.reports.data.kinds import MissionReport, RegionalReport, Report, SpotReport, UpdateReport

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.reports.requests import ReportRequest

DATA_CLASSES: dict[str, type] = {
    ReportKind.REGIONAL: RegionalReport,
    ReportKind.MISSION: MissionReport,
    ReportKind.SPOT: SpotReport,
    ReportKind.UPDATE: UpdateReport,
}


def build(request: ReportRequest, reader: Reader) -> Report:
    """Build the report `request` names, as `reader` may see it (the request is already checked)."""
    if request.kind == ReportKind.SPOT:
        return build_spot(reader, event=request.event, window_days=request.window_days)
    assert request.start is not None and request.end is not None
    period = Period(request.start, request.end)
    if request.kind == ReportKind.REGIONAL:
        return build_regional(reader, period=period)
    if request.kind == ReportKind.MISSION:
        return build_mission(reader, operation=request.operation, period=period)
    return build_update(reader, operation=request.operation, period=period)
