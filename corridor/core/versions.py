"""Versions of editable records: their whole state at each version, and edits reconciled with the saves
made since the version they started from.

A record kind that people edit declares its `Parts` — how each part of its state is read from the record,
written as a service's change, and merged (`core.merge`). Its services then:

- call `reconcile` before applying an edit: from the current version the edit applies as it is; from an
  older one it is merged three ways against the snapshot of that version, and either the merged changes
  come back to be applied, or `ConcurrentUpdate` carries the conflicts for the user to decide;
- call `save_snapshot` after every save, so the next conflicting edit, the record's history and a restore
  all find this version whole.

Text is compared as people see it: line endings and surrounding blanks do not make a change, so a form
saved without a change writes nothing.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from corridor.core.dates import DateSpan
from corridor.core.exceptions import ConcurrentUpdate
from corridor.core.merge import LIST, ROWS, SET, VALUE, Conflict, State, changed_parts, merge
from corridor.core.models import Snapshot

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


def normal_text(value: Any) -> str:
    """Text as compared between versions: one kind of line ending, no surrounding blanks."""
    return "" if value is None else str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _same_value(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class Part:
    """One part of a record's state.

    `read` takes it from the record; `to_state` turns a service's change into the state's value and
    `from_state` back; `change` is the service's keyword when it differs from `name` ('span' for 'date').
    `refers_to` names the model whose primary keys the part holds (a reference or a set of them), and
    `row_refers_to` the models whose keys a row's values hold, so interfaces can show keys people read.
    """

    name: str
    kind: str
    read: Callable[[Any], Any]
    to_state: Callable[[Any], Any] = _same_value
    from_state: Callable[[Any], Any] = _same_value
    change: str = ""
    label: str = ""
    refers_to: type[Model] | None = None
    row_refers_to: Mapping[str, type[Model]] = field(default_factory=dict)

    @property
    def keyword(self) -> str:
        return self.change or self.name


def text(name: str, label: str = "") -> Part:
    return Part(name, VALUE, lambda record: normal_text(getattr(record, name)), normal_text, label=label)


def plain(name: str, label: str = "") -> Part:
    return Part(name, VALUE, lambda record: getattr(record, name), label=label)


def span(name: str = "date", label: str = "", change: str = "span") -> Part:
    """A date with its precision, kept as its code; `None` for an undated record."""

    def read(record: Any) -> str | None:
        value = record.span
        return value.code if value is not None else None

    def from_state(code: str | None) -> DateSpan | None:
        return DateSpan.parse(code) if code else None

    return Part(
        name,
        VALUE,
        read,
        lambda value: value.code if value is not None else None,
        from_state,
        change=change,
        label=label,
    )


def foreign(name: str, model: type[Model], label: str = "") -> Part:
    """A reference to one record, kept as its primary key."""

    def from_state(pk: int | None) -> Model | None:
        return model._default_manager.filter(pk=pk).first() if pk is not None else None

    return Part(
        name,
        VALUE,
        lambda record: getattr(record, f"{name}_id"),
        lambda value: value.pk if value is not None else None,
        from_state,
        label=label,
        refers_to=model,
    )


def links(name: str, model: type[Model], label: str = "") -> Part:
    """A set of references (many-to-many), kept as sorted primary keys."""

    def from_state(pks: list[int]) -> list[Model]:
        found = {item.pk: item for item in model._default_manager.filter(pk__in=pks)}
        return [found[pk] for pk in pks if pk in found]

    return Part(
        name,
        SET,
        lambda record: sorted(getattr(record, name).values_list("pk", flat=True)),
        lambda values: sorted(item.pk for item in values),
        from_state,
        label=label,
        refers_to=model,
    )


def lines(name: str, read: Callable[[Any], list[str]], label: str = "") -> Part:
    """An ordered list of texts without identity (a meeting's decisions)."""
    return Part(
        name,
        LIST,
        lambda record: [normal_text(line) for line in read(record)],
        lambda values: [normal_text(line) for line in values],
        list,
        label=label,
    )


@dataclass(frozen=True)
class Rows:
    """Rows with identity: `read` lists the record's rows as dicts (`uid` and values, texts normalised);
    `to_dict` and `from_dict` convert one row of a service's change (an input dataclass)."""

    read: Callable[[Any], list[dict[str, Any]]]
    to_dict: Callable[[Any], dict[str, Any]]
    from_dict: Callable[[dict[str, Any]], Any]
    refers_to: Mapping[str, type[Model]] = field(default_factory=dict)


def rows(name: str, spec: Rows, label: str = "") -> Part:
    return Part(
        name,
        ROWS,
        spec.read,
        lambda values: [spec.to_dict(item) for item in values],
        lambda values: [spec.from_dict(row) for row in values],
        label=label,
        row_refers_to=spec.refers_to,
    )


@dataclass(frozen=True)
class Versioned:
    """An editable record kind: its model and the parts of its state."""

    model: type[Model]
    parts: Sequence[Part]

    @property
    def shape(self) -> dict[str, str]:
        return {part.name: part.kind for part in self.parts}

    def part(self, name: str) -> Part:
        return next(part for part in self.parts if part.name == name)

    def state_of(self, record: Any) -> State:
        return {part.name: part.read(record) for part in self.parts}

    def state_with(self, base: State, changes: Mapping[str, Any]) -> State:
        """`base` with a service's `changes` laid over it (what the edit would make of that version)."""
        state = copy.deepcopy(base)
        for part in self.parts:
            if part.keyword in changes:
                state[part.name] = part.to_state(changes[part.keyword])
        return state

    def changes_to(self, current: State, wanted: State) -> dict[str, Any]:
        """The service's changes that turn `current` into `wanted` (only the parts that differ)."""
        names = set(changed_parts(self.shape, current, wanted))
        return {part.keyword: part.from_state(wanted[part.name]) for part in self.parts if part.name in names}


@dataclass(frozen=True)
class MergeDetail:
    """What a conflicting save compared: the version the edit started from, the saved one, the edit,
    their merge, and what only the user can decide."""

    base: State
    theirs: State
    mine: State
    merged: State
    conflicts: list[Conflict]
    theirs_version: int
    saved_by: Any = None
    saved_at: Any = None
    kind: Versioned | None = None


@dataclass
class Reconciled:
    """The changes to apply, and whether they merged someone else's save (shown to the user)."""

    changes: dict[str, Any]
    merged_with: Snapshot | None = None
    parts_theirs_changed: list[str] = field(default_factory=list)


def _content_type(record: Model) -> ContentType:
    return ContentType.objects.get_for_model(type(record), for_concrete_model=True)


def snapshot_at(record: Model, version: int) -> Snapshot | None:
    return Snapshot.objects.filter(
        content_type=_content_type(record), object_id=record.pk, version=version
    ).first()


def snapshots_of(record: Model) -> list[Snapshot]:
    """Every kept version of `record`, oldest first."""
    return list(
        Snapshot.objects.filter(content_type=_content_type(record), object_id=record.pk)
        .select_related("saved_by")
        .order_by("version")
    )


def save_snapshot(kind: Versioned, record: Any, *, actor: Reader = None, reason: str = "") -> Snapshot:
    """Keep `record`'s state at its current version (once: a version's snapshot never changes)."""
    existing = snapshot_at(record, record.version)
    if existing is not None:
        return existing
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    values = {
        "state": kind.state_of(record),
        "saved_by": user,
        "saved_at": timezone.now(),
        "reason": reason[:200],
    }
    try:
        with transaction.atomic():
            return Snapshot.objects.create(
                content_type=_content_type(record), object_id=record.pk, version=record.version, **values
            )
    except IntegrityError:
        found = snapshot_at(record, record.version)
        assert found is not None
        return found


def ensure_snapshot(kind: Versioned, record: Any) -> Snapshot:
    """The snapshot of `record`'s current version, kept now if it was saved before versions were kept
    whole (every save through a service moves the version, so the current state is that version's)."""
    return save_snapshot(kind, record, reason="kept when first edited")


def reconcile(
    kind: Versioned, record: Any, expected_version: int | None, changes: Mapping[str, Any]
) -> Reconciled:
    """The changes to apply to `record` (locked by the caller) for an edit made from `expected_version`.

    From the current version (or with no version named: an operator's write) the edit applies as it is.
    From an older one, it is merged with what was saved since: the merged changes come back when nothing
    conflicts; otherwise `ConcurrentUpdate` carries the `MergeDetail`. Without the older version's snapshot
    nothing can be merged, and the edit is refused as a conflict on every part it changes.
    """
    if expected_version is None or expected_version == record.version:
        return Reconciled(dict(changes))
    theirs = kind.state_of(record)
    current = snapshot_at(record, record.version)
    saved_by = current.saved_by if current is not None else None
    saved_at = current.saved_at if current is not None else None
    started = snapshot_at(record, expected_version)
    if started is None or expected_version > record.version:
        mine = kind.state_with(theirs, changes)
        conflicts = [
            Conflict(name, None, theirs.get(name), mine.get(name))
            for name in changed_parts(kind.shape, theirs, mine)
        ]
        detail = MergeDetail(
            theirs, theirs, mine, theirs, conflicts, record.version, saved_by, saved_at, kind
        )
        raise ConcurrentUpdate(expected=expected_version, current=record.version, detail=detail)
    base = started.state
    mine = kind.state_with(base, changes)
    result = merge(kind.shape, base, theirs, mine)
    if not result.clean:
        detail = MergeDetail(
            base, theirs, mine, result.merged, result.conflicts, record.version, saved_by, saved_at, kind
        )
        raise ConcurrentUpdate(expected=expected_version, current=record.version, detail=detail)
    return Reconciled(
        kind.changes_to(theirs, result.merged),
        merged_with=current,
        parts_theirs_changed=changed_parts(kind.shape, base, theirs),
    )


def part_labels(kind: Versioned, names: Iterable[str]) -> list[str]:
    return [kind.part(name).label or name.replace("_", " ") for name in names]
