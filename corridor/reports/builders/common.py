"""Reads several builders share: what falls in a period, an operation's profile, activities by category."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from corridor.actors.choices import OrganisationKind
from corridor.actors.models import Organisation
from corridor.actors.selectors import (
    focal_points_visible_to,
    get_organisation_for_user,
    working_groups_visible_to,
)
from corridor.core.exceptions import NotFound
from corridor.geo.selectors import places_visible_to
from corridor.knowledge.selectors import mandates_visible_to
from corridor.operations.choices import ActivityCategory
from corridor.operations.models import Activity
from corridor.operations.selectors import activities_visible_to
from corridor.reports.builders.collect import Sources
from corridor.reports.builders.lines import linked
from corridor.reports.data.common import ActivityLine, OperationProfile, Period, Statement
from corridor.reports.data.kinds import CategoryGroup
from corridor.timeline.models import Event
from corridor.timeline.selectors import events_overlapping

if TYPE_CHECKING:
    from corridor.accounts.access import Reader

MIGRATION_TOPIC = "migration"


def events_in(reader: Reader, period: Period) -> QuerySet[Event]:
    """Events that start in the period or lie within it: ongoing background that began earlier is not news."""
    return events_overlapping(reader, start=period.start, end=period.end).filter(
        date_start__gte=period.start
    ) | events_overlapping(reader, start=period.start, end=period.end).filter(date_end__lte=period.end)


def activities_overlapping(reader: Reader, period: Period) -> QuerySet[Activity]:
    return activities_visible_to(reader).filter(date_start__lte=period.end, date_end__gte=period.start)


def involving(
    activities: Iterable[Activity], operation_ids: set[int]
) -> tuple[dict[int, list[Activity]], dict[int, list[Activity]]]:
    """Activities each operation led, and those it took part in as a partner (joint work)."""
    rows = list(activities)
    partners = linked(Activity.partners.through, "activity_id", "organisation_id", [a.pk for a in rows])
    led: dict[int, list[Activity]] = {pk: [] for pk in operation_ids}
    joint: dict[int, list[Activity]] = {pk: [] for pk in operation_ids}
    for activity in rows:
        if activity.lead_id in led:
            led[activity.lead_id].append(activity)
        for partner in partners[activity.pk]:
            if partner in joint and partner != activity.lead_id:
                joint[partner].append(activity)
    return led, joint


def by_category(lines: Iterable[ActivityLine]) -> tuple[CategoryGroup, ...]:
    """Activities grouped in the study's seven categories, in the study's order; empty ones left out."""
    lines = list(lines)
    return tuple(
        CategoryGroup(
            category=category.value,
            label=str(category.label),
            activities=tuple(line for line in lines if line.category == category.value),
        )
        for category in ActivityCategory
        if any(line.category == category.value for line in lines)
    )


def operation_profile(reader: Reader, sources: Sources, operation: Organisation) -> OperationProfile:
    """Who the operation is: host country, seat, offices, mandate (study's words), standing arrangements."""
    names = sources.names
    profile = getattr(operation, "field_operation", None)
    mandate = mandates_visible_to(reader).filter(operation=operation).first()
    mandate_lines: tuple[Statement, ...] = ()
    if mandate is not None:
        ref = sources.record(mandate, kind="mandate", title=f"Mandate of {names.organisation(operation.pk)}")
        texts = [text for text in (mandate.breadth_quote, mandate.summary) if text]
        mandate_lines = tuple(Statement(text=text, refs=(ref,)) for text in texts)
    return OperationProfile(
        slug=operation.slug,
        name=operation.name,
        host_country_code=profile.host_country.code if profile else "",
        host_country=profile.host_country.name if profile else "",
        headquarters=names.place(profile.headquarters_id) if profile else "",
        offices=names.place_list(list(profile.offices.values_list("pk", flat=True))) if profile else (),
        mandate=mandate_lines,
        focal_points=arrangements(reader, sources, operation, kind="focal point"),
        working_groups=arrangements(reader, sources, operation, kind="working group"),
        ref=sources.record(operation, kind="organisation", title=operation.name),
    )


def arrangements(
    reader: Reader, sources: Sources, operation: Organisation, *, kind: str
) -> tuple[Statement, ...]:
    """Focal points or working groups as sentences: 'Migration focal point: yes (early 2015).'"""
    selector = focal_points_visible_to if kind == "focal point" else working_groups_visible_to
    statements = []
    for arrangement in selector(reader).filter(organisation=operation).order_by("topic", "slug"):
        when = f" ({arrangement.date_text})" if arrangement.span else ""
        held = f", held by {arrangement.held_by}" if arrangement.held_by else ""
        state = "yes" if arrangement.exists else "none"
        text = f"{arrangement.topic.capitalize()} {kind}: {state}{when}{held}."
        ref = sources.record(arrangement, kind=kind.replace(" ", "_"), title=text.rstrip("."))
        statements.append(Statement(text=text, refs=(ref,)))
    return tuple(statements)


def migration_arrangements(
    reader: Reader, sources: Sources, operation_ids: Iterable[int], *, kind: str
) -> dict[int, tuple[str, tuple[str, ...]]]:
    """Per operation: 'yes (since …)', 'none' or 'not recorded' for its migration focal point or group."""
    selector = focal_points_visible_to if kind == "focal point" else working_groups_visible_to
    found: dict[int, tuple[str, tuple[str, ...]]] = {}
    rows = (
        selector(reader)
        # An arrangement on migration, not one that also covers it ("second dimension …, covering
        # migration" is not a migration focal point: the study says Kosovo created none).
        .filter(organisation_id__in=list(operation_ids), topic__istartswith=MIGRATION_TOPIC)
        .order_by("organisation_id", "-exists", "slug")
    )
    for arrangement in rows:
        if arrangement.organisation_id in found:
            continue
        ref = sources.record(
            arrangement, kind=kind.replace(" ", "_"), title=f"{arrangement.topic.capitalize()} {kind}"
        )
        when = f" ({arrangement.date_text})" if arrangement.span and arrangement.exists else ""
        found[arrangement.organisation_id] = ("yes" + when if arrangement.exists else "none", (ref,))
    return found


def is_joint_lead(organisation_kind: str) -> bool:
    return organisation_kind == OrganisationKind.OSCE_FIELD_OPERATIONS_JOINTLY


def countries_of_events(reader: Reader, events: Iterable[Event]) -> dict[int, set[int]]:
    """Each event's countries: those it names, and those of the places it names that the reader may see."""
    rows = list(events)
    ids = [event.pk for event in rows]
    countries = linked(Event.countries.through, "event_id", "country_id", ids)
    places = linked(Event.places.through, "event_id", "place_id", ids)
    place_country = dict(
        places_visible_to(reader)
        .filter(pk__in={pk for pks in places.values() for pk in pks})
        .values_list("pk", "country_id")
    )
    return {
        event.pk: set(countries[event.pk])
        | {place_country[pk] for pk in places[event.pk] if place_country.get(pk) is not None}
        for event in rows
    }


def operation_events(
    reader: Reader, period: Period, operation: Organisation, host_country_id: int | None
) -> list[Event]:
    """Events in the period in the host country or with the operation among their actors."""
    events = list(events_in(reader, period))
    countries = countries_of_events(reader, events)
    actors = linked(Event.actors.through, "event_id", "organisation_id", [e.pk for e in events])
    return [
        event
        for event in events
        if host_country_id in countries[event.pk] or operation.pk in actors[event.pk]
    ]


def operation_activities(reader: Reader, period: Period, operation: Organisation) -> list[Activity]:
    """Activities overlapping the period that the operation led or took part in as a partner."""
    activities = activities_overlapping(reader, period)
    return list(
        (activities.filter(lead=operation) | activities.filter(partners=operation))
        .distinct()
        .order_by("date_start", "slug")
    )


def field_operation(reader: Reader, slug: str) -> Organisation:
    """The field operation `slug` as the reader may see it; NotFound if hidden, absent or not an operation."""
    operation = get_organisation_for_user(reader, slug=slug)
    if operation.kind != OrganisationKind.OSCE_FIELD_OPERATION or not hasattr(operation, "field_operation"):
        raise NotFound(f"{slug!r} is not a field operation")
    return operation
