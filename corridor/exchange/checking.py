"""What every row checker shares: the lookups, who may write what, and reading fields into errors.

A checker never stops at a record's first problem: every field is read, and every problem becomes a
`RowError` naming the row, the column as the file heads it, the value found and the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property, partial
from typing import TypeVar

from django.db import models

from corridor.accounts.access import default_classification
from corridor.core.choices import Classification
from corridor.core.dates import DatePrecision, DateSpan, DateSpanError, is_precision
from corridor.exchange.acting import Actor, may_publish_for, may_write_for
from corridor.exchange.lookups import (
    Directory,
    OrganisationEntry,
    PlaceEntry,
    country_directory,
    organisation_directory,
    place_directory,
)
from corridor.exchange.records import RawRecord
from corridor.exchange.report import RowError, shown
from corridor.exchange.tables import Cell
from corridor.exchange.values import CellError, DateReader, choice, is_blank, remembered, text

T = TypeVar("T")


@dataclass
class CheckContext:
    """One import's lookups and permissions, loaded once and shared by every row."""

    actor: Actor
    file_name: str
    dates: DateReader
    cite_locator: str | None = None
    _writable: dict[int, bool] = field(default_factory=dict)
    _publishing: dict[int, bool] = field(default_factory=dict)
    _defaults: dict[tuple[int, str], str] = field(default_factory=dict)

    @cached_property
    def places(self) -> Directory[PlaceEntry]:
        return place_directory(self.actor)

    @cached_property
    def organisations(self) -> Directory[OrganisationEntry]:
        return organisation_directory(self.actor)

    @cached_property
    def countries(self) -> Directory[str]:
        return country_directory()

    @cached_property
    def organisation_in(self) -> Callable[[Cell], OrganisationEntry]:
        """Read a cell naming an organisation (remembered: a file names the same few on every row)."""
        return remembered(lambda cell: self.organisations.find(text(cell)))

    def may_write(self, organisation: OrganisationEntry) -> bool:
        allowed = self._writable.get(organisation.id)
        if allowed is None:
            allowed = self._writable[organisation.id] = may_write_for(self.actor, organisation.id)
        return allowed

    def may_publish(self, organisation: OrganisationEntry) -> bool:
        allowed = self._publishing.get(organisation.id)
        if allowed is None:
            allowed = self._publishing[organisation.id] = may_publish_for(self.actor, organisation.id)
        return allowed

    def default_classification(self, organisation: OrganisationEntry, kind: str) -> str:
        key = (organisation.id, kind)
        if key not in self._defaults:
            self._defaults[key] = default_classification(organisation.id, kind)
        return self._defaults[key]

    def locator(self, row: int) -> str:
        if not self.cite_locator:
            return ""
        return self.cite_locator.replace("{row}", str(row)).replace("{file}", self.file_name)[:120]


