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
        if self.precision not in DatePrecision.values:
            raise DateSpanError(f"unknown precision {self.precision!r}")

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
            return cls(start.start, end.end, DatePrecision.RANGE)
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
    return f"{_range_end_code(start, is_start=True)}/{_range_end_code(end, is_start=False)}"


def _range_end_code(day: date, *, is_start: bool) -> str:
    """The coarsest grammar element that starts (or ends) exactly on `day`."""
    if is_start and day.month == 1 and day.day == 1:
        return str(day.year)
    if not is_start and day.month == 12 and day.day == 31:
        return str(day.year)
    if is_start and day.day == 1:
        return f"{day:%Y-%m}"
    if not is_start and day == _month_end(day.year, day.month):
        return f"{day:%Y-%m}"
    return day.isoformat()


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
    return _range_phrase(start, end)


def _range_phrase(start: date, end: date) -> str:
    """'8–9 March 2016', '21 February – 3 March 2016', 'June – July 2015': a year (and a month) said once
    when both ends share it and are of one kind; otherwise each end in full ('June 2015 – 22 July 2016')."""
    kinds = (len(_range_end_code(start, is_start=True)), len(_range_end_code(end, is_start=False)))
    if start.year == end.year and kinds == (10, 10):
        if start.month == end.month:
            return f"{start.day}–{end.day} {_MONTH_NAMES[end.month]} {end.year}"
        return f"{start.day} {_MONTH_NAMES[start.month]} – {end.day} {_MONTH_NAMES[end.month]} {end.year}"
    if start.year == end.year and kinds == (7, 7):
        return f"{_MONTH_NAMES[start.month]} – {_MONTH_NAMES[end.month]} {end.year}"
    return f"{_range_end_phrase(start, is_start=True)} – {_range_end_phrase(end, is_start=False)}"


def _range_end_phrase(day: date, *, is_start: bool) -> str:
    code = _range_end_code(day, is_start=is_start)
    if len(code) == 4:
        return code
    if len(code) == 7:
        return f"{_MONTH_NAMES[day.month]} {day.year}"
    return f"{day.day} {_MONTH_NAMES[day.month]} {day.year}"
