"""The 412 answer to an edit that conflicts with a save made meanwhile: the version the edit started from
(`base`), the saved one (`theirs`), the edit (`mine`), their merge and each conflict at its path
(`team`, `findings/<uid>/concern`), as the caller may read them.

States hold database keys for the records they reference; the answer names them as the API does (slugs,
country codes, `operation:clause` for mandate clauses). A reference the caller may not read is withheld:
left out of a set, `null` as a single value. Who saved theirs is named only as `person_label` allows,
never by username; when in doubt only the time is given.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model

from corridor.accounts.access import Reader, hidden_ids, person_label
from corridor.core.exceptions import ConcurrentUpdate
from corridor.core.merge import DELETED, ROWS, SET, Conflict, State
from corridor.core.versions import MergeDetail, Part
from corridor.geo.models import Country
from corridor.knowledge.models import Mandate, MandateClause

Keys = Callable[[Any], Any]


def conflict_body(reader: Reader, error: ConcurrentUpdate) -> dict[str, Any]:
    body: dict[str, Any] = {
        "detail": str(error),
        "expected_version": error.expected,
        "current_version": error.current,
    }
    detail: MergeDetail | None = error.detail
    if detail is None or detail.kind is None:
        return body
    parts = {part.name: part for part in detail.kind.parts}
    keys = _KeyNamer(reader)
    body.update(
        saved_by=person_label(reader, detail.saved_by),
        saved_at=detail.saved_at.isoformat() if detail.saved_at is not None else None,
        base=_state(parts, detail.base, keys),
        theirs=_state(parts, detail.theirs, keys),
        mine=_state(parts, detail.mine, keys),
        merged=_state(parts, detail.merged, keys),
        conflicts=[_conflict(parts[conflict.part], conflict, keys) for conflict in detail.conflicts],
    )
    return body


def _state(parts: dict[str, Part], state: State, keys: _KeyNamer) -> dict[str, Any]:
    return {name: _value(part, state.get(name), keys) for name, part in parts.items()}


def _value(part: Part, value: Any, keys: _KeyNamer) -> Any:
    if part.kind == ROWS:
        return [_row(part, row, keys) for row in value or []]
    if part.refers_to is None:
        return value
    if part.kind == SET:
        named = [keys.name(part.refers_to, pk) for pk in value or []]
        return sorted(name for name in named if name is not None)
    return keys.name(part.refers_to, value)


def _row(part: Part, row: Any, keys: _KeyNamer) -> Any:
    if not isinstance(row, dict):
        return row
    return {
        name: keys.name(part.row_refers_to[name], value) if name in part.row_refers_to else value
        for name, value in row.items()
    }


def _conflict(part: Part, conflict: Conflict, keys: _KeyNamer) -> dict[str, Any]:
    def shown(value: Any) -> Any:
        if value == DELETED:
            return value
        if conflict.row and conflict.name:
            model = part.row_refers_to.get(conflict.name)
            return keys.name(model, value) if model is not None else value
        if conflict.row:
            return _row(part, value, keys)
        return _value(part, value, keys)

    return {
        "path": conflict.key,
        "base": shown(conflict.base),
        "theirs": shown(conflict.theirs),
        "mine": shown(conflict.mine),
    }


class _KeyNamer:
    """Database keys to the names the API uses, for one reader; a key they may not read names nothing."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.names: dict[tuple[type[Model], Any], str | None] = {}

    def name(self, model: type[Model], pk: Any) -> str | None:
        if pk is None:
            return None
        if (model, pk) not in self.names:
            self.names[(model, pk)] = self._look_up(model, pk)
        return self.names[(model, pk)]

    def _look_up(self, model: type[Model], pk: Any) -> str | None:
        if model is Country:
            return Country.objects.filter(pk=pk).values_list("code", flat=True).first()
        if model is MandateClause:
            clause = MandateClause.objects.filter(pk=pk).values_list(
                "mandate_id", "mandate__operation__slug", "ref"
            )
            found = clause.first()
            if found is None or found[0] in hidden_ids(self.reader, Mandate):
                return None
            return f"{found[1]}:{found[2]}"
        if pk in hidden_ids(self.reader, model):
            return None
        slug: str | None = model._default_manager.filter(pk=pk).values_list("slug", flat=True).first()
        return slug
