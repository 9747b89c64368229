"""Writers for the timeline: events recorded directly, and the entries other records put on it.

An operator's command (`corridor realdata load`, `corridor import` without `--user`) acts with the database
in hand and no user: `as_operator=True` skips the rights check, never the validation, and history names no
user. Web pages and the API always pass the request's user and never set it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction

from corridor.accounts.access import (
    Handling,
    covers,
    new_record_classification,
    require_may_reclassify,
    require_public_references,
)
from corridor.accounts.choices import RecordKind
from corridor.core.dates import DateSpan
from corridor.core.merge import changed_parts
from corridor.core.services import (
    apply_changes,
    require_can_change,
    require_can_write,
    save_attributed,
    validated,
)
from corridor.core.slugs import new_slug
from corridor.core.versions import reconcile, save_snapshot
from corridor.timeline.choices import EventKind
from corridor.timeline.models import Event
from corridor.timeline.versions import EVENTS

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
    classification: str | None = None,
    note: str = "",
    as_operator: bool = False,
) -> Event:
    """Put an event on the timeline for `owner` (`classification` None: the owner's default for events)."""
    if not as_operator:
        require_can_write(actor, owner_id=owner.pk)
    classification = new_record_classification(
        actor, owner_id=owner.pk, kind=RecordKind.EVENT, chosen=classification, as_operator=as_operator
    )
    require_public_references(
        classification,
        [
            (f"{name}.{index}", target)
            for name, targets in (("places", places), ("actors", actors), ("documents", documents))
            for index, target in enumerate(targets)
        ],
    )
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
    save_snapshot(EVENTS, event, actor=actor, reason="recorded")
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
    """Change an event from the version the editor started from (`expected_version`).

    An edit made from an older version is merged with what was saved since (`core.versions.reconcile`);
    the event then carries `reconciled`. Unchanged input writes nothing.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not as_operator:
        require_can_change(actor, event)
    reconciled = reconcile(EVENTS, event, expected_version, changes)
    before = EVENTS.state_of(event)
    wanted = EVENTS.state_with(before, reconciled.changes)
    changed = changed_parts(EVENTS.shape, before, wanted)
    event.reconciled = reconciled  # type: ignore[attr-defined]
    if not changed:
        return event
    changes = EVENTS.changes_to(before, wanted)
    if "classification" in changes and not as_operator:
        require_may_reclassify(
            actor, owner_id=event.owner_id, old=event.classification, new=changes["classification"]
        )
    links = {
        name: changes.pop(name) for name in ("places", "countries", "actors", "documents") if name in changes
    }
    current = {name: list(getattr(event, name).all()) for name in ("places", "actors", "documents")}
    if "span" in changes:
        moved: DateSpan = changes.pop("span")
        changes.update(date_start=moved.start, date_end=moved.end, date_precision=moved.precision)
    apply_changes(event, changes)
    reclassified = "classification" in changed
    require_public_references(
        event.classification,
        [
            (f"{name}.{index}", target)
            for name in ("places", "actors", "documents")
            for index, target in enumerate(links.get(name, current[name]))
            if reclassified or target not in current[name]
        ],
    )
    event.version += 1
    save_attributed(validated(event), actor=actor, reason=f"changed: {', '.join(sorted(changed))}")
    _set_links(event, **links)
    save_snapshot(EVENTS, event, actor=actor, reason=f"changed: {', '.join(sorted(changed))}")
    return event


def _set_links(event: Event, **links: Sequence[Any]) -> None:
    for name, targets in links.items():
        getattr(event, name).set(targets)


def sync_visit_entry(*, actor: Reader, visit: MonitoringVisit) -> Event:
    """Create or refresh the timeline entry of a monitoring visit (called inside the visit's transaction).

    The title is generated text every reader of the visit sees, so it names only the places all of them
    may read; the entry still links every place, each shown only to those who may read it.
    """
    places = list(visit.places.all())
    readers = Handling(visit.classification, visit.owner_id, visit.owner.is_osce)
    named = [p.name for p in places if covers(Handling(p.classification, p.owner_id), readers)]
    title = f"{visit.operation} monitoring visit to {', '.join(named) or 'the field'}"[:200]
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
