"""Check one flow-observation record: every field, then the rules that join fields.

- the value is a whole number of people (0 or more, below `MAX_COUNT`), or the source's explicit "N/A"
  (`value_status` not_available, no value) — a reported 0 stays a 0, and a blank is an error unless the
  mapping skips such rows;
- the period lies (at least in part) within the life of the place (`opened_on`–`closed_on`);
- the owner is an organisation the importing user edits for.
"""

from __future__ import annotations

from functools import partial

from corridor.accounts.choices import RecordKind
from corridor.exchange.checking import CheckContext, Reading
from corridor.exchange.records import RawRecord
from corridor.exchange.report import RowError
from corridor.exchange.tables import Cell
from corridor.exchange.values import NOT_AVAILABLE, CellError, choice, count, remembered, text
from corridor.monitoring.bulk import ObservationRow
from corridor.monitoring.choices import Metric, Reliability, ValueQualifier, ValueStatus

REQUIRED = (
    ("place",),
    ("date", "date_start+date_end"),
    ("metric",),
    ("value",),
    ("source_organisation",),
    ("owner",),
)

_SEXES = {"": "", "all": "", "total": "", "f": "female", "female": "female", "m": "male", "male": "male"}


def implied_metric(attributes: frozenset[str]) -> str | None:
    """`#affected+arrivals` names its metric in an attribute (`+deaths` or core `+killed` for deaths)."""
    named = attributes & set(Metric.values)
    if "killed" in attributes:
        named |= {Metric.DEATHS.value}
    return next(iter(named)) if len(named) == 1 else None


class ObservationChecker:
    def __init__(self, context: CheckContext) -> None:
        self.context = context
        self._place = remembered(lambda cell: context.places.find(text(cell)))
        self._metric = remembered(partial(choice, choices=Metric))
        self._status = remembered(partial(choice, choices=ValueStatus))
        self._nationality = remembered(lambda cell: context.countries.find(text(cell)))
        self._organisation = context.organisation_in
        self._age_group = remembered(partial(text, max_length=16))
        self._sex = remembered(_sex)

    def check(self, record: RawRecord, errors: list[RowError]) -> ObservationRow | None:
        context = self.context
        reading = Reading(record, errors)
        place = reading.read("place", self._place, required=True)
        span = reading.span(context.dates)
        metric = reading.read("metric", self._metric, required=True)
        status, value = self._value(reading)
        qualifier = reading.choose("value_qualifier", ValueQualifier, ValueQualifier.EXACT)
        sex = reading.read_or("sex", self._sex, "")
        age_group = reading.read_or("age_group", self._age_group, "")
        nationality = reading.read_or("nationality", self._nationality, "")
        source = reading.read("source_organisation", self._organisation, required=True)
        owner = reading.owner(context)
        classification = reading.classification(context, owner, RecordKind.OBSERVATION)
        reliability = reading.choose("reliability", Reliability, Reliability.ESTIMATE)
        note = reading.read_or("note", _note, "")
        reading.require_public(classification, {"place": place, "source_organisation": source})
        if place is not None and span is not None and (place.opened_on or place.closed_on):
            outside = (place.opened_on and span.end < place.opened_on) or (
                place.closed_on and span.start > place.closed_on
            )
            if outside:
                where = "date" if reading.given("date") else "date_start"
                reading.error(where, f"is outside the life of {place.name} ({place.life_text()})")
        if reading.failed or None in (place, span, metric, status, source, owner):
            return None
        assert place is not None and span is not None and metric is not None and status is not None
        assert source is not None and owner is not None
        return ObservationRow(
            record.row, place.id, metric, span.start, span.end, span.precision, value, status, qualifier, sex,
            age_group, nationality, source.id, owner.id, reliability, classification, note,
            context.locator(record.row), reading.given("classification"), context.may_publish(owner),
        )  # fmt: skip

    def _value(self, reading: Reading) -> tuple[str | None, int | None]:
        """(value_status, value): a count, or not_available with no value; None status on error."""
        stated = reading.read("value_status", self._status)
        if stated is None and reading.given("value_status"):
            return None, None
        cell = reading.cell("value")
        said_not_available = isinstance(cell, str) and cell.strip().lower() in NOT_AVAILABLE
        if stated == ValueStatus.NOT_AVAILABLE or said_not_available:
            if stated == ValueStatus.REPORTED:
                reading.error("value", "says not available, but value_status says reported")
                return None, None
            if not said_not_available and reading.given("value"):
                reading.error("value", "is given, but value_status says the source has none (not_available)")
                return None, None
            return ValueStatus.NOT_AVAILABLE, None
        if not reading.given("value"):
            reading.error(
                "value",
                "is empty: write the count, N/A where the source says not available, or leave the row out",
            )
            return None, None
        value = reading.read("value", count)
        return (ValueStatus.REPORTED, value) if value is not None else (None, None)


def _note(cell: Cell) -> str:
    return text(cell, max_length=20_000)


def _sex(cell: Cell) -> str:
    value = str(cell).strip().lower()
    if value not in _SEXES:
        raise CellError("is not one of: female, male (or empty for all)")
    return _SEXES[value]
