"""Write one checked row through the domain services, reporting 'created', 'updated' or 'unchanged'.

Events and activities go through `record_event`/`update_event` and `record_activity`/`update_activity`,
and places through `record_place`/`update_place`, so an import is checked, versioned and attributed like
any other write. The platform (an operator's command) writes events and places with `as_operator`: no
rights check, no history user; activities have no operator mode, so the importer refuses them without a
user. With a mapping's `cite:`, each record cites the row it came from (`citing.cite_record`); a citation
added to a record that was otherwise unchanged counts as an update.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from corridor.actors.models import Organisation
from corridor.exchange.acting import Actor, Platform, events_for, history_user
from corridor.exchange.check_places import PlaceInput
from corridor.exchange.check_work import ActivityInput, EventInput
from corridor.exchange.citing import RowCitation, cite_record
from corridor.geo.models import Country, Place
from corridor.geo.services import record_place, update_place
from corridor.operations.models import Activity
from corridor.operations.selectors import activities_visible_to
from corridor.operations.services import record_activity, update_activity
from corridor.timeline.models import Event
from corridor.timeline.services import record_event, update_event


def _stored(queryset: QuerySet[Any], slug: str, natural: dict[str, Any]) -> Any:
    """The record a row names: by slug when it gives one that exists, else by its natural key."""
    if slug:
        found = queryset.filter(slug=slug).first()
        if found is not None:
            return found
    return queryset.filter(**natural).order_by("pk").first()


def _links(place_ids: tuple[int, ...], country_codes: tuple[str, ...]) -> dict[str, list[Any]]:
    return {
        "places": list(Place.objects.filter(pk__in=place_ids)),
        "countries": list(Country.objects.filter(code__in=country_codes)),
    }


def write_event(actor: Actor, item: EventInput, citation: RowCitation | None = None) -> str:
    """Create or update the event a row names; the platform writes as operator, its history naming no user."""
    operator = isinstance(actor, Platform)
    user = history_user(actor) if operator else actor
    natural = {
        "owner_id": item.owner_id,
        "kind": item.kind,
        "title": item.title,
        "date_start": item.span.start,
        "date_end": item.span.end,
    }
    existing: Event | None = _stored(events_for(actor), item.slug, natural)
    fields: dict[str, Any] = {
        "kind": item.kind,
        "title": item.title,
        "span": item.span,
        "description": item.description,
        "actors": list(Organisation.objects.filter(pk__in=item.actor_ids)),
        "classification": item.classification,
        "note": item.note,
        **_links(item.place_ids, item.country_codes),
    }
    if existing is None:
        owner = Organisation.objects.get(pk=item.owner_id)
        event = record_event(actor=user, owner=owner, as_operator=operator, **fields)  # type: ignore[arg-type]
        _cite(actor, event, citation)
        return "created"
    before = existing.version
    updated = update_event(
        actor=user,  # type: ignore[arg-type]
        event=existing,
        expected_version=None,
        as_operator=operator,
        **fields,
    )
    return _outcome(updated.version != before, _cite(actor, updated, citation))


def write_activity(actor: Actor, item: ActivityInput, citation: RowCitation | None = None) -> str:
    natural = {
        "lead_id": item.lead_id,
        "category": item.category,
        "title": item.title,
        "date_start": item.span.start,
        "date_end": item.span.end,
    }
    visible = activities_visible_to(actor)  # type: ignore[arg-type]
    existing: Activity | None = _stored(visible, item.slug, natural)
    fields: dict[str, Any] = {
        "title": item.title,
        "category": item.category,
        "span": item.span,
        "description": item.description,
        "lead_role": item.lead_role,
        "funding": item.funding,
        "status": item.status,
        "partners": list(Organisation.objects.filter(pk__in=item.partner_ids)),
        "classification": item.classification,
        "date_note": item.date_note,
        "note": item.note,
        **_links(item.place_ids, item.country_codes),
    }
    if existing is None:
        lead = Organisation.objects.get(pk=item.lead_id)
        activity = record_activity(actor=actor, lead=lead, **fields)  # type: ignore[arg-type]
        _cite(actor, activity, citation)
        return "created"
    before = existing.version
    updated = update_activity(actor=actor, activity=existing, expected_version=None, **fields)  # type: ignore[arg-type]
    return _outcome(updated.version != before, _cite(actor, updated, citation))


def write_place(actor: Actor, item: PlaceInput, citation: RowCitation | None = None) -> str:
    """Create or update the place with the row's slug; the owner's editors may do either."""
    operator = isinstance(actor, Platform)
    user = history_user(actor)
    fields: dict[str, Any] = {
        "name": item.name,
        "alternative_names": list(item.alternative_names),
        "kind": item.kind,
        "country": Country.objects.get(code=item.country_code) if item.country_code else None,
        "parent": Place.objects.get(slug=item.parent_slug) if item.parent_slug else None,
        "latitude": item.latitude,
        "longitude": item.longitude,
        "coordinates_source": item.coordinates_source,
        "opened_on": item.opened_on,
        "closed_on": item.closed_on,
        "classification": item.classification,
        "note": item.note,
    }
    owner = Organisation.objects.get(pk=item.owner_id)
    existing = Place.objects.filter(slug=item.slug).first()
    if existing is None:
        place = record_place(
            actor=user, slug=item.slug, owner=owner, as_operator=operator, reason="imported", **fields
        )
        _cite(actor, place, citation)
        return "created"
    updated = update_place(
        actor=user,
        place=existing,
        expected_version=None,
        as_operator=operator,
        reason="imported",
        owner=owner,
        **fields,
    )
    return _outcome(updated.version != existing.version, _cite(actor, updated, citation))


def _cite(actor: Actor, record: Any, citation: RowCitation | None) -> bool:
    return citation is not None and cite_record(actor, record, citation)


def _outcome(changed: bool, cited: bool) -> str:
    return "updated" if changed or cited else "unchanged"
