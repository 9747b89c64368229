"""Turn records read through the visibility funnel into report lines, a few queries per kind.

Many-to-many links (places, actors, partners) are read from their link tables for the ids at hand and
named through `Names`, so a place or partner the reader may not see is left out of the line, never shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import Model, TextChoices

from corridor.knowledge.models import Recommendation
from corridor.monitoring.models import Finding, MonitoringVisit
from corridor.operations.choices import ActivityCategory, ActivityStatus, Funding
from corridor.operations.models import (
    ActionPoint,
    Activity,
    ActivityQuantity,
    Meeting,
    MeetingDecision,
    Training,
    TrainingParticipation,
)
from corridor.reports.builders.collect import Sources
from corridor.reports.data.common import (
    ActionPointLine,
    ActivityLine,
    FindingLine,
    MeetingLine,
    RecommendationLine,
    TimelineEntry,
    VisitLine,
)
from corridor.timeline.choices import EventKind
from corridor.timeline.models import Event


def linked(through: type[Model], source: str, target: str, ids: Sequence[int]) -> dict[int, list[int]]:
    """For each id in `ids`, the ids it links to through a many-to-many table."""
    links: dict[int, list[int]] = defaultdict(list)
    if not ids:
        return links
    rows = through._default_manager.filter(**{f"{source}__in": list(ids)}).values_list(source, target)
    for owner_id, target_id in rows:
        links[owner_id].append(target_id)
    return links


def _label(choices: type[TextChoices], value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def timeline_entries(events: Iterable[Event], sources: Sources) -> tuple[TimelineEntry, ...]:
    """Events as timeline lines, in date order."""
    rows = sorted(events, key=lambda event: (event.date_start, event.date_end, event.slug))
    ids = [event.pk for event in rows]
    places = linked(Event.places.through, "event_id", "place_id", ids)
    actors = linked(Event.actors.through, "event_id", "organisation_id", ids)
    names = sources.names
    return tuple(
        TimelineEntry(
            start=event.date_start,
            end=event.date_end,
            date_text=event.date_text,
            kind=event.kind,
            kind_label=_label(EventKind, event.kind),
            title=event.title,
            description=event.description,
            places=names.place_list(places[event.pk]),
            actors=names.organisation_list(actors[event.pk]),
            ref=sources.record(event, kind="event", title=event.title, date_text=event.date_text),
        )
        for event in rows
    )


def activity_lines(activities: Iterable[Activity], sources: Sources) -> tuple[ActivityLine, ...]:
    """Activities with partners, places, quantities and training reach, in date order."""
    rows = sorted(activities, key=lambda activity: (activity.date_start, activity.slug))
    ids = [activity.pk for activity in rows]
    partners = linked(Activity.partners.through, "activity_id", "organisation_id", ids)
    places = linked(Activity.places.through, "activity_id", "place_id", ids)
    quantities: dict[int, list[str]] = defaultdict(list)
    for quantity in ActivityQuantity.objects.filter(activity_id__in=ids).order_by("activity_id", "position"):
        qualifier = "" if quantity.qualifier == "exact" else f"{quantity.get_qualifier_display()} "
        value = f"{quantity.value.normalize():f}"
        quantities[quantity.activity_id].append(
            f"{quantity.name}: {qualifier}{value} {quantity.unit}".strip()
        )
    trainings = _training_reach(ids)
    names = sources.names
    return tuple(
        ActivityLine(
            start=activity.date_start,
            date_text=activity.date_text,
            category=activity.category,
            category_label=_label(ActivityCategory, activity.category),
            title=activity.title,
            lead=names.organisation(activity.lead_id),
            lead_slug=names.organisation_slug(activity.lead_id),
            partners=names.organisation_list(partners[activity.pk]),
            places=names.place_list(places[activity.pk]),
            status=_label(ActivityStatus, activity.status),
            funding=_label(Funding, activity.funding),
            quantities=tuple(quantities[activity.pk]),
            training=trainings.get(activity.pk, ""),
            ref=sources.record(activity, kind="activity", title=activity.title, date_text=activity.date_text),
        )
        for activity in rows
    )


def _training_reach(activity_ids: Sequence[int]) -> dict[int, str]:
    reach: dict[int, str] = {}
    trainings = {t.pk: t for t in Training.objects.filter(activity_id__in=list(activity_ids))}
    totals: dict[int, int] = defaultdict(int)
    for participation in TrainingParticipation.objects.filter(training_id__in=list(trainings)):
        totals[participation.training_id] += participation.total
    for training in trainings.values():
        parts = [f"for {training.audience}"] if training.audience else []
        if training.target_total is not None:
            parts.append(f"target {training.target_total}")
        if training.pk in totals:
            parts.append(f"{totals[training.pk]} participants recorded")
        reach[training.activity_id] = "; ".join(parts)
    return reach


def visit_lines(visits: Iterable[MonitoringVisit], sources: Sources) -> tuple[VisitLine, ...]:
    rows = sorted(visits, key=lambda visit: (visit.date_start, visit.slug))
    ids = [visit.pk for visit in rows]
    places = linked(MonitoringVisit.places.through, "monitoringvisit_id", "place_id", ids)
    findings: dict[int, list[FindingLine]] = defaultdict(list)
    for finding in Finding.objects.filter(visit_id__in=ids).order_by("visit_id", "position"):
        findings[finding.visit_id].append(
            FindingLine(
                aspect=finding.get_aspect_display(),
                concern=finding.concern,
                concern_label=finding.get_concern_display(),
                text=finding.text,
            )
        )
    names = sources.names
    return tuple(
        VisitLine(
            start=visit.date_start,
            date_text=visit.date_text,
            operation=names.organisation(visit.operation_id),
            team=visit.team,
            places=names.place_list(places[visit.pk]),
            purpose=visit.purpose,
            findings=tuple(findings[visit.pk]),
            ref=sources.record(
                visit,
                kind="visit",
                title=f"Visit by {names.organisation(visit.operation_id)}",
                date_text=visit.date_text,
            ),
        )
        for visit in rows
    )


def meeting_lines(meetings: Iterable[Meeting], sources: Sources) -> tuple[MeetingLine, ...]:
    rows = sorted(meetings, key=lambda meeting: (meeting.date_start, meeting.slug))
    ids = [meeting.pk for meeting in rows]
    participants = linked(Meeting.participants.through, "meeting_id", "organisation_id", ids)
    decisions: dict[int, list[str]] = defaultdict(list)
    for decision in MeetingDecision.objects.filter(meeting_id__in=ids).order_by("meeting_id", "position"):
        decisions[decision.meeting_id].append(decision.text)
    points: dict[int, list[ActionPoint]] = defaultdict(list)
    for point in ActionPoint.objects.filter(meeting_id__in=ids).order_by("meeting_id", "position"):
        points[point.meeting_id].append(point)
    names = sources.names
    lines = []
    for meeting in rows:
        ref = sources.record(meeting, kind="meeting", title=meeting.title, date_text=meeting.date_text)
        lines.append(
            MeetingLine(
                start=meeting.date_start,
                date_text=meeting.date_text,
                title=meeting.title,
                convenor=names.organisation(meeting.convenor_id),
                participants=names.organisation_list(participants[meeting.pk]),
                recurrence=meeting.get_recurrence_display(),
                decisions=tuple(decisions[meeting.pk]),
                action_points=action_point_lines(points[meeting.pk], sources, meeting, ref),
                ref=ref,
            )
        )
    return tuple(lines)


def action_point_lines(
    points: Iterable[ActionPoint], sources: Sources, meeting: Meeting, meeting_ref: str
) -> tuple[ActionPointLine, ...]:
    """Action points of a meeting the reader may read (they are read through their meeting)."""
    return tuple(
        ActionPointLine(
            text=point.text,
            responsible=sources.names.organisation(point.responsible_id),
            status=point.get_status_display(),
            due=point.date_text if point.span else "",
            meeting=meeting.title,
            ref=meeting_ref,
        )
        for point in points
    )


def recommendation_lines(
    recommendations: Iterable[Recommendation], sources: Sources
) -> tuple[RecommendationLine, ...]:
    rows = sorted(recommendations, key=lambda r: (sources.names.organisation(r.issuer_id), r.slug))
    return tuple(
        RecommendationLine(
            issuer=sources.names.organisation(r.issuer_id),
            addressee=r.addressee,
            text=r.text,
            status=r.get_status_display(),
            ref=sources.record(r, kind="recommendation", title=r.text[:120]),
        )
        for r in rows
    )
