"""Editing a record in a page, the same way for every kind: the form opens from the record's state at its
version, saves only what changed, merges a save made meanwhile, and asks about what both changed.

A kind's `EditSpec` says how its state fills the form (`initial`), how the form becomes the service's
changes (`changes`) and which service saves them (`save`). `edit_page` does the rest:

- GET: who may not change the record gets the 403 page (why, whom to ask); others get the form, filled
  from the record's state, carrying its version (whose snapshot is kept, to merge against later);
- POST from the current version: the service applies what differs (nothing, if nothing does);
- POST from an older version: the service merges (`core.versions.reconcile`). Clean: saved, and the
  message names who saved meanwhile and what of theirs was kept. Conflicting: nothing is saved; the form
  comes back filled with the merge — the user's own values where both changed — and, per conflict, their
  value and the user's side by side with who saved theirs and when, to keep theirs, keep one's own or
  keep the value as edited in the form. Saving then applies exactly those choices (they travel signed).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.timezone import localtime

from corridor.accounts.access import may_change, name_or_withheld, person_label, refusal_reason
from corridor.core.exceptions import ConcurrentUpdate, PermissionDenied, ValidationFailed
from corridor.core.merge import DELETED, ROWS, Conflict
from corridor.core.versions import Versioned, ensure_snapshot, part_labels, snapshot_at
from corridor.web.editing import show_service_errors

_SALT = "corridor.web.conflict"
CHOICES = ("theirs", "mine", "edited")


class EditSpec(Protocol):
    kind: Versioned
    noun: str

    def form(self, request: HttpRequest, record: Any, data: Any, initial: dict[str, Any]) -> forms.Form: ...

    def formsets(
        self, request: HttpRequest, data: Any, rows: dict[str, list[dict[str, Any]]]
    ) -> list[tuple[str, Any]]: ...

    def initial(self, request: HttpRequest, state: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """The form's initial values and each formset's initial rows, from a state."""

    def changes(
        self, request: HttpRequest, record: Any, form: forms.Form, formsets: list[tuple[str, Any]]
    ) -> dict[str, Any]:
        """The service's changes for a valid form."""

    def save(
        self, request: HttpRequest, record: Any, version: int | None, changes: dict[str, Any]
    ) -> Any: ...

    def describe(self, request: HttpRequest, part: str, value: Any) -> str:
        """A part's value in words, for the conflict table."""

    def done(self, record: Any) -> HttpResponse: ...

    def title(self, record: Any) -> str: ...

    def cancel_url(self, record: Any) -> str: ...


@dataclass(frozen=True)
class ConflictChoice:
    key: str
    label: str
    theirs: str
    mine: str
    editable: bool
    chosen: str = ""


def require_may_change(request: HttpRequest, record: Any, *, owner: Any, noun: str) -> None:
    """403 (with why and whom to ask) unless the user may save changes to `record`."""
    if not may_change(request.user, classification=record.classification, owner_id=owner.pk):
        raise Forbidden(
            refusal_reason(owner_name=name_or_withheld(request.user, owner), action=f"change this {noun}")
        )


def edit_page(request: HttpRequest, spec: EditSpec, record: Any) -> HttpResponse:
    ensure_snapshot(spec.kind, record)
    state = spec.kind.state_of(record)
    initial, rows = spec.initial(request, state)
    initial["version"] = record.version
    data = request.POST if request.method == "POST" else None
    form = spec.form(request, record, data, initial)
    formsets = spec.formsets(request, data, rows)
    conflict: dict[str, Any] | None = None
    if data is not None:
        token = data.get("conflict", "")
        pending = _read_token(token) if token else None
        if pending is not None:
            conflict = _context(spec, request, pending["conflicts"], pending, data)
        if form.is_valid() and all(formset.is_valid() for _, formset in formsets):
            changes = spec.changes(request, record, form, formsets)
            version = form.cleaned_data.get("version")
            if pending is not None:
                changes = _resolved(spec, record, pending, changes, data, form)
            if not form.errors:
                try:
                    saved = spec.save(request, record, version, changes)
                except ConcurrentUpdate as clash:
                    form, formsets, conflict = _conflict_form(spec, request, record, clash, changes)
                except ValidationFailed as error:
                    show_service_errors(
                        form, error, {"date_start": "date", "date_end": "date", "span": "date"}
                    )
                except PermissionDenied as error:
                    form.add_error(None, str(error))
                else:
                    _say_saved(request, spec, saved)
                    return spec.done(saved)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "formsets": formsets,
            "conflict": conflict,
            "title": spec.title(record),
            "cancel_url": spec.cancel_url(record),
        },
    )


