"""A mapping's `cite:` for events, activities and places, as the bulk writer applies it to observations.

Observations are cited set-based by `monitoring.bulk`; the records written one row at a time are cited
here, inside the row's savepoint. A record keeps the citations it has: a row adds its own (source and
locator) only when the record lacks it, so importing a file again adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Model

from corridor.core.models import Citation
from corridor.core.services import save_attributed, validated
from corridor.exchange.acting import Actor, history_user


@dataclass(frozen=True, slots=True)
class RowCitation:
    """Where one row's record comes from: a stored source and the row's locator in it."""

    source_id: int
    locator: str


def cite_record(actor: Actor, record: Model, citation: RowCitation) -> bool:
    """Give `record` the row's citation unless it already has it; return whether one was added."""
    content_type = ContentType.objects.get_for_model(type(record))
    cited = Citation.objects.filter(content_type=content_type, object_id=record.pk)
    if cited.filter(source_id=citation.source_id, locator=citation.locator).exists():
        return False
    last = cited.aggregate(last=Max("position"))["last"]
    added = Citation(
        source_id=citation.source_id,
        locator=citation.locator,
        position=0 if last is None else last + 1,
        content_type=content_type,
        object_id=record.pk,
    )
    save_attributed(
        validated(added),
        actor=history_user(actor),
        reason="recorded",
    )
    return True
