"""The mechanics every writer shares: who may write, validation, versions, and who did it.

Domain services (`record_event`, `log_visit`, …) call these inside their own `transaction.atomic`, so a
write is checked, validated, versioned and attributed the same way whichever interface asked for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import CharField, Model, TextField

from corridor.accounts.access import can_edit, can_read
from corridor.core.exceptions import ConcurrentUpdate, NotFound, PermissionDenied, ValidationFailed
from corridor.core.models import ClassifiedRecord, Record
from corridor.core.text import text_problem

if TYPE_CHECKING:
    from corridor.accounts.access import Reader

R = TypeVar("R", bound=Model)


def require_can_write(actor: Reader, *, owner_id: int | None) -> None:
    """Refuse a write on behalf of `owner_id` unless `actor` edits for that organisation."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied("sign in to change records")
    if not can_edit(actor, owner_id=owner_id):
        raise PermissionDenied("you may change only records your organisation owns, as an editor or above")


def require_can_change(actor: Reader, record: ClassifiedRecord) -> None:
    """Refuse a change to `record`: `NotFound` if the actor may not even read it, else `PermissionDenied`."""
    if not can_read(actor, classification=record.classification, owner_id=record.owner_id):
        raise NotFound("no such record")
    require_can_write(actor, owner_id=record.owner_id)


def validated(instance: R, *, prefix: str = "", exclude: Iterable[str] = ()) -> R:
    """Run the model's validation; raise `ValidationFailed` with each field's path ('findings.0.text')."""
    try:
        instance.full_clean(exclude=list(exclude))
        _check_texts(instance, exclude=set(exclude))
    except ValidationError as error:
        messages = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        raise ValidationFailed(
            {
                f"{prefix}{name}" if name != "__all__" else (prefix.rstrip(".") or name): texts
                for name, texts in messages.items()
            }
        ) from None
    return instance


def _check_texts(instance: Model, *, exclude: set[str]) -> None:
    """Refuse what `full_clean` lets through: a required text of spaces only, and text that cannot be
    stored and brought back (a NUL character, a lone surrogate: `corridor.core.text`)."""
    problems: dict[str, list[str]] = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude or not isinstance(field, CharField | TextField):
            continue
        value = getattr(instance, field.attname)
        if not isinstance(value, str):
            continue
        problem = text_problem(value)
        if problem:
            problems[field.name] = [problem]
        elif not field.blank and value and not value.strip():
            problems[field.name] = ["This field cannot be blank."]
    if problems:
        raise ValidationError(problems)


def save_attributed(instance: R, *, actor: Reader, reason: str = "") -> R:
    """Save with the actor and reason recorded in the record's history."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor  # type: ignore[attr-defined]
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]
    instance.save()
    return instance


def check_version(record: Record, expected_version: int | None) -> None:
    """Refuse the change when someone saved after the version the caller edited."""
    if expected_version is not None and record.version != expected_version:
        raise ConcurrentUpdate(expected=expected_version, current=record.version)


def apply_changes(record: R, changes: dict[str, Any]) -> list[str]:
    """Set the fields that differ; return their names (empty when nothing changes)."""
    changed = []
    for name, value in changes.items():
        field = record._meta.get_field(name)
        if field.many_to_one or field.one_to_one:
            current = getattr(record, field.attname)  # type: ignore[union-attr]
            differs = current != (value.pk if value is not None else None)
        else:
            differs = getattr(record, name) != value
        if differs:
            setattr(record, name, value)
            changed.append(name)
    return changed


def keep_rows(
    *,
    actor: Reader,
    existing: Iterable[Record],
    items: Sequence[Any],
    values: Callable[[Any, int], dict[str, Any]],
    new: Callable[[], Record],
    prefix: str,
    parent: str,
) -> None:
    """Make a record's rows (findings, quantities, participants) `items`, in order.

    An item whose `uid` names an existing row changes that row in place, keeping its identity and history
    (its version moves only if a value changed); an item without one is a new row; rows no item names are
    deleted. `values(item, index)` gives a row's field values; `prefix` names errors ('findings.2.text').
    """
    by_uid = {str(row.uid): row for row in existing}
    kept: set[str] = set()
    for index, item in enumerate(items):
        row = by_uid.get(str(item.uid)) if getattr(item, "uid", None) else None
        if row is None or str(row.uid) in kept:
            row = new()
        wanted = values(item, index)
        if row.pk is None:
            for name, value in wanted.items():
                setattr(row, name, value)
        elif apply_changes(row, wanted):
            row.version += 1
        else:
            kept.add(str(row.uid))
            continue
        save_attributed(validated(row, prefix=f"{prefix}.{index}.", exclude=[parent]), actor=actor)
        kept.add(str(row.uid))
    for uid, row in by_uid.items():
        if uid not in kept:
            row.delete()
