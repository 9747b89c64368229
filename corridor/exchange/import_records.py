"""Import events, activities or places: check the whole file, then write its rows through the services.

The file is read and checked first, outside any transaction (so parsing never holds the database's write
lock), finding rows that repeat a record; the checked rows are spooled to a temporary file
(`spool.RowSpool`), so memory stays flat. Then — only when the file may be written — one transaction
writes each spooled row in a savepoint, so a row is written whole or not at all. In all-or-nothing mode
any failure rolls back the lot; a dry run writes everything and rolls it back, so its counts are exact.
With a mapping's `cite:`, each record written cites the source at its row's locator.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, BinaryIO, Protocol

from django.db import IntegrityError, transaction

from corridor.core.exceptions import ConcurrentUpdate, NotFound, PermissionDenied, ValidationFailed
from corridor.exchange.check_places import PlaceChecker
from corridor.exchange.check_work import ActivityChecker, EventChecker
from corridor.exchange.checking import CheckContext
from corridor.exchange.choices import ImportKind, ImportMode
from corridor.exchange.citing import RowCitation
from corridor.exchange.limits import LimitExceeded
from corridor.exchange.pipeline import READING_SHARE, Prepared, Run, each_record, no_data, prepare
from corridor.exchange.records import RawRecord
from corridor.exchange.report import RowError
from corridor.exchange.spool import RowSpool
from corridor.exchange.tables import UnreadableFile
from corridor.exchange.writers import RowRefused, write_activity, write_event, write_place

_WRITE_FAILURES = (
    ValidationFailed, PermissionDenied, NotFound, ConcurrentUpdate, IntegrityError, RowRefused
)  # fmt: skip


class Checker(Protocol):
    def check(self, record: RawRecord, errors: list[RowError]) -> Any: ...


CHECKERS: dict[str, Callable[[CheckContext], Checker]] = {
    ImportKind.EVENTS: EventChecker,
    ImportKind.ACTIVITIES: ActivityChecker,
    ImportKind.PLACES: PlaceChecker,
}
WRITERS: dict[str, Callable[[Any, Any, RowCitation | None], str]] = {
    ImportKind.EVENTS: write_event,
    ImportKind.ACTIVITIES: write_activity,
    ImportKind.PLACES: write_place,
}
_NOUN: dict[str, str] = {
    ImportKind.EVENTS: "event",
    ImportKind.ACTIVITIES: "activity",
    ImportKind.PLACES: "place",
}


class _RollBack(Exception):
    pass


def import_records(run: Run, binary: BinaryIO, size: int) -> None:
    prepared = prepare(run, binary, size)
    if prepared is None:
        return
    with RowSpool() as checked:
        try:
            _check_all(run, prepared, checked)
        except (UnreadableFile, LimitExceeded) as error:
            run.refuse_file(error)
            return
        if no_data(run, prepared) or (run.sink and run.mode == ImportMode.ALL_OR_NOTHING):
            return
        if run.progress is not None:
            run.progress(READING_SHARE, "writing")
        try:
            with transaction.atomic():
                failed = _write_all(run, prepared, checked, refused_rows=run.sink.rows)
                if run.dry_run or (failed and run.mode == ImportMode.ALL_OR_NOTHING):
                    raise _RollBack
                run.report.written = True
        except _RollBack:
            if not run.dry_run:
                run.report.created = run.report.updated = run.report.unchanged = 0


def _check_all(run: Run, prepared: Prepared, checked: RowSpool) -> None:
    """Check every row; spool (row number, its checked records) for each row without an error."""
    checker = CHECKERS[run.kind](prepared.context)
    first_row: dict[object, int] = {}
    repeats: dict[int, list[int]] = {}
    for number, records in each_record(run, prepared):
        errors: list[RowError] = []
        items = []
        for record in records:
            item = checker.check(record, errors)
            if item is None:
                continue
            items.append(item)
            key = ("slug", item.slug) if getattr(item, "slug", "") else ("key", item.key)
            first = first_row.setdefault(key, number)
            if first != number:
                repeats.setdefault(first, []).append(number)
        for error in errors:
            run.sink.add(error)
        if not errors:
            checked.add((number, items))
    noun = _NOUN[run.kind]
    for first, later in repeats.items():
        run.sink.add(RowError(first, "", "", f"is the same {noun} as row {', '.join(map(str, later))}"))
        for number in later:
            run.sink.add(RowError(number, "", "", f"is the same {noun} as row {first}"))


def _write_all(run: Run, prepared: Prepared, checked: RowSpool, refused_rows: set[int]) -> bool:
    """Write every checked row not refused; return whether any write failed."""
    writer = WRITERS[run.kind]
    failed = False
    refused = set(refused_rows)  # the sink's own set grows as writes fail
    for number, items in checked:
        if number in refused:
            continue
        outcomes = []
        try:
            with transaction.atomic():
                citation = _citation(prepared, number)
                outcomes = [writer(run.actor, item, citation) for item in items]
        except _WRITE_FAILURES as error:
            failed = True
            run.sink.add(RowError(number, "", "", _reason(error)))
            continue
        for outcome in outcomes:
            setattr(run.report, outcome, getattr(run.report, outcome) + 1)
    return failed


def _citation(prepared: Prepared, row: int) -> RowCitation | None:
    if prepared.cite_source_id is None:
        return None
    return RowCitation(prepared.cite_source_id, prepared.context.locator(row))


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationFailed):
        return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.errors.items())
    return str(error)
