"""Import flow observations: check every row, stage the clean ones, then write them set-based.

Rows are read and checked as they stream in, outside any transaction, and the clean ones are spooled to
a temporary file (`spool.RowSpool`): parsing a long file never holds the database's write lock. Then one
short transaction stages the spooled rows in a temporary table (`monitoring.bulk.ObservationBatch`),
finds the rows within the file that repeat one observation, and, unless errors refuse the file, applies
the batch with `record_observation`'s semantics (same value → unchanged, another value → a revision
keeping the old row). A dry run plans and rolls back. In valid-rows-only mode a row is staged only if all
its records are valid, and rows sharing a key are left out whole.
"""

from __future__ import annotations

from typing import BinaryIO

from django.db import IntegrityError, transaction

from corridor.exchange.acting import history_user
from corridor.exchange.check_observations import ObservationChecker
from corridor.exchange.choices import ImportMode
from corridor.exchange.limits import LimitExceeded
from corridor.exchange.pipeline import READING_SHARE, Prepared, Run, each_record, no_data, prepare
from corridor.exchange.report import RowError
from corridor.exchange.spool import RowSpool
from corridor.exchange.tables import UnreadableFile
from corridor.monitoring.bulk import BulkOutcome, ObservationBatch, ObservationRow


class _RollBack(Exception):
    """Leave the transaction without writing (a dry run, or a refused file)."""


def import_observations(run: Run, binary: BinaryIO, size: int) -> None:
    prepared = prepare(run, binary, size)
    if prepared is None:
        return
    with RowSpool() as checked:
        try:
            _check(run, prepared, checked)
        except (UnreadableFile, LimitExceeded) as error:
            run.refuse_file(error)
            return
        if no_data(run, prepared):
            return
        _write(run, prepared, checked)


def _check(run: Run, prepared: Prepared, checked: RowSpool) -> None:
    """Read and check every row (no transaction is open), spooling the rows whose records are all valid."""
    checker = ObservationChecker(prepared.context)
    for _, records in each_record(run, prepared):
        errors: list[RowError] = []
        rows = [checker.check(record, errors) for record in records]
        if errors:
            for error in errors:
                run.sink.add(error)
            continue
        for row in rows:
            assert isinstance(row, ObservationRow)
            checked.add(row)


def _write(run: Run, prepared: Prepared, checked: RowSpool) -> None:
    """Stage the checked rows and write them, in one transaction (rolled back for a dry run or errors)."""
    if run.progress is not None:
        run.progress(READING_SHARE, "writing")
    try:
        with transaction.atomic():
            batch = ObservationBatch(
                actor=history_user(run.actor),
                reason="recorded",
                cite_source_id=prepared.cite_source_id,
                check_permissions=False,  # each row's owner was checked, with its row and column
            )
            with batch:
                for row in checked:
                    batch.add(row)
                repeated = _report_duplicates(run, batch) | _report_publishing(run, batch)
                if run.sink and run.mode == ImportMode.ALL_OR_NOTHING:
                    raise _RollBack
                if repeated:
                    batch.discard_lines(repeated)
                outcome = batch.plan() if run.dry_run else batch.apply()
                _count(run, outcome)
            if run.dry_run:
                raise _RollBack
    except _RollBack:
        return
    except IntegrityError:
        # Another import wrote a current figure for one of these keys after this one looked.
        run.report.created = run.report.revised = run.report.unchanged = 0
        run.report.written = False
        run.problem(None, "", "another import changed some of the same observations meanwhile: import again")


def _report_duplicates(run: Run, batch: ObservationBatch) -> set[int]:
    repeated: set[int] = set()
    for lines in batch.duplicate_lines():
        distinct = sorted(set(lines))
        for line in distinct:
            others = [str(other) for other in distinct if other != line]
            where = f"row {', '.join(others)}" if others else "another record of the same row"
            run.sink.add(
                RowError(
                    line,
                    "",
                    "",
                    f"is the same observation as {where} (same place, period, metric, breakdown and source)",
                )
            )
        repeated.update(distinct)
    return repeated


def _report_publishing(run: Run, batch: ObservationBatch) -> set[int]:
    lines = batch.publishing_lines()
    for line in lines:
        run.sink.add(
            RowError(
                line,
                "classification",
                "",
                "would make this figure readable by more people than now (public, or internal from "
                "restricted): only a focal point or an administrator of its owner does that; leave the "
                "column empty to keep the figure's classification",
            )
        )
    return set(lines)


def _count(run: Run, outcome: BulkOutcome) -> None:
    run.report.created = outcome.created
    run.report.revised = outcome.revised
    run.report.unchanged = outcome.unchanged
    run.report.written = not run.dry_run