def _say_saved(request: HttpRequest, spec: EditSpec, saved: Any) -> None:
    reconciled = getattr(saved, "reconciled", None)
    merged_with = getattr(reconciled, "merged_with", None)
    if reconciled is None or merged_with is None:
        messages.success(request, f"{spec.noun.capitalize()} saved.")
        return
    theirs = ", ".join(part_labels(spec.kind, reconciled.parts_theirs_changed)).lower()
    who = _who(request.user, merged_with.saved_by)
    messages.success(
        request,
        f"{spec.noun.capitalize()} saved. {who} had saved changes meanwhile "
        f"({theirs}); yours and theirs are both kept.",
    )


def _who(viewer: Any, user: Any) -> str:
    """Who saved, as `viewer` may name them (`person_label`: never another's user name)."""
    return person_label(viewer, user) or "Someone"


def who_saved(reader: Any, user: Any, record: Any) -> str:
    """Who saved a version, as `reader` may be told (`person_label`): never another's user name; by name
    to colleagues; the platform when no user saved it."""
    if user is None:
        return "the platform (a load or an import)"
    return person_label(reader, user) or "an editor"


def _when(moment: Any) -> str:
    return date_format(localtime(moment), "j F Y, H:i") if moment is not None else ""


def _conflict_form(
    spec: EditSpec, request: HttpRequest, record: Any, clash: ConcurrentUpdate, changes: dict[str, Any]
) -> tuple[forms.Form, list[tuple[str, Any]], dict[str, Any] | None]:
    """The form again, filled with the merge (the user's values where both changed), and the conflicts."""
    detail = clash.detail
    record.refresh_from_db()
    if detail is None:  # nothing to compare: start again from the saved version
        state = spec.kind.state_of(record)
        initial, rows = spec.initial(request, state)
        initial["version"] = record.version
        return spec.form(request, record, None, initial), spec.formsets(request, None, rows), None
    shown = copy.deepcopy(detail.merged)
    for conflict in detail.conflicts:
        _set(shown, conflict, conflict.mine)
    initial, rows = spec.initial(request, shown)
    initial["version"] = detail.theirs_version
    pending = {
        "version": detail.theirs_version,
        "conflicts": [_dump(conflict) for conflict in detail.conflicts],
        "rows": _row_positions(detail.merged, detail.conflicts),
        "saved_by": _who(request.user, detail.saved_by),
        "saved_at": _when(detail.saved_at),
    }
    form = spec.form(request, record, None, initial)
    return (
        form,
        spec.formsets(request, None, rows),
        _context(spec, request, pending["conflicts"], pending, None),
    )


def _context(
    spec: EditSpec, request: HttpRequest, conflicts: list[dict[str, Any]], pending: dict[str, Any], data: Any
) -> dict[str, Any]:
    choices = []
    for item in conflicts:
        conflict = _load(item)
        label = _label(spec, conflict, pending.get("rows"))
        row_part = spec.kind.shape.get(conflict.part) == ROWS
        theirs = _describe(spec, request, conflict, conflict.theirs)
        mine = _describe(spec, request, conflict, conflict.mine)
        chosen = data.get(f"resolve-{conflict.key}", "") if data is not None else ""
        choices.append(
            ConflictChoice(
                conflict.key, label, theirs, mine, editable=not row_part or bool(conflict.name), chosen=chosen
            )
        )
    return {
        "version": pending["version"],
        "saved_by": pending["saved_by"],
        "saved_at": pending["saved_at"],
        "choices": choices,
        "token": signing.dumps(pending, salt=_SALT, compress=True),
    }


