"""Dates as people type them, read into a `DateSpan` (see `dates`).

A focal point writes `7.12.2026`, `07/12/2026`, `today` or `yesterday`; a source says "November 2015" or
"early 2016". `read_date` accepts all of these:

    today, yesterday                     the day, in the site's time zone
    7.12.2026  07/12/2026  7-12-2026      day first (or month first where an organisation writes so)
    7 December 2026, 7 Dec 2026          a day with the month's name (also December 7, 2026)
    December 2026, Dec 2026              a month
    the grammar of `dates`               2016-03-09, 2015-11, early 2016, summer 2015, 2015-06/2015-07
    A – B, A to B                        a range of any two of the above

A numeric date is never guessed: which of day and month comes first is the reader's order (`DMY`, the
default, or `MDY`), set per organisation and activated for a request like a language (`use_date_order`).
Errors say in plain words what was understood and what to write instead.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, timedelta

from corridor.core.dates import DatePrecision, DateSpan, DateSpanError, range_precision

DMY = "dmy"
MDY = "mdy"
ORDERS = {DMY: "Day first: 7.12.2026 is 7 December 2026", MDY: "Month first: 12/7/2026 is 7 December 2026"}

_order: ContextVar[str | Callable[[], str]] = ContextVar("corridor_date_order", default=DMY)

_NUMERIC = re.compile(r"^(\d{1,2})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})\.?$")
_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_name[_number].lower()] = _number
    _MONTHS[calendar.month_abbr[_number].lower()] = _number
_MONTHS["sept"] = 9
_MONTH_WORD = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+({_MONTH_WORD})\.?,?\s+(\d{{4}})$")
_MONTH_DAY_YEAR = re.compile(rf"^({_MONTH_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$")
_MONTH_YEAR = re.compile(rf"^({_MONTH_WORD})\.?,?\s+(\d{{4}})$")
_RANGE = re.compile(r"\s+(?:–|—|-|to|until)\s+")


def date_order() -> str:
    """The order numeric dates are read in for the current request (day first unless set otherwise)."""
    order = _order.get()
    if callable(order):  # asked for the first time in this block: find it out once
        order = order()
        _order.set(order if order in ORDERS else DMY)
    return order if order in ORDERS else DMY


@contextmanager
def use_date_order(order: str | Callable[[], str]) -> Iterator[None]:
    """Read numeric dates in `order` (DMY or MDY) inside the block; a callable is asked the first time a
    date is read (so a request that reads none costs nothing)."""
    token = _order.set(order if callable(order) or order in ORDERS else DMY)
    try:
        yield
    finally:
        _order.reset(token)


def example(day: date, order: str | None = None) -> str:
    """How to write `day` in the reader's numeric order: 7.12.2026 (day first) or 12/7/2026."""
    order = order or date_order()
    if order == MDY:
        return f"{day.month}/{day.day}/{day.year}"
    return f"{day.day}.{day.month}.{day.year}"


def spelled(day: date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def read_date(text: str, *, today: date, order: str | None = None) -> DateSpan:
    """Read a date as a person types it (see the module's docstring); raise DateSpanError in plain words."""
    order = order or date_order()
    cleaned = " ".join(str(text).strip().split())
    if not cleaned:
        raise DateSpanError("Give a date.")
    parts = _RANGE.split(cleaned)
    if len(parts) == 2 and all(parts):
        start, end = (_read_one(part, today=today, order=order) for part in parts)
        if DatePrecision.RANGE in (start.kind, end.kind):
            raise DateSpanError(f"“{cleaned}”: give one date on each side of the range.")
        if end.end < start.start:
            raise DateSpanError(
                f"“{cleaned}” ends ({end.text()}) before it starts ({start.text()}): "
                "write the earlier date first."
            )
        return DateSpan(start.start, end.end, range_precision(start.precision, end.precision))
    return _read_one(cleaned, today=today, order=order)


def _read_one(text: str, *, today: date, order: str) -> DateSpan:
    lowered = text.lower()
    if lowered == "today":
        return DateSpan.on(today)
    if lowered == "yesterday":
        return DateSpan.on(today - timedelta(days=1))
    if match := _NUMERIC.match(lowered):
        first, second, year_text = int(match[1]), int(match[3]), match[4]
        day, month = (second, first) if order == MDY else (first, second)
        if len(year_text) == 2:
            guess = _real_day(2000 + int(year_text), month, day, text, today=today, order=order)
            raise DateSpanError(
                f"“{text}”: {spelled(guess)}? Write the year in full: {example(guess, order)} "
                f"or {guess.isoformat()}."
            )
        return DateSpan.on(_real_day(int(year_text), month, day, text, today=today, order=order))
    if match := _DAY_MONTH_YEAR.match(lowered):
        day_of = _real_day(int(match[3]), _MONTHS[match[2]], int(match[1]), text, today=today, order=order)
        return DateSpan.on(day_of)
    if match := _MONTH_DAY_YEAR.match(lowered):
        day_of = _real_day(int(match[3]), _MONTHS[match[1]], int(match[2]), text, today=today, order=order)
        return DateSpan.on(day_of)
    if match := _MONTH_YEAR.match(lowered):
        return DateSpan.parse(f"{int(match[2]):04d}-{_MONTHS[match[1]]:02d}")
    try:
        return DateSpan.parse(text)
    except DateSpanError:
        raise DateSpanError(_unread(text, today=today, order=order)) from None


def _real_day(year: int, month: int, day: int, text: str, *, today: date, order: str) -> date:
    if not 1 <= month <= 12:
        hint = (
            f" Dates here are written day first ({example(today, order)} is {spelled(today)})."
            if order == DMY and 1 <= day <= 12
            else ""
        )
        raise DateSpanError(f"“{text}” has no month {month}.{hint}")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateSpanError(f"“{text}”: {calendar.month_name[month]} {year} has {last} days, not {day}.")
    return date(year, month, day)


def _unread(text: str, *, today: date, order: str) -> str:
    return (
        f"“{text}” is not a date Corridor reads. For a day write {example(today, order)} or "
        f"{today.isoformat()} ({spelled(today)}), or “today”; for less precise dates, {today:%B %Y}, "
        f"{today.year}, “early {today.year}”, “summer {today.year}”, or a range such as "
        f"“{today.year - 1}-06/{today.year - 1}-07”."
    )
