"""Dates with precision: what a source says about when, and no more.

A `DateSpan` is the interval a statement covers (`start` ≤ `end`, both inclusive) and the precision it was
made with. "November 2015" is 2015-11-01 – 2015-11-30 at month precision; it is never stored as
2015-11-01 at day precision. The text grammar (parsed by `DateSpan.parse`, written by `DateSpan.text`):

    2016-05-05                      day
    early|mid|late 2015-11          part_of_month   days 1–10 / 11–20 / 21–end
    2015-11                         month
    early|mid|late summer 2015      part_of_season  first / middle / last month of the season
    spring|summer|autumn|winter Y   season          Mar–May / Jun–Aug / Sep–Nov / Dec (Y-1) – Feb (Y)
    early|mid|late 2015             part_of_year    Jan–Apr / May–Aug / Sep–Dec
    2015                            year
    A/B                             range           start of A to end of B (A, B any of the above)

A range keeps the precision of each end: "spring 2015/2016-09" is stored with the precision
`range:s:m` (season to month) and reads "spring 2015 – September 2016", never "March 2015 – …". The
codes are `RANGE_END_CODES`; `DateSpan.kind` is `range` for every range. A bare `range` (written before
ends were kept) is read with each end as coarse as its boundary day allows (a year, a month or a day).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.db import models


class DatePrecision(models.TextChoices):
    DAY = "day", "day"
    PART_OF_MONTH = "part_of_month", "part of a month"
    MONTH = "month", "month"
    PART_OF_SEASON = "part_of_season", "part of a season"
    SEASON = "season", "season"
    PART_OF_YEAR = "part_of_year", "part of a year"
    YEAR = "year", "year"
    RANGE = "range", "range"


RANGE_END_CODES: dict[str, str] = {
    DatePrecision.DAY: "d",
    DatePrecision.PART_OF_MONTH: "pm",
    DatePrecision.MONTH: "m",
    DatePrecision.PART_OF_SEASON: "ps",
    DatePrecision.SEASON: "s",
    DatePrecision.PART_OF_YEAR: "py",
    DatePrecision.YEAR: "y",
}
_END_PRECISIONS = {code: precision for precision, code in RANGE_END_CODES.items()}
_RANGE_PREFIX = f"{DatePrecision.RANGE}:"


def range_precision(start_precision: str, end_precision: str) -> str:
    """The stored precision of a range whose ends have these precisions: `range:s:m`."""
    return f"{_RANGE_PREFIX}{RANGE_END_CODES[start_precision]}:{RANGE_END_CODES[end_precision]}"


def precision_kind(precision: str) -> str:
    """`range` for any range precision, else the precision itself."""
    return DatePrecision.RANGE if precision.startswith(_RANGE_PREFIX) else precision


def is_precision(precision: str) -> bool:
    """Whether `precision` is one this module stores (a single kind, `range`, or `range:a:b`)."""
    if precision in DatePrecision.values:
        return True
    if not precision.startswith(_RANGE_PREFIX):
        return False
    ends = precision[len(_RANGE_PREFIX) :].split(":")
    return len(ends) == 2 and all(end in _END_PRECISIONS for end in ends)


def precision_label(precision: str) -> str:
    """A reader's words for a precision: 'month', 'range (season to month)'."""
    if precision in DatePrecision.values:
        return str(DatePrecision(precision).label)
    if not is_precision(precision):
        return precision
    first, last = (DatePrecision(_END_PRECISIONS[code]).label for code in precision.split(":")[1:])
    return f"range ({first} to {last})"


def validate_precision(value: str) -> None:
    """A model field validator: the value is a precision `is_precision` accepts."""
    from django.core.exceptions import ValidationError

    if value and not is_precision(value):
        raise ValidationError(f"{value!r} is not a date precision", code="invalid")


class DateSpanError(ValueError):
    """A date text that does not follow the grammar, or a span whose end precedes its start."""


