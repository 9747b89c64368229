"""The four reports' data, one dataclass each; `refs` lists every record a report's lines point at.

`classification` is the highest classification of anything the report shows (records, figures, names of
places and organisations): the lowest marking the report may carry.
"""

from __future__ import annotations

from dataclasses import dataclass

from corridor.reports.data.common import (
    ActionPointLine,
    ActivityLine,
    MeetingLine,
    OperationProfile,
    Period,
    RecommendationLine,
    Ref,
    Statement,
    TimelineEntry,
    VisitLine,
)
from corridor.reports.data.flows import Flows, MapData


@dataclass(frozen=True)
class CategoryGroup:
    category: str
    label: str
    activities: tuple[ActivityLine, ...]


@dataclass(frozen=True)
class EngagementCell:
    """Activities of one operation in one category overlapping the period: led by it, or joint."""

    category: str
    led: int
    joint: int
    refs: tuple[str, ...]


@dataclass(frozen=True)
class EngagementRow:
    operation_slug: str
    operation: str
    host_country: str
    focal_point: str
    working_group: str
    cells: tuple[EngagementCell, ...]
    visits: int
    meetings: int
    reports: int
    ref: str
    arrangement_refs: tuple[str, ...]


@dataclass(frozen=True)
class RegionalReport:
    """Across all operations: flows along the route, who engaged how, what happened, what is open."""

    period: Period
    summary: tuple[Statement, ...]
    flows: Flows
    map: MapData
    categories: tuple[tuple[str, str], ...]
    engagement: tuple[EngagementRow, ...]
    highlights: tuple[TimelineEntry, ...]
    events_in_period: int
    joint_activities: tuple[ActivityLine, ...]
    joint_activities_total: int
    joint_meetings: tuple[MeetingLine, ...]
    joint_visits: tuple[VisitLine, ...]
    gaps: tuple[Statement, ...]
    recommendations: tuple[RecommendationLine, ...]
    action_points: tuple[ActionPointLine, ...]
    refs: tuple[Ref, ...]
    classification: str


@dataclass(frozen=True)
class MissionReport:
    """One mission's background report, on the pattern of the Mission to Serbia's of March 2016."""

    period: Period
    operation: OperationProfile
    summary: tuple[Statement, ...]
    numbers: Flows
    responses: tuple[TimelineEntry, ...]
    host_arrangements: tuple[Statement, ...]
    implications: tuple[TimelineEntry, ...]
    joint_activities: tuple[ActivityLine, ...]
    challenges: tuple[Statement, ...]
    activities: tuple[CategoryGroup, ...]
    timeline: tuple[TimelineEntry, ...]
    refs: tuple[Ref, ...]
    classification: str


@dataclass(frozen=True)
class UpdateReport:
    """One mission's activity update with a timeline, on the pattern of the Mission to Skopje's of 2016."""

    period: Period
    operation: OperationProfile
    summary: tuple[Statement, ...]
    timeline: tuple[TimelineEntry, ...]
    activities: tuple[CategoryGroup, ...]
    visits: tuple[VisitLine, ...]
    meetings: tuple[MeetingLine, ...]
    refs: tuple[Ref, ...]
    classification: str


@dataclass(frozen=True)
class FlowChange:
    """A place's daily counts in the window before the event and in the window after it."""

    place_slug: str
    place_name: str
    source: str
    before_total: int
    before_days: int
    after_total: int
    after_days: int
    ref: str

    @property
    def before_average(self) -> float | None:
        return self.before_total / self.before_days if self.before_days else None

    @property
    def after_average(self) -> float | None:
        return self.after_total / self.after_days if self.after_days else None


@dataclass(frozen=True)
class SpotReport:
    """A spot report on one event: what, where, when, its context, and its sources."""

    event: TimelineEntry
    event_kind: str
    places: tuple[Statement, ...]
    documents: tuple[Statement, ...]
    window_days: int
    context_period: Period
    flow_changes: tuple[FlowChange, ...]
    flows: Flows
    map: MapData
    related_events: tuple[TimelineEntry, ...]
    related_activities: tuple[ActivityLine, ...]
    related_visits: tuple[VisitLine, ...]
    refs: tuple[Ref, ...]
    classification: str


Report = RegionalReport | MissionReport | UpdateReport | SpotReport
