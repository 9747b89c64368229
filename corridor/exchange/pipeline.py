"""The import pipeline's shared stages: open the file, find its layout, bind its columns, set up checks.

`prepare` returns everything a kind's importer needs, or adds the file-level problem to the error sink
and returns None. Kinds then stream rows through `each_record` (observations: `import_observations`;
events, activities, places: `import_records`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from corridor.core.models import Source
from corridor.exchange.acting import Actor
from corridor.exchange.binding import Binding, BindingInvalid, ImpliedValues, bind
from corridor.exchange.check_observations import REQUIRED as OBSERVATION_REQUIRED
from corridor.exchange.check_observations import implied_metric
from corridor.exchange.check_places import PLACE_REQUIRED
from corridor.exchange.check_work import ACTIVITY_REQUIRED, EVENT_REQUIRED
from corridor.exchange.checking import CheckContext
from corridor.exchange.choices import ImportKind
from corridor.exchange.layout import Layout, read_layout
from corridor.exchange.limits import ImportLimits, LimitExceeded
from corridor.exchange.mapping import MappingSpec
from corridor.exchange.records import RawRecord, RecordMaker
from corridor.exchange.report import ErrorSink, ImportReport, RowError
from corridor.exchange.tables import RowProblem, SourceRow, Table, UnreadableFile, open_table
from corridor.exchange.values import DateReader
from corridor.exchange.vocabulary import KindFields

ProgressCallback = Callable[[float, str], None]

REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    ImportKind.OBSERVATIONS: OBSERVATION_REQUIRED,
    ImportKind.EVENTS: EVENT_REQUIRED,
    ImportKind.ACTIVITIES: ACTIVITY_REQUIRED,
    ImportKind.PLACES: PLACE_REQUIRED,
}
PROGRESS_EVERY = 5_000
READING_SHARE = 0.9
"""Reading and checking take most of an import; writing the rest of the progress bar."""


@dataclass
class Prepared:
    table: Table
    binding: Binding
    rows: Iterator[SourceRow | RowProblem]
    context: CheckContext
    cite_source_id: int | None


@dataclass
class Run:
    """One import's request and its running state."""

    actor: Actor
    kind: str
    file_name: str
    spec: MappingSpec
    mode: str
    dry_run: bool
    report: ImportReport
    sink: ErrorSink
    progress: ProgressCallback | None = None
    defaults: dict[str, str] | None = None
    limits: ImportLimits = field(default_factory=ImportLimits)

    def problem(self, row: int | None, column: str, reason: str, value: str = "") -> None:
        self.sink.add(RowError(row, column, value, reason))

    def refuse_file(self, error: UnreadableFile | LimitExceeded) -> None:
        """The file as a whole is refused: a limit it broke (naming the file, the limit and where), or
        what makes it unreadable."""
        if isinstance(error, LimitExceeded):
            self.sink.add(RowError(error.row, error.column, "", f"{self.file_name} {error}"))
        else:
            self.problem(None, "", str(error))

    def tick(self, table: Table, done: int) -> None:
        if self.progress is not None and done % PROGRESS_EVERY == 0:
            self.progress(READING_SHARE * table.fraction_read(), f"checked {done:,} rows")


def prepare(run: Run, binary: BinaryIO, size: int) -> Prepared | None:
    spec = run.spec
    try:
        table = open_table(
            binary,
            size=size,
            encoding=spec.encoding,
            delimiter=spec.delimiter,
            sheet=spec.sheet,
            limits=run.limits,
        )
        layout, rows = read_layout(table.rows(), header_row=spec.header_row)
    except (UnreadableFile, LimitExceeded) as error:
        run.refuse_file(error)
        return None
    run.report.file_format = table.format
    run.report.encoding = table.encoding_label
    try:
        binding = bind(
            layout,
            spec,
            KindFields.of(run.kind),
            required=REQUIRED[run.kind],
            implied_by=_implied(run.kind, layout),
            defaults=run.defaults,
        )
    except BindingInvalid as invalid:
        for problem in invalid.problems:
            run.problem(layout.header_row, problem.where, problem.message)
        return None
    run.report.ignored_columns = [column.label for column in binding.ignored]
    cite_source_id = None
    if spec.cite is not None:
        cite_source_id = Source.objects.filter(slug=spec.cite.source).values_list("pk", flat=True).first()
        if cite_source_id is None:
            run.problem(layout.header_row, "cite.source", f"{spec.cite.source!r} is not a known source")
            return None
    dates = DateReader(date_format=spec.date_format, excel_serial=getattr(table, "excel_serial_date", None))
    context = CheckContext(
        actor=run.actor,
        file_name=run.file_name,
        dates=dates,
        cite_locator=spec.cite.locator if spec.cite else None,
    )
    return Prepared(table, binding, rows, context, cite_source_id)


def _implied(kind: str, layout: Layout) -> dict[int, ImpliedValues]:
    if kind != ImportKind.OBSERVATIONS:
        return {}
    implied: dict[int, ImpliedValues] = {}
    for column in layout.columns:
        metric = (
            implied_metric(column.tag.attributes) if column.tag and column.tag.hashtag == "affected" else None
        )
        if metric:
            implied[column.index] = {"metric": metric}
    return implied


def each_record(run: Run, prepared: Prepared) -> Iterator[tuple[int, list[RawRecord]]]:
    """(row number, its records) for each data row that has any; read problems go to the sink."""
    maker = RecordMaker(prepared.binding)
    for item in prepared.rows:
        if isinstance(item, RowProblem):
            run.report.rows_read += 1
            run.problem(item.number, "", item.message)
            continue
        outcome = maker.records(item)
        if not outcome.records and not outcome.skipped and outcome.problem is None:
            continue
        run.report.rows_read += 1
        run.tick(prepared.table, run.report.rows_read)
        run.report.skipped += outcome.skipped
        if outcome.problem is not None:
            column, reason = outcome.problem
            run.problem(item.number, column, reason)
            continue
        if outcome.records:
            yield item.number, outcome.records


def no_data(run: Run, prepared: Prepared) -> bool:
    if run.report.rows_read == 0:
        run.problem(
            None, "", f"the file has a header (row {prepared.binding.layout.header_row}) but no data rows"
        )
        return True
    return False
