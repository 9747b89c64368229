"""Write one checked row through the domain services, reporting 'created', 'updated' or 'unchanged'.

Events and activities go through `record_event`/`update_event` and `record_activity`/`update_activity`,
and places through `record_place`/`update_place`, so an import is checked, versioned and attributed like
any other write. The platform (an operator's command) writes events and places with `as_operator`: no
rights check, no history user; activities have no operator mode, so the importer refuses them without a
user. With a mapping's `cite:`, each record cites the row it came from (`citing.cite_record`); a citation
added to a record that was otherwise unchanged counts as an update.

A row never undoes a colleague's edit. A row that carries a `version` (an export's row) is an edit made
from that version: events and activities are merged by their services with what was saved since, and a
place (which has no merge service yet) is merged here against its history at that version; where both
changed the same field the row is refused (`RowRefused`), naming the fields, and nothing of it is
written. A row without a version may create a record, or confirm one unchanged, but not change one: it
may have been written before someone else's edit, which it would silently revert.

A row names only the links its user can read — an export leaves the others out — so the links of the
stored record that the user cannot read are kept, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from corridor.accounts.access import hidden_ids
from corridor.actors.models import Organisation
from corridor.core.exceptions import ConcurrentUpdate
from corridor.exchange.acting import Actor, Platform, events_for, history_user, places_for
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

R = TypeVar("R", bound=Model)


class RowRefused(Exception):
    """A row the writer leaves out whole; the message says why and what to do."""


def _no_version(noun: str) -> RowRefused:
    return RowRefused(
        f"would change a stored {noun}, but the row carries no version, so it may undo an edit someone made "
        "since the file was written: export the records again, make the change in that file (its version "
        "column says which version each row was exported at) and import it"
    )


def _conflict(noun: str, exported_at: int, current: int, fields: Iterable[str]) -> RowRefused:
    named = ", ".join(sorted(fields)) or "every field this row changes"
    return RowRefused(
        f"the {noun} was changed by someone else after version {exported_at} of this row (it is now at "
        f"version {current}), and both changed: {named}; nothing of this row was written: export again and "
        "redo the change there, or make it on the record's page"
    )


def _edited(noun: str, record: R, exported_at: int | None, update: Callable[[int], R]) -> R:
    """Apply a service's update as an edit made from `exported_at` (see the module docstring)."""
    current = record.version  # type: ignore[attr-defined]
    if exported_at is None:
        updated = update(current)
        if updated.version != current:  # type: ignore[attr-defined]
            raise _no_version(noun)  # the row's savepoint rolls the change back
        return updated
    try:
        return update(exported_at)
    except ConcurrentUpdate as refused:
        conflicts = getattr(refused.detail, "conflicts", None) or []
        raise _conflict(noun, exported_at, refused.current, {c.part for c in conflicts}) from None


def _with_hidden(actor: Actor, chosen: Iterable[int], current: QuerySet[R]) -> list[R]:
    """The records a row links plus those the stored record links that `actor` may not read (a row
    exported by `actor` could not list them; importing it must not drop them)."""
    model = current.model
    hidden = frozenset() if isinstance(actor, Platform) else hidden_ids(actor, model)
    kept = [pk for pk in current.values_list("pk", flat=True) if pk in hidden]
    return list(model._default_manager.filter(pk__in=[*chosen, *kept]))


def _stored(queryset: QuerySet[Any], slug: str, natural: dict[str, Any]) -> Any:
    """The record a row names: by slug when it gives one that exists, else by its natural key."""
    if slug:
        found = queryset.filter(slug=slug).first()
        if found is not None:
            return found
    return queryset.filter(**natural).order_by("pk").first()


