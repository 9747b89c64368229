"""Writers for the timeline: events recorded directly, and the entries other records put on it.

An operator's command (`corridor realdata load`, `corridor import` without `--user`) acts with the database
in hand and no user: `as_operator=True` skips the rights check, never the validation, and history names no
user. Web pages and the API always pass the request's user and never set it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction

from corridor.core.choices import Classification
from corridor.core.dates import DateSpan
from corridor.core.services import (
    apply_changes,
    check_version,
    require_can_change,
    require_can_write,
    save_attributed,
    validated,
)
from corridor.core.slugs import new_slug
from corridor.timeline.choices import EventKind
from corridor.timeline.models import Event

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.actors.models import Organisation
    from corridor.geo.models import Country, Place
    from corridor.knowledge.models import Document
    from corridor.monitoring.models import MonitoringVisit
    from corridor.operations.models import Meeting


@transaction.atomic
def record_event(
    *,
    actor: Reader,
    owner: Organisation,
    kind: str,
    title: str,
    span: DateSpan,
    description: str = "",
    places: Sequence[Place] = (),
    countries: Sequence[Country] = (),
    actors: Sequence[Organisation] = (),
    documents: Sequence[Document] = (),
    classification: str = Classification.INTERNAL,
    note: str = "",
    as_operator: bool = False,
) -> Event:
    """Put an event on the timeline for `owner`."""
    if not as_operator:
        require_can_write(actor, owner_id=owner.pk)
    event = Event(
        slug=new_slug(Event, f"{span.start:%Y-%m-%d} {title}", max_length=120),
        kind=kind,
        title=title,
        description=description,
        owner=owner,
        classification=classification,
        note=note,
    )
    event.span = span
    save_attributed(validated(event), actor=actor, reason="recorded")
    _set_links(event, places=places, countries=countries, actors=actors, documents=documents)
    return event


@transaction.atomic
def update_event(
    *,
    actor: Reader,
    event: Event,
    expected_version: int | None,
    as_operator: bool = False,
    **changes: Any,
) -> Event:
    """Change an event; `expected_version` guards against overwriting someone else's save."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not as_operator:
        require_can_change(actor, event)
    check_version(event, expected_version)
    links = {
        name: changes.pop(name) for name in ("places", "countries", "actors", "documents") if name in changes
    }
    if "span" in changes:
        span: DateSpan = changes.pop("span")
        changes.update(date_start=span.start, date_end=span.end, date_precision=span.precision)
    changed = apply_changes(event, changes)
    changed += [name for name, targets in links.items() if set(getattr(event, name).all()) != set(targets)]
    if changed:
        event.version += 1
        save_attributed(validated(event), actor=actor, reason=f"changed: {', '.join(sorted(changed))}")
        _set_links(event, **links)
    return event


def _set_links(event: Event, **links: Sequence[Any]) -> None:
    for name, targets in links.items():
        getattr(event, name).set(targets)


def sync_visit_entry(*, actor: Reader, visit: MonitoringVisit) -> Event:
    """Create or refresh the timeline entry of a monitoring visit (called inside the visit's transaction)."""
    places = list(visit.places.all())
    title = f"{visit.operation} monitoring visit to {', '.join(p.name for p in places) or 'the field'}"[:200]
    return _sync_entry(
        actor=actor,
        record=visit,
        link={"visit": visit},
        kind=EventKind.VISIT,
        title=title,
        description=visit.purpose,
        places=places,
        actors=[visit.operation],
    )


def sync_meeting_entry(*, actor: Reader, meeting: Meeting) -> Event:
    """Create or refresh the timeline entry of a meeting (called inside the meeting's transaction)."""
    places = [meeting.place] if meeting.place else []
    actors = [meeting.convenor] if meeting.convenor else []
    return _sync_entry(
        actor=actor,
        record=meeting,
        link={"meeting": meeting},
        kind=EventKind.MEETING,
        title=meeting.title,
        description=meeting.agenda,
        places=places,
        actors=actors + list(meeting.participants.all()),
    )


def _sync_entry(
    *,
    actor: Reader,
    record: Any,
    link: dict[str, Any],
    kind: str,
    title: str,
    description: str,
    places: Sequence[Place],
    actors: Sequence[Organisation],
) -> Event:
    event = Event.objects.filter(**link).first() or Event(
        slug=new_slug(Event, f"{record.date_start:%Y-%m-%d} {title}", max_length=120), **link
    )
    values = {
        "kind": kind,
        "title": title,
        "description": description,
        "owner": record.owner,
        "classification": record.classification,
        "date_start": record.date_start,
        "date_end": record.date_end,
        "date_precision": record.date_precision,
    }
    changed = apply_changes(event, values)
    if event.pk is None or changed:
        if event.pk is not None:
            event.version += 1
        save_attributed(validated(event), actor=actor, reason="timeline entry of a recorded " + kind)
    _set_links(event, places=places, actors=list(dict.fromkeys(actors)))
    return event