class Reading:
    """Reads the fields of one record, collecting every problem."""

    def __init__(self, record: RawRecord, errors: list[RowError]) -> None:
        self.record = record
        self.errors = errors
        self.failed = False

    def error(self, name: str, reason: str) -> None:
        self.failed = True
        self.errors.append(RowError(self.record.row, self.record.where(name), self.shown(name), reason))

    def shown(self, name: str) -> str:
        value = self.record.values.get(name)
        raw = self.record.raw.get(name, value)
        if raw is not value and shown(raw) != shown(value):
            return f"{shown(raw)} → {shown(value)}"
        return shown(value)

    def cell(self, name: str) -> Cell:
        return self.record.values.get(name)

    def given(self, name: str) -> bool:
        cell = self.record.values.get(name)
        return cell is not None and not is_blank(cell)

    def read(self, name: str, parse: Callable[[Cell], T], *, required: bool = False) -> T | None:
        cell = self.record.values.get(name)
        if cell is None or is_blank(cell):
            if required:
                self.error(name, "is required")
            return None
        try:
            return parse(cell)
        except CellError as problem:
            self.error(name, str(problem))
            return None

    def read_or(self, name: str, parse: Callable[[Cell], T], default: T) -> T:
        value = self.read(name, parse)
        return default if value is None else value

    def choose(self, name: str, choices: type[models.TextChoices], default: str) -> str:
        """One of `choices`, or `default` when the cell is empty."""
        value = self.read(name, _chooser(choices))
        return default if value is None else value

    def owner(self, context: CheckContext, name: str = "owner") -> OrganisationEntry | None:
        organisation = self.read(name, context.organisation_in, required=True)
        if organisation is not None and not context.may_write(organisation):
            self.error(name, f"you may not write records for {organisation.name}: you edit only for your own")
            return None
        return organisation

    def classification(self, context: CheckContext, owner: OrganisationEntry | None, kind: str) -> str:
        """The classification a row states, else the owner's default for `kind` (internal unless its
        administrators chose otherwise): a file never makes a record public by leaving the column out.

        Whether stating `public` publishes (a new record, or a wider readership) is known only when the row
        meets the stored record: the services refuse it for events, activities and places, the batch for
        observations (`ObservationBatch.publishing_lines`), to all but focal points and administrators.
        """
        stated = self.read("classification", _chooser(Classification))
        if stated is not None:
            return stated
        return context.default_classification(owner, kind) if owner is not None else Classification.INTERNAL

    def require_public(self, classification: str, named: dict[str, object]) -> None:
        """A public record names only public places and organisations (see `accounts.access.writing`)."""
        if classification != Classification.PUBLIC:
            return
        for name, entries in named.items():
            for entry in entries if isinstance(entries, list | tuple) else [entries]:
                if entry is not None and getattr(entry, "classification", "public") != "public":
                    self.error(
                        name,
                        f"names {getattr(entry, 'name', entry)}, which is not public, so a public record "
                        "cannot name it: make the record internal or restricted",
                    )

    def span(self, dates: DateReader) -> DateSpan | None:
        """The period: `date` in the grammar, or `date_start` and `date_end` with `date_precision`."""
        by_start_and_end = self.given("date_start") or self.given("date_end")
        if "date" in self.record.values and (self.given("date") or not by_start_and_end):
            span = self.read("date", dates.span, required=True)
            precision = self.read("date_precision", _precision)
            if span is not None and precision is not None and precision not in (span.precision, span.kind):
                widened = _period_starting(span, precision)
                if widened is None:
                    self.error("date_precision", f"does not match the date, which is a {span.precision}")
                return widened
            return span
        start = self.read("date_start", dates.day, required=True)
        end = self.read("date_end", dates.day, required=True)
        precision = self.read("date_precision", _precision)
        if start is None or end is None:
            return None
        chosen = precision or (DatePrecision.DAY if start == end else DatePrecision.RANGE)
        try:
            span = DateSpan(start, end, chosen)
        except DateSpanError:
            self.error("date_end", f"is before the start ({start.isoformat()})")
            return None
        if not _consistent(span):
            self.error(
                "date_precision" if precision else "date_end",
                f"{start.isoformat()} to {end.isoformat()} is not a whole {chosen.replace('_', ' ')}",
            )
            return None
        return span


def _precision(cell: Cell) -> str:
    """A date precision: one of `DatePrecision`, or a range keeping its ends' precisions (`range:s:m`)."""
    if isinstance(cell, str) and is_precision(cell.strip()):
        return cell.strip()
    return _chooser(DatePrecision)(cell)


@cache
def _chooser(choices: type[models.TextChoices]) -> Callable[[Cell], str]:
    return remembered(partial(choice, choices=choices))


def _period_starting(span: DateSpan, precision: str) -> DateSpan | None:
    """The month or year a first day stands for when the file says so (`2018-01-01` with precision `month`
    is January 2018, as R and many statistics exports write a month); None for any other day or precision,
    so a count is never kept as a day it does not belong to."""
    day = span.start
    if span.precision != DatePrecision.DAY or day.day != 1:
        return None
    if precision == DatePrecision.MONTH:
        return DateSpan.parse(f"{day.year}-{day.month:02d}")
    if precision == DatePrecision.YEAR and day.month == 1:
        return DateSpan.parse(str(day.year))
    return None


def _consistent(span: DateSpan) -> bool:
    """Whether start, end and precision agree ('month' must run from the 1st to the month's last day)."""
    try:
        return DateSpan.parse(span.code) == span
    except (KeyError, StopIteration, DateSpanError):
        return False