def _links(place_ids: tuple[int, ...], country_codes: tuple[str, ...]) -> dict[str, list[Any]]:
    # The checkers found these ids among the places the importing user may read.
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
    fields["places"] = _with_hidden(actor, item.place_ids, existing.places.all())
    fields["actors"] = _with_hidden(actor, item.actor_ids, existing.actors.all())
    updated = _edited(
        "event",
        existing,
        item.version,
        lambda expected: update_event(
            actor=user,  # type: ignore[arg-type]
            event=existing,
            expected_version=expected,
            as_operator=operator,
            **fields,
        ),
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
    fields["places"] = _with_hidden(actor, item.place_ids, existing.places.all())
    fields["partners"] = _with_hidden(actor, item.partner_ids, existing.partners.all())
    updated = _edited(
        "activity",
        existing,
        item.version,
        lambda expected: update_activity(
            actor=actor,  # type: ignore[arg-type]
            activity=existing,
            expected_version=expected,
            **fields,
        ),
    )
    return _outcome(updated.version != before, _cite(actor, updated, citation))


def write_place(actor: Actor, item: PlaceInput, citation: RowCitation | None = None) -> str:
    """Create or update the place with the row's slug; the owner's editors may do either.

    Only places `actor` may read are found, by slug or as a parent. A new place whose slug a hidden place
    already holds is refused as the slug being taken — slugs are unique, so that much shows — never with
    the hidden place's name, owner or anything else of it.
    """
    operator = isinstance(actor, Platform)
    user = history_user(actor)
    visible = places_for(actor)
    existing = visible.filter(slug=item.slug).first()
    parent = visible.filter(slug=item.parent_slug).first() if item.parent_slug else None
    if item.parent_slug and parent is None:
        raise RowRefused(f"parent {item.parent_slug!r} is not a known place")
    if parent is None and existing is not None and existing.parent_id in _hidden_places(actor):
        parent = existing.parent  # left out of the user's export, so not theirs to remove
    fields: dict[str, Any] = {
        "name": item.name,
        "alternative_names": list(item.alternative_names),
        "kind": item.kind,
        "country": Country.objects.get(code=item.country_code) if item.country_code else None,
        "parent": parent,
        "latitude": item.latitude,
        "longitude": item.longitude,
        "coordinates_source": item.coordinates_source,
        "opened_on": item.opened_on,
        "closed_on": item.closed_on,
        "classification": item.classification,
        "note": item.note,
        "owner": Organisation.objects.get(pk=item.owner_id),
    }
    if existing is None:
        if Place.objects.filter(slug=item.slug).exists():
            raise RowRefused(f"the slug {item.slug!r} is taken: give the new place another slug")
        place = record_place(actor=user, slug=item.slug, as_operator=operator, reason="imported", **fields)
        _cite(actor, place, citation)
        return "created"
    changes = _place_changes(existing, fields, item.version)
    if not changes:
        return _outcome(False, _cite(actor, existing, citation))
    updated = update_place(
        actor=user,
        place=existing,
        expected_version=existing.version,
        as_operator=operator,
        reason="imported",
        **changes,
    )
    return _outcome(updated.version != existing.version, _cite(actor, updated, citation))


def _hidden_places(actor: Actor) -> frozenset[int]:
    return frozenset() if isinstance(actor, Platform) else hidden_ids(actor, Place)


def _place_changes(place: Place, fields: dict[str, Any], exported_at: int | None) -> dict[str, Any]:
    """The changes a row makes to `place`, as an edit made from version `exported_at`.

    From the current version, every field that differs. From an older one, merged three ways against the
    place's history at that version: the row's changes are the fields it holds otherwise than that
    version did; a field someone else changed since is kept as they left it, unless the row changed it
    too, differently — then `RowRefused` names those fields.
    """
    wanted = {name: _state(value) for name, value in fields.items()}
    current = {name: _stored_state(place, name) for name in fields}
    differing = [name for name in fields if wanted[name] != current[name]]
    if not differing or exported_at == place.version:
        return {name: fields[name] for name in differing}
    if exported_at is None:
        raise _no_version("place")
    then = place.history.filter(version=exported_at).order_by("-history_date").first()  # type: ignore[attr-defined]
    if then is None:
        raise _conflict("place", exported_at, place.version, differing)
    base = {name: _stored_state(then, name) for name in fields}
    mine = [name for name in differing if wanted[name] != base[name]]
    conflicts = [name for name in mine if current[name] != base[name]]
    if conflicts:
        raise _conflict("place", exported_at, place.version, conflicts)
    return {name: fields[name] for name in mine}


_REFERENCES = frozenset({"country", "parent", "owner"})


def _stored_state(record: Any, name: str) -> Any:
    """A stored (or historical) place's field as `_state` gives a row's; references by key, unfetched."""
    return getattr(record, f"{name}_id") if name in _REFERENCES else _state(getattr(record, name))


def _state(value: Any) -> Any:
    """A field's value as compared between versions: a record by its key, a list as a list."""
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, list | tuple):
        return list(value)
    return value


def _cite(actor: Actor, record: Any, citation: RowCitation | None) -> bool:
    return citation is not None and cite_record(actor, record, citation)


def _outcome(changed: bool, cited: bool) -> str:
    return "updated" if changed or cited else "unchanged"
