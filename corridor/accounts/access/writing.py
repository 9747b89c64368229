"""What a write may decide about who reads the record: its classification, and what it may name.

- A new record's classification is the one its author chose or, when they chose none, the owning
  organisation's default for that kind of record (`ClassificationDefault`, set by the organisation's
  administrators; internal where none is set). Nothing becomes public by omission.
- Publishing — choosing public, or widening a record's readership (restricted → internal, any → public) —
  is approving: only a focal point or an administrator of the owner does it. An organisation's default
  applies to all its writers, since its administrators chose it.
- A public record names only public records (places, organisations, documents): a reference that fewer
  people may read would otherwise reach everyone through it. Internal and restricted records may name
  narrower ones; readers who may not see them get the reference withheld (`references`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from corridor.accounts.access.records import can_approve
from corridor.core.choices import Classification
from corridor.core.exceptions import PermissionDenied, ValidationFailed

if TYPE_CHECKING:
    from corridor.accounts.access.records import Reader

FALLBACK_DEFAULT = Classification.INTERNAL


def default_classification(owner_id: int | None, kind: str) -> str:
    """The classification `owner_id`'s new records of `kind` get when their author chooses none."""
    from corridor.accounts.models import ClassificationDefault

    if owner_id is None:
        return FALLBACK_DEFAULT
    chosen = (
        ClassificationDefault.objects.filter(organisation_id=owner_id, kind=kind)
        .values_list("classification", flat=True)
        .first()
    )
    return chosen or FALLBACK_DEFAULT


def new_record_classification(
    actor: Reader, *, owner_id: int | None, kind: str, chosen: str | None, as_operator: bool = False
) -> str:
    """The classification of a new record: `chosen`, or the owner's default when none was chosen.

    Choosing public is publishing, refused to those who may not approve for the owner (an operator's
    command, loading files that state their classification, is not refused).
    """
    if not chosen:
        return default_classification(owner_id, kind)
    _require_known(chosen)
    if chosen == Classification.PUBLIC and not as_operator:
        require_may_publish(actor, owner_id=owner_id)
    return chosen


def require_may_reclassify(actor: Reader, *, owner_id: int | None, old: str, new: str) -> None:
    """Refuse a change that widens who reads a record unless `actor` approves for its owner."""
    _require_known(new)
    if Classification.rank(new) < Classification.rank(old):
        require_may_publish(actor, owner_id=owner_id)


def require_may_publish(actor: Reader, *, owner_id: int | None) -> None:
    if not can_approve(actor, owner_id=owner_id):
        raise PermissionDenied(
            "only a focal point or an administrator of the owning organisation makes a record public or "
            "widens who may read it; save it as internal or restricted and ask them to publish it"
        )


def require_public_references(classification: str, references: Iterable[tuple[str, Any]]) -> None:
    """Refuse a public record that names a record not everyone may read.

    `references` are (field path, referenced record) pairs, e.g. ("places.0", place); a referenced record
    carries its own `classification`.
    """
    if classification != Classification.PUBLIC:
        return
    problems = {
        path: [
            f"“{record}” is not public, so a public record cannot name it: make this record internal or "
            "restricted, or leave it out"
        ]
        for path, record in references
        if record is not None and getattr(record, "classification", Classification.PUBLIC) != "public"
    }
    if problems:
        raise ValidationFailed(problems)


def _require_known(classification: str) -> None:
    if classification not in Classification.values:
        raise ValidationFailed(
            {"classification": [f"{classification!r} is not one of {', '.join(Classification.values)}"]}
        )
