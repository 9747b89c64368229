"""The regional situation report: the whole route and all operations, which no mission wrote (study 6.2)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from corridor.actors.choices import OrganisationKind
from corridor.actors.models import Organisation
from corridor.actors.selectors import field_operations_visible_to, organisations_visible_to
from corridor.core.choices import Classification
from corridor.geo.selectors import places_visible_to
from corridor.knowledge.choices import RecommendationStatus
from corridor.knowledge.selectors import recommendations_visible_to
from corridor.monitoring.models import MonitoringVisit
from corridor.monitoring.selectors import visits_visible_to
from corridor.operations.choices import ActionPointStatus, ActivityCategory
from corridor.operations.models import Activity, Meeting
from corridor.operations.selectors import action_points_visible_to, meetings_visible_to
from corridor.reports.builders.collect import Names, Sources, cited_sources
from corridor.reports.builders.common import (
    activities_overlapping,
    events_in,
    involving,
    migration_arrangements,
)
from corridor.reports.builders.flows import build_flows
from corridor.reports.builders.lines import (
    action_point_lines,
    activity_lines,
    linked,
    meeting_lines,
    recommendation_lines,
    timeline_entries,
    visit_lines,
)
from corridor.reports.builders.maps import build_map
from corridor.reports.builders.regional_findings import gaps
from corridor.reports.builders.regional_findings import summary as summary_of
from corridor.reports.data.common import (
    ActionPointLine,
    MeetingLine,
    Period,
    TimelineEntry,
    VisitLine,
)
from corridor.reports.data.kinds import EngagementCell, EngagementRow, RegionalReport
from corridor.timeline.choices import EventKind
from corridor.timeline.models import Event

if TYPE_CHECKING:
    from corridor.accounts.access import Reader

HIGHLIGHTS = 40
LISTED = 40
RECOMMENDATIONS = 60
# An engagement cell with more activities than this cites the query that lists them, not each one.
CITED_PER_CELL = 8
# Which events make the highlights when there are more than HIGHLIGHTS: what changes the situation first.
PRIORITY = [
    EventKind.BORDER_POLICY_CHANGE,
    EventKind.INCIDENT,
    EventKind.DECISION,
    EventKind.RESOLUTION,
    EventKind.REPORT,
    EventKind.ESTABLISHMENT,
    EventKind.MEETING,
    EventKind.VISIT,
    EventKind.CONFERENCE,
    EventKind.STATEMENT,
    EventKind.TRAINING,
    EventKind.OTHER,
]


def build_regional(reader: Reader, *, period: Period) -> RegionalReport:
    """Build the regional report as `reader` may see it."""
    sources = Sources(names=Names.for_reader(reader))
    operations = list(field_operations_visible_to(reader).order_by("name"))
    operation_ids = {operation.pk for operation in operations}
    flows = build_flows(reader, sources, period=period)
    hosts = [op.field_operation.host_country.code for op in operations if hasattr(op, "field_operation")]
    seats = [op.field_operation.headquarters_id for op in operations if hasattr(op, "field_operation")]
    route_map = build_map(reader, sources, flows=flows, countries=hosts, site_ids=seats)
    activities = list(activities_overlapping(reader, period).order_by("date_start", "slug"))
    engagement = _engagement(reader, sources, period, operations, activities)
    events = list(events_in(reader, period))
    highlights = _highlights(events, sources)
    joint = _joint_activities(reader, activities, operation_ids)
    joint_lines = activity_lines(joint[:LISTED], sources)
    meetings = _joint_meetings(reader, sources, period, operation_ids)
    visits = _cross_border_visits(reader, sources, period)
    recommendations = recommendation_lines(
        recommendations_visible_to(reader)
        .filter(status__in=[RecommendationStatus.OPEN, RecommendationStatus.IN_PROGRESS])
        .order_by("issuer__name", "slug")[:RECOMMENDATIONS],
        sources,
    )
    points: list[ActionPointLine] = []
    open_points = action_points_visible_to(reader).filter(
        status__in=[ActionPointStatus.OPEN, ActionPointStatus.UNKNOWN]
    )
    for point in open_points.order_by("meeting__date_start", "meeting_id", "position"):
        meeting = point.meeting
        ref = sources.record(meeting, kind="meeting", title=meeting.title, date_text=meeting.date_text)
        points.extend(action_point_lines([point], sources, meeting, ref))
    summary = summary_of(flows, engagement, events, highlights, recommendations, points)
    found_gaps = gaps(flows, engagement, [category.value for category in ActivityCategory])
    return RegionalReport(
        period=period,
        summary=summary,
        flows=flows,
        map=route_map,
        categories=tuple((category.value, str(category.label)) for category in ActivityCategory),
        engagement=engagement,
        highlights=highlights,
        events_in_period=len(events),
        joint_activities=joint_lines,
        joint_activities_total=len(joint),
        joint_meetings=meetings,
        joint_visits=visits,
        gaps=found_gaps,
        recommendations=recommendations,
        action_points=tuple(points),
        refs=sources.refs(),
        classification=sources.highest_classification,
    )


def _engagement(
    reader: Reader,
    sources: Sources,
    period: Period,
    operations: list[Organisation],
    activities: list[Activity],
) -> tuple[EngagementRow, ...]:
    """Per operation: activities by category (led / joint), arrangements, visits, meetings, reports."""
    operation_ids = {operation.pk for operation in operations}
    led, joint = involving(activities, operation_ids)
    focal = migration_arrangements(reader, sources, operation_ids, kind="focal point")
    groups = migration_arrangements(reader, sources, operation_ids, kind="working group")
    visits = Counter(
        visits_visible_to(reader)
        .filter(operation_id__in=operation_ids, date_start__lte=period.end, date_end__gte=period.start)
        .values_list("operation_id", flat=True)
    )
    meetings = _meeting_counts(reader, period, operation_ids)
    reports = Counter(
        Event.actors.through.objects.filter(
            organisation_id__in=operation_ids,
            event__in=events_in(reader, period).filter(kind=EventKind.REPORT),
        ).values_list("organisation_id", flat=True)
    )
    rows = []
    for operation in operations:
        cells = []
        for category in ActivityCategory:
            mine = [a for a in led[operation.pk] if a.category == category.value]
            shared = [a for a in joint[operation.pk] if a.category == category.value]
            refs = _cell_refs(sources, operation, category, period, mine + shared)
            cells.append(EngagementCell(category=category.value, led=len(mine), joint=len(shared), refs=refs))
        profile = getattr(operation, "field_operation", None)
        focal_state, focal_refs = focal.get(operation.pk, ("not recorded", ()))
        group_state, group_refs = groups.get(operation.pk, ("not recorded", ()))
        rows.append(
            EngagementRow(
                operation_slug=operation.slug,
                operation=sources.names.organisation(operation.pk),
                host_country=profile.host_country.name if profile else "",
                focal_point=focal_state,
                working_group=group_state,
                cells=tuple(cells),
                visits=visits[operation.pk],
                meetings=meetings[operation.pk],
                reports=reports[operation.pk],
                ref=sources.record(operation, kind="organisation", title=operation.name),
                arrangement_refs=focal_refs + group_refs,
            )
        )
    return tuple(rows)


def _cell_refs(
    sources: Sources,
    operation: Organisation,
    category: ActivityCategory,
    period: Period,
    activities: list[Activity],
) -> tuple[str, ...]:
    """A cell cites each of its activities while there are few; beyond CITED_PER_CELL, the query that
    lists them, so that the annex grows with the operations and categories, not with the activities."""
    if len(activities) <= CITED_PER_CELL:
        return tuple(
            sources.record(a, kind="activity", title=a.title, date_text=a.date_text) for a in activities
        )
    name = sources.names.organisation(operation.pk)
    ref = sources.query(
        key=f"activities:{operation.slug}:{category.value}:{period.start}/{period.end}",
        kind="activities",
        title=f"{category.label} activities led or joined by {name}",
        date_text=period.text,
        classification=max((a.classification for a in activities), key=Classification.rank),
        count=len(activities),
        citations=cited_sources(Activity, [a.pk for a in activities]),
    )
    return (ref,)


def _meeting_counts(reader: Reader, period: Period, operation_ids: set[int]) -> Counter[int]:
    meetings = meetings_visible_to(reader).filter(date_start__lte=period.end, date_end__gte=period.start)
    counts: Counter[int] = Counter()
    ids = list(meetings.values_list("pk", flat=True))
    participants = linked(Meeting.participants.through, "meeting_id", "organisation_id", ids)
    for meeting_id, convenor_id in meetings.values_list("pk", "convenor_id"):
        for organisation_id in {convenor_id, *participants[meeting_id]} & operation_ids:
            counts[organisation_id] += 1
    return counts


def _highlights(events: list[Event], sources: Sources) -> tuple[TimelineEntry, ...]:
    """The events that change the situation most, at most HIGHLIGHTS of them, shown in date order."""
    rank = {kind.value: index for index, kind in enumerate(PRIORITY)}
    chosen = sorted(events, key=lambda e: (rank.get(e.kind, len(rank)), e.date_start, e.slug))[:HIGHLIGHTS]
    return timeline_entries(chosen, sources)


def _joint_activities(reader: Reader, activities: list[Activity], operation_ids: set[int]) -> list[Activity]:
    """Activities led jointly, with another operation as partner, or reaching into more than one country."""
    ids = [activity.pk for activity in activities]
    partners = linked(Activity.partners.through, "activity_id", "organisation_id", ids)
    countries = linked(Activity.countries.through, "activity_id", "country_id", ids)
    joint_leads = set(
        organisations_visible_to(reader)
        .filter(kind=OrganisationKind.OSCE_FIELD_OPERATIONS_JOINTLY)
        .values_list("pk", flat=True)
    )
    chosen = []
    for activity in activities:
        others = (set(partners[activity.pk]) & operation_ids) - {activity.lead_id}
        if activity.lead_id in joint_leads or others or len(set(countries[activity.pk])) > 1:
            chosen.append(activity)
    return chosen


def _joint_meetings(
    reader: Reader, sources: Sources, period: Period, operation_ids: set[int]
) -> tuple[MeetingLine, ...]:
    """Meetings in the period that brought together more than one field operation."""
    meetings = list(
        meetings_visible_to(reader).filter(date_start__lte=period.end, date_end__gte=period.start)
    )
    participants = linked(
        Meeting.participants.through, "meeting_id", "organisation_id", [m.pk for m in meetings]
    )
    shared = [
        meeting
        for meeting in meetings
        if len(({meeting.convenor_id} | set(participants[meeting.pk])) & operation_ids) > 1
    ]
    return meeting_lines(shared[:LISTED], sources)


def _cross_border_visits(reader: Reader, sources: Sources, period: Period) -> tuple[VisitLine, ...]:
    """Monitoring visits in the period to places in more than one country (joint or cross-border)."""
    visits = list(visits_visible_to(reader).filter(date_start__lte=period.end, date_end__gte=period.start))
    places = linked(MonitoringVisit.places.through, "monitoringvisit_id", "place_id", [v.pk for v in visits])
    country_of = dict(
        places_visible_to(reader)
        .filter(pk__in={pk for ids in places.values() for pk in ids})
        .values_list("pk", "country_id")
    )
    crossing = [
        visit
        for visit in visits
        if len({country_of[pk] for pk in places[visit.pk] if pk in country_of} - {None}) > 1
    ]
    return visit_lines(crossing[:LISTED], sources)
