"""The mission background report, on the pattern of the Mission to Serbia's of March 2016 (study 6.2).

Its sections follow the study's account of that report: developments in the numbers, the host country's
responses, regional and bilateral implications, challenges and threats, the mission's activities by
category, and a timeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corridor.actors.choices import OrganisationKind
from corridor.actors.models import Organisation
from corridor.actors.selectors import organisations_visible_to, working_groups_visible_to
from corridor.monitoring.choices import Concern
from corridor.monitoring.selectors import visits_visible_to
from corridor.operations.choices import ActionPointStatus
from corridor.operations.models import Activity
from corridor.operations.selectors import action_points_visible_to
from corridor.reports.builders.collect import Names, Sources
from corridor.reports.builders.common import (
    by_category,
    countries_of_events,
    field_operation,
    operation_activities,
    operation_events,
    operation_profile,
)
from corridor.reports.builders.flows import build_flows
from corridor.reports.builders.lines import activity_lines, linked, timeline_entries, visit_lines
from corridor.reports.data.common import ActivityLine, Period, Statement
from corridor.reports.data.flows import FlowRow
from corridor.reports.data.kinds import MissionReport
from corridor.timeline.choices import EventKind
from corridor.timeline.models import Event

if TYPE_CHECKING:
    from corridor.accounts.access import Reader

AUTHORITY_KINDS = (OrganisationKind.NATIONAL_AUTHORITY, OrganisationKind.LOCAL_AUTHORITY)
RESPONSE_KINDS = (EventKind.BORDER_POLICY_CHANGE, EventKind.DECISION, EventKind.ESTABLISHMENT)
CONCERNS = (Concern.CRITICAL, Concern.SERIOUS, Concern.MINOR, Concern.NOT_ASSESSED)
"""Findings a challenge may come from: every one but those found of no concern (an ungraded finding, as
the study's are, states a problem without weighing it)."""


def build_mission(reader: Reader, *, operation: str, period: Period) -> MissionReport:
    """Build the background report of field operation `operation` for `period`, as `reader` may see it."""
    sources = Sources(names=Names.for_reader(reader))
    mission = field_operation(reader, operation)
    host = mission.field_operation.host_country
    profile = operation_profile(reader, sources, mission)
    numbers = build_flows(reader, sources, period=period, countries=[host.code])
    events = operation_events(reader, period, mission, host.pk)
    countries = countries_of_events(reader, events)
    authorities = set(
        organisations_visible_to(reader)
        .filter(country=host, kind__in=AUTHORITY_KINDS)
        .values_list("pk", flat=True)
    )
    actors = linked(Event.actors.through, "event_id", "organisation_id", [e.pk for e in events])
    osce = set(organisations_visible_to(reader).filter(kind__startswith="osce").values_list("pk", flat=True))
    responses = [
        event
        for event in events
        if host.pk in countries[event.pk]
        and (
            set(actors[event.pk]) & authorities
            or (event.kind in RESPONSE_KINDS and not set(actors[event.pk]) & osce)
        )
    ]
    implications = [
        event for event in events if host.pk in countries[event.pk] and len(countries[event.pk]) > 1
    ]
    chosen = operation_activities(reader, period, mission)
    activities = activity_lines(chosen, sources)
    joint_uids = _joint(reader, chosen, mission)
    joint = tuple(line for line in activities if line.ref in joint_uids)
    return MissionReport(
        period=period,
        operation=profile,
        summary=_summary(numbers.rows, activities, events),
        numbers=numbers,
        responses=timeline_entries(responses, sources),
        host_arrangements=_host_arrangements(reader, sources, host.pk, period),
        implications=timeline_entries(implications, sources),
        joint_activities=joint,
        challenges=_challenges(reader, sources, mission, events, period),
        activities=by_category(activities),
        timeline=timeline_entries(events, sources),
        refs=sources.refs(),
        classification=sources.highest_classification,
    )


def _joint(reader: Reader, activities: list[Activity], mission: Organisation) -> set[str]:
    """Activities the mission shared: led by another, or with another field operation as partner."""
    operations = set(
        organisations_visible_to(reader)
        .filter(
            kind__in=[OrganisationKind.OSCE_FIELD_OPERATION, OrganisationKind.OSCE_FIELD_OPERATIONS_JOINTLY]
        )
        .values_list("pk", flat=True)
    )
    partners = linked(Activity.partners.through, "activity_id", "organisation_id", [a.pk for a in activities])
    return {
        str(activity.uid)
        for activity in activities
        if activity.lead_id != mission.pk or (set(partners[activity.pk]) & operations) - {mission.pk}
    }


def _summary(
    rows: tuple[FlowRow, ...], activities: tuple[ActivityLine, ...], events: list[Event]
) -> tuple[Statement, ...]:
    statements = []
    for row in rows:
        if row.is_site or not row.days_reported:
            continue
        peak = (
            f"; the highest daily count was {row.peak_value:,} on {row.peak_day:%d %B %Y}"
            if row.peak_day
            else ""
        )
        statements.append(
            Statement(
                text=(
                    f"{row.source} counted {row.total:,} arrivals in {row.place_name} over "
                    f"{row.days_reported} reported days{peak}."
                ),
                refs=(row.ref,),
            )
        )
    if not statements:
        statements.append(
            Statement(text="No daily counts of arrivals are recorded for this period.", refs=())
        )
    statements.append(
        Statement(
            text=(
                f"{len(activities)} activities of the mission overlap the period, in "
                f"{len({line.category for line in activities})} of the seven categories."
            ),
            refs=tuple(line.ref for line in activities),
        )
    )
    statements.append(
        Statement(
            text=f"{len(events)} events in the host country or involving the mission fall in the period.",
            refs=tuple(str(event.uid) for event in events),
        )
    )
    return tuple(statements)


def _host_arrangements(
    reader: Reader, sources: Sources, host_id: int, period: Period
) -> tuple[Statement, ...]:
    """Working groups of the host country's institutions that existed during the period."""
    statements = []
    groups = working_groups_visible_to(reader).filter(organisation__country_id=host_id, exists=True)
    for group in groups.order_by("slug"):
        span = group.span
        if span is not None and not span.overlaps(period.start, period.end):
            continue
        when = f" ({group.date_text})" if span else ""
        text = f"{sources.names.organisation(group.organisation_id)}: {group.topic} working group{when}."
        ref = sources.record(group, kind="working_group", title=text.rstrip("."), date_text=group.date_text)
        statements.append(Statement(text=text, refs=(ref,)))
    return tuple(statements)


def _challenges(
    reader: Reader, sources: Sources, mission: Organisation, events: list[Event], period: Period
) -> tuple[Statement, ...]:
    """Findings of concern from the mission's visits, incidents, and open action points of its meetings."""
    statements = []
    visits = visits_visible_to(reader).filter(
        operation=mission, date_start__lte=period.end, date_end__gte=period.start
    )
    for line in visit_lines(visits, sources):
        for finding in line.findings:
            if finding.concern in CONCERNS:
                where = f" at {', '.join(line.places)}" if line.places else ""
                statements.append(
                    Statement(
                        text=f"{finding.aspect} ({finding.concern_label.lower()}){where}, {line.date_text}: "
                        f"{finding.text}",
                        refs=(line.ref,),
                    )
                )
    for entry in timeline_entries([e for e in events if e.kind == EventKind.INCIDENT], sources):
        statements.append(Statement(text=f"Incident, {entry.date_text}: {entry.title}.", refs=(entry.ref,)))
    points = action_points_visible_to(reader).filter(
        status__in=[ActionPointStatus.OPEN, ActionPointStatus.UNKNOWN]
    )
    mine = (
        points.filter(meeting__convenor=mission) | points.filter(meeting__participants=mission)
    ).distinct()
    for point in mine.order_by("meeting__date_start", "meeting_id", "position"):
        meeting = point.meeting
        ref = sources.record(meeting, kind="meeting", title=meeting.title, date_text=meeting.date_text)
        statements.append(
            Statement(
                text=f"Open action point of {meeting.title} ({meeting.date_text}): {point.text} "
                f"[{point.get_status_display().lower()}].",
                refs=(ref,),
            )
        )
    return tuple(statements)
