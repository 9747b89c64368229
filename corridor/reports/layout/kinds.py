"""Each report's sections, in the order the study describes such reports (section 6.2)."""

from __future__ import annotations

from corridor.reports.data.kinds import MissionReport, RegionalReport, Report, UpdateReport
from corridor.reports.layout.document import Document
from corridor.reports.layout.missions import mission, update
from corridor.reports.layout.regional import regional
from corridor.reports.layout.spot import spot


def layout(report: Report) -> Document:
    if isinstance(report, RegionalReport):
        return regional(report)
    if isinstance(report, MissionReport):
        return mission(report)
    if isinstance(report, UpdateReport):
        return update(report)
    return spot(report)