_MONTH_NAMES = [calendar.month_name[number] for number in range(13)]
_PARTS = ("early", "mid", "late")
# Season → months it covers, in order; winter Y runs from December of Y-1.
_SEASONS: dict[str, tuple[int, int, int]] = {
    "spring": (3, 4, 5),
    "summer": (6, 7, 8),
    "autumn": (9, 10, 11),
    "winter": (12, 1, 2),
}
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_PART_OF_MONTH = re.compile(r"^(early|mid|late) (\d{4})-(\d{2})$")
_SEASON = re.compile(r"^(?:(early|mid|late) )?(spring|summer|autumn|winter) (\d{4})$")
_PART_OF_YEAR = re.compile(r"^(early|mid|late) (\d{4})$")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise DateSpanError(f"{text!r} is not a real date ({error})") from None


@dataclass(frozen=True, slots=True)
class DateSpan:
    """An inclusive interval of days and the precision the source gave it."""

    start: date
    end: date
    precision: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise DateSpanError(f"the span ends ({self.end}) before it starts ({self.start})")
        if not is_precision(self.precision):
            raise DateSpanError(f"unknown precision {self.precision!r}")
        if self.precision == DatePrecision.RANGE:
            inferred = range_precision(
                _inferred_end(self.start, is_start=True), _inferred_end(self.end, is_start=False)
            )
            object.__setattr__(self, "precision", inferred)
        elif self.is_range:
            _check_end(self.start, self.start_precision, is_start=True)
            _check_end(self.end, self.end_precision, is_start=False)

    @property
    def kind(self) -> str:
        """The precision's kind: `range` for every range, else the precision."""
        return precision_kind(self.precision)

    @property
    def is_range(self) -> bool:
        return self.precision.startswith(_RANGE_PREFIX)

    @property
    def start_precision(self) -> str:
        """The precision of the start: the span's own, or that of a range's first end."""
        if not self.is_range:
            return self.precision
        return _END_PRECISIONS[self.precision.split(":")[1]]

    @property
    def end_precision(self) -> str:
        if not self.is_range:
            return self.precision
        return _END_PRECISIONS[self.precision.split(":")[2]]

    @classmethod
    def on(cls, day: date) -> DateSpan:
        return cls(day, day, DatePrecision.DAY)

    @classmethod
    def parse(cls, text: str) -> DateSpan:
        """Read the grammar in this module's docstring; raise DateSpanError naming the text otherwise."""
        cleaned = " ".join(str(text).strip().split())
        if not cleaned:
            raise DateSpanError("empty date")
        if "/" in cleaned:
            first, _, second = cleaned.partition("/")
            if "/" in second:
                raise DateSpanError(f"{text!r}: a range has exactly one '/'")
            start, end = cls._parse_single(first.strip()), cls._parse_single(second.strip())
            if end.end < start.start:
                raise DateSpanError(f"{text!r}: the range ends before it starts")
            return cls(start.start, end.end, range_precision(start.precision, end.precision))
        return cls._parse_single(cleaned)

    @classmethod
    def _parse_single(cls, text: str) -> DateSpan:
        lowered = text.lower()
        if match := _DAY.match(lowered):
            day = _safe_date(int(match[1]), int(match[2]), int(match[3]), text)
            return cls(day, day, DatePrecision.DAY)
        if match := _MONTH.match(lowered):
            year, month = int(match[1]), int(match[2])
            start = _safe_date(year, month, 1, text)
            return cls(start, _month_end(year, month), DatePrecision.MONTH)
        if match := _YEAR.match(lowered):
            year = int(match[1])
            return cls(date(year, 1, 1), date(year, 12, 31), DatePrecision.YEAR)
        if match := _PART_OF_MONTH.match(lowered):
            year, month = int(match[2]), int(match[3])
            _safe_date(year, month, 1, text)
            first_day = {"early": 1, "mid": 11, "late": 21}[match[1]]
            last_day = {"early": 10, "mid": 20, "late": _month_end(year, month).day}[match[1]]
            return cls(date(year, month, first_day), date(year, month, last_day), DatePrecision.PART_OF_MONTH)
        if match := _SEASON.match(lowered):
            part, season, year = match[1], match[2], int(match[3])
            months = _SEASONS[season]
            dated = [(year - 1 if (season == "winter" and month == 12) else year, month) for month in months]
            if part is None:
                first, last = dated[0], dated[-1]
                precision = DatePrecision.SEASON
            else:
                first = last = dated[_PARTS.index(part)]
                precision = DatePrecision.PART_OF_SEASON
            return cls(date(first[0], first[1], 1), _month_end(*last), precision)
        if match := _PART_OF_YEAR.match(lowered):
            year = int(match[2])
            first_month = {"early": 1, "mid": 5, "late": 9}[match[1]]
            return cls(
                date(year, first_month, 1), _month_end(year, first_month + 3), DatePrecision.PART_OF_YEAR
            )
        raise DateSpanError(
            f"{text!r} is not a date this system reads: use 2016-05-05, 2015-11, 2015, early|mid|late 2015, "
            "spring|summer|autumn|winter 2016, early 2015-11, or two of them as A/B"
        )

    @property
    def code(self) -> str:
        """The grammar text of this span: `DateSpan.parse(span.code) == span`."""
        return _code(self.start, self.end, self.precision)

    def text(self) -> str:
        """A reader's phrase: '5 May 2016', 'November 2015', 'early 2015', 'June – July 2015'."""
        return _phrase(self.start, self.end, self.precision)

    def __str__(self) -> str:
        return self.text()

    def overlaps(self, start: date, end: date) -> bool:
        return self.start <= end and start <= self.end


