"""Write many flow observations at once, with exactly `record_observation`'s semantics, set-based.

For each row, keyed by place, period (start and end), metric, breakdown, source organisation and owner
(each organisation keeps its own figure: a row only ever meets its own owner's current figure, which the
importing user — an editor of that owner — may read):

- no current observation → a new one ('created');
- a current one with the same value and value status → nothing at all ('unchanged');
- a current one with another value or status → it is kept with `is_current=False` and a new current row
  points at it through `revision_of` ('revised').

History rows are written as the service writes them ('+' "recorded" for new rows, '~' "revised" for the
rows they replace, naming the actor), and each new row may cite a source at its own locator.

How: rows are staged in a temporary table (PostgreSQL: COPY in chunks; SQLite: executemany), then a few
INSERT … SELECT / UPDATE statements do the work. Memory stays flat whatever the number of rows. Call
inside `transaction.atomic()`; nothing is visible to others before it commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from types import TracebackType
from typing import TYPE_CHECKING, Any, NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from corridor.core.exceptions import ValidationFailed
from corridor.core.services import require_can_write
from corridor.monitoring.bulk_sql import StagingSql

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


class ObservationRow(NamedTuple):
    """One observation to write; `line` says where it came from, `locator` what a citation points at.

    A revision of a current figure keeps that figure's classification unless the row states one
    (`classification_stated`), and never widens who reads it unless the writer may publish for the owner
    (`may_widen`): an import from an editor never makes a figure more widely readable.
    """

    line: int
    place_id: int
    metric: str
    date_start: date
    date_end: date
    date_precision: str
    value: int | None
    value_status: str
    value_qualifier: str
    sex: str
    age_group: str
    nationality: str
    source_organisation_id: int
    owner_id: int
    reliability: str
    classification: str
    note: str
    locator: str = ""
    classification_stated: bool = True
    may_widen: bool = True


@dataclass(frozen=True, slots=True)
class BulkOutcome:
    created: int
    revised: int
    unchanged: int

    @property
    def written(self) -> int:
        return self.created + self.revised


class ObservationBatch:
    """Stage rows, look for duplicate keys, then plan (count only) or apply.

    with transaction.atomic(), ObservationBatch(actor=user) as batch:
        for row in rows:
            batch.add(row)
        for lines in batch.duplicate_lines(): ...
        outcome = batch.apply()
    """

    def __init__(
        self,
        *,
        actor: Reader,
        reason: str = "recorded",
        cite_source_id: int | None = None,
        check_permissions: bool = True,
        chunk_size: int = 20_000,
    ) -> None:
        self.actor = actor
        self.reason = reason
        self.cite_source_id = cite_source_id
        self.check_permissions = check_permissions
        self.chunk_size = chunk_size
        self.staged = 0
        self._pending: list[tuple[Any, ...]] = []
        self._allowed_owners: set[int] = set()
        self._sql = StagingSql(connection, suffix=uuid.uuid4().hex[:10])

    def __enter__(self) -> ObservationBatch:
        if not connection.in_atomic_block:
            raise RuntimeError("ObservationBatch must run inside transaction.atomic()")
        self._sql.create()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        # After an error the transaction rolls back, and the temporary tables with it.
        if kind is None:
            self._sql.drop()

    def add(self, row: ObservationRow) -> None:
        if self.check_permissions and row.owner_id not in self._allowed_owners:
            require_can_write(self.actor, owner_id=row.owner_id)
            self._allowed_owners.add(row.owner_id)
        self.staged += 1
        self._pending.append((self.staged, *row))
        if len(self._pending) >= self.chunk_size:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            self._sql.stage_rows(self._pending)
            self._pending = []

    def duplicate_lines(self) -> Iterator[list[int]]:
        """For each key staged more than once, the lines that share it (in order)."""
        self.flush()
        yield from self._sql.duplicate_lines()

    def discard_lines(self, lines: Iterable[int]) -> None:
        """Drop every staged row from these lines (a row is written whole or not at all)."""
        self.flush()
        self._sql.discard_lines(lines)

    def publishing_lines(self) -> list[int]:
        """Lines whose row would publish — create a figure its file states public, or widen who reads a
        current one — without the writer being allowed to (`ObservationRow.may_widen`)."""
        self.flush()
        return self._sql.publishing_lines()

    def plan(self) -> BulkOutcome:
        """What `apply` would do, writing nothing."""
        self.flush()
        self._sql.analyse()
        total, matched, changed = self._sql.plan()
        return BulkOutcome(created=total - matched, revised=changed, unchanged=matched - changed)

    def apply(self) -> BulkOutcome:
        planned = self.plan()
        now = timezone.now()
        user_id = self.actor.pk if self.actor is not None and self.actor.is_authenticated else None
        revised = self._sql.retire_replaced(now=now, user_id=user_id)
        any_current = planned.revised + planned.unchanged > 0
        inserted = self._sql.insert_current(
            now=now, user_id=user_id, reason=self.reason, any_current=any_current
        )
        if self.cite_source_id is not None:
            from corridor.monitoring.models import FlowObservation

            content_type = ContentType.objects.get_for_model(FlowObservation)
            self._sql.insert_citations(
                now=now, user_id=user_id, source_id=self.cite_source_id, content_type_id=content_type.pk
            )
        if (inserted, revised) != (planned.written, planned.revised):
            raise RuntimeError(f"the bulk write inserted {inserted} and retired {revised}, not {planned}")
        return planned


def write_observations(
    *,
    actor: Reader,
    rows: Iterable[ObservationRow],
    reason: str = "recorded",
    cite_source_id: int | None = None,
) -> BulkOutcome:
    """Write `rows` in one transaction; refuse (writing nothing) if two rows share a key."""
    with (
        transaction.atomic(),
        ObservationBatch(actor=actor, reason=reason, cite_source_id=cite_source_id) as batch,
    ):
        for row in rows:
            batch.add(row)
        duplicates = list(batch.duplicate_lines())
        if duplicates:
            raise ValidationFailed(
                {
                    "rows": [
                        f"lines {', '.join(map(str, lines))} are the same observation" for lines in duplicates
                    ]
                }
            )
        return batch.apply()