def _row_positions(state: dict[str, Any], conflicts: list[Conflict]) -> dict[str, int]:
    """Each conflicting row's place in its list as the form shows it (1 for the first finding)."""
    positions = {}
    for conflict in conflicts:
        if conflict.row:
            rows = state.get(conflict.part) or []
            uids = [str(row.get("uid")) for row in rows]
            positions[conflict.row] = uids.index(conflict.row) + 1 if conflict.row in uids else len(uids) + 1
    return positions


def _label(spec: EditSpec, conflict: Conflict, positions: dict[str, int] | None = None) -> str:
    """'Follow-up', or for a row 'Finding 1 — concern' ('Finding 1' when the whole row is in question)."""
    part = part_labels(spec.kind, [conflict.part])[0]
    if not conflict.row:
        return part
    single = part[:-1] if part.endswith("s") else part
    row = f"{single} {(positions or {}).get(conflict.row, '')}".strip()
    return f"{row} — {conflict.name.replace('_', ' ')}" if conflict.name else row


def _describe(spec: EditSpec, request: HttpRequest, conflict: Conflict, value: Any) -> str:
    if value == DELETED:
        return "deleted"
    if conflict.row and conflict.name:
        return spec.describe(request, f"{conflict.part}.{conflict.name}", value)
    return spec.describe(request, conflict.part, value)


def _resolved(
    spec: EditSpec, record: Any, pending: dict[str, Any], changes: dict[str, Any], data: Any, form: forms.Form
) -> dict[str, Any]:
    """The user's changes with each conflict settled as they chose (theirs, mine, or as edited)."""
    started = snapshot_at(record, pending["version"])
    base = started.state if started is not None else spec.kind.state_of(record)
    state = spec.kind.state_with(base, changes)
    for item in pending["conflicts"]:
        conflict = _load(item)
        choice = data.get(f"resolve-{conflict.key}", "")
        if choice not in CHOICES:
            form.add_error(
                None,
                f"Choose which to keep for “{_label(spec, conflict, pending.get('rows'))}”: theirs, yours "
                "or as edited.",
            )
            continue
        if choice == "theirs":
            _set(state, conflict, conflict.theirs)
        elif choice == "mine":
            _set(state, conflict, conflict.mine)
    return spec.kind.changes_to(base, state) if not form.errors else changes


def _set(state: dict[str, Any], conflict: Conflict, value: Any) -> None:
    """Put `value` at the conflict's place in `state` (a row's value, a whole row, or a part)."""
    if not conflict.row:
        state[conflict.part] = copy.deepcopy(value)
        return
    rows: list[dict[str, Any]] = state.setdefault(conflict.part, [])
    index = next((i for i, row in enumerate(rows) if row.get("uid") == conflict.row), None)
    if conflict.name:
        if index is not None:
            rows[index][conflict.name] = copy.deepcopy(value)
    elif value == DELETED:
        if index is not None:
            del rows[index]
    elif index is None:
        rows.append(copy.deepcopy(value))
    else:
        rows[index] = copy.deepcopy(value)


def _dump(conflict: Conflict) -> dict[str, Any]:
    return {
        "part": conflict.part,
        "row": conflict.row,
        "name": conflict.name,
        "base": conflict.base,
        "theirs": conflict.theirs,
        "mine": conflict.mine,
    }


def _load(item: dict[str, Any]) -> Conflict:
    return Conflict(item["part"], item["base"], item["theirs"], item["mine"], item["row"], item["name"])


def _read_token(token: str) -> dict[str, Any] | None:
    try:
        loaded: dict[str, Any] = signing.loads(token, salt=_SALT, max_age=24 * 3600)
    except signing.BadSignature:
        return None
    return loaded


def describe_choice(choices: Sequence[tuple[Any, Any]], value: Any) -> str:
    """A choice's label ('Critical' for 'critical')."""
    return str(dict(choices).get(value, value if value not in (None, "") else "—"))


def describe_names(model: Any, request: HttpRequest, pks: Any) -> str:
    """Referenced records by name ('—' when none), withheld where the reader may not see them."""
    if pks in (None, [], ""):
        return "—"
    keys = pks if isinstance(pks, list) else [pks]
    found = {item.pk: item for item in model._default_manager.filter(pk__in=keys)}
    return ", ".join(name_or_withheld(request.user, found.get(pk)) or "—" for pk in keys)


Describer = Callable[[HttpRequest, Any], str]