def _code(start: date, end: date, precision: str) -> str:
    if precision == DatePrecision.DAY:
        return start.isoformat()
    if precision == DatePrecision.MONTH:
        return f"{start:%Y-%m}"
    if precision == DatePrecision.YEAR:
        return f"{start.year}"
    if precision == DatePrecision.PART_OF_MONTH:
        part = {1: "early", 11: "mid", 21: "late"}[start.day]
        return f"{part} {start:%Y-%m}"
    if precision == DatePrecision.PART_OF_YEAR:
        part = {1: "early", 5: "mid", 9: "late"}[start.month]
        return f"{part} {start.year}"
    if precision in (DatePrecision.SEASON, DatePrecision.PART_OF_SEASON):
        season = next(name for name, months in _SEASONS.items() if start.month in months)
        year = start.year + 1 if start.month == 12 else start.year
        if precision == DatePrecision.SEASON:
            return f"{season} {year}"
        part = _PARTS[_SEASONS[season].index(start.month)]
        return f"{part} {season} {year}"
    first, last = (_END_PRECISIONS[code] for code in precision.split(":")[1:])
    return f"{_end_code(start, first, is_start=True)}/{_end_code(end, last, is_start=False)}"


def _end_code(day: date, precision: str, *, is_start: bool) -> str:
    """The grammar text of the single span of `precision` that starts (or ends) on `day`."""
    if precision == DatePrecision.DAY:
        return day.isoformat()
    if precision == DatePrecision.MONTH:
        return f"{day:%Y-%m}"
    if precision == DatePrecision.YEAR:
        return str(day.year)
    if precision == DatePrecision.PART_OF_MONTH:
        first_day = day.day if is_start else {10: 1, 20: 11}.get(day.day, 21)
        return _code(date(day.year, day.month, first_day), day, precision)
    if precision == DatePrecision.PART_OF_YEAR:
        first_month = day.month if is_start else day.month - 3
        return _code(date(day.year, first_month, 1), day, precision)
    # A season, or part of one: its code is read from its first day's month.
    if precision == DatePrecision.SEASON and not is_start:
        first = date(day.year - 1, 12, 1) if day.month == 2 else date(day.year, day.month - 2, 1)
        return _code(first, day, precision)
    return _code(date(day.year, day.month, 1), day, precision)


def _inferred_end(day: date, *, is_start: bool) -> str:
    """The precision of a bare `range` end: the coarsest of year, month, day that starts (or ends) on it."""
    if (day.month, day.day) == ((1, 1) if is_start else (12, 31)):
        return DatePrecision.YEAR
    if day.day == 1 if is_start else day == _month_end(day.year, day.month):
        return DatePrecision.MONTH
    return DatePrecision.DAY


def _check_end(day: date, precision: str, *, is_start: bool) -> None:
    """A range end must be where a span of its precision starts (or ends)."""
    try:
        single = DateSpan.parse(_end_code(day, precision, is_start=is_start))
    except (DateSpanError, KeyError, ValueError):
        single = None
    if single is None or (single.start if is_start else single.end) != day:
        side = "start" if is_start else "end"
        raise DateSpanError(f"a range's {side} {day} is not the {side} of a {precision}")


def _phrase(start: date, end: date, precision: str) -> str:
    if precision == DatePrecision.DAY:
        return f"{start.day} {_MONTH_NAMES[start.month]} {start.year}"
    if precision == DatePrecision.MONTH:
        return f"{_MONTH_NAMES[start.month]} {start.year}"
    if precision == DatePrecision.YEAR:
        return str(start.year)
    if precision in (
        DatePrecision.PART_OF_MONTH,
        DatePrecision.PART_OF_YEAR,
        DatePrecision.SEASON,
        DatePrecision.PART_OF_SEASON,
    ):
        code = _code(start, end, precision)
        if precision == DatePrecision.PART_OF_MONTH:
            part = code.partition(" ")[0]
            return f"{part} {_MONTH_NAMES[start.month]} {start.year}"
        return code
    first, last = (_END_PRECISIONS[code] for code in precision.split(":")[1:])
    return _range_phrase(start, end, first, last)


def _range_phrase(start: date, end: date, first: str, last: str) -> str:
    """'8–9 March 2016', '21 February – 3 March 2016', 'June – July 2015', 'spring 2015 – September 2016':
    each end as precise as its source, a year (and a month) said once when both ends share it and are of
    one kind. A whole year at one end of a range within that year is said by its first or last month (or
    day): '2015-11/2015' reads 'November – December 2015', never 'November 2015 – 2015'."""
    year = DatePrecision.YEAR
    if start.year == end.year and (first == year) != (last == year):
        other = last if first == year else first
        unit = DatePrecision.DAY if other == DatePrecision.DAY else DatePrecision.MONTH
        first, last = (unit if first == year else first), (unit if last == year else last)
    if start.year == end.year and first == last == DatePrecision.DAY:
        if start.month == end.month:
            return f"{start.day}–{end.day} {_MONTH_NAMES[end.month]} {end.year}"
        return f"{start.day} {_MONTH_NAMES[start.month]} – {end.day} {_MONTH_NAMES[end.month]} {end.year}"
    if start.year == end.year and first == last == DatePrecision.MONTH:
        return f"{_MONTH_NAMES[start.month]} – {_MONTH_NAMES[end.month]} {end.year}"
    return f"{_end_phrase(start, first, is_start=True)} – {_end_phrase(end, last, is_start=False)}"


def _end_phrase(day: date, precision: str, *, is_start: bool) -> str:
    if precision == DatePrecision.DAY:
        return f"{day.day} {_MONTH_NAMES[day.month]} {day.year}"
    if precision == DatePrecision.MONTH:
        return f"{_MONTH_NAMES[day.month]} {day.year}"
    code = _end_code(day, precision, is_start=is_start)
    single = DateSpan.parse(code)
    return single.text()
