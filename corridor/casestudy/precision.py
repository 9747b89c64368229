"""A case-study date is no more precise than the words of its quotes.

A record dated to a day must quote a day ("5 May 2016", "on 8 July"); one dated to a month, or part of one,
must quote a month (or a day); one dated to a season must quote a season or a month. A year or part of a
year needs no more than the study's account (a section's narrative often places a statement in a year
without naming it in the quoted sentence). Derived ends, such as the last month of a project launched in
January 2016 "for 18 months", are as precise as the finest end the quotes state.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable

from corridor.core.dates import DatePrecision, DateSpan

_MONTHS = "|".join(calendar.month_name[number] for number in range(1, 13))
_MONTH = re.compile(rf"\b({_MONTHS})\b", re.IGNORECASE)
_DAY = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b"
    rf"|\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\d)"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b",
    re.IGNORECASE,
)
_SEASON = re.compile(r"\b(spring|summer|autumn|fall|winter)\b", re.IGNORECASE)

_NEEDS: dict[str, tuple[str, tuple[re.Pattern[str], ...]]] = {
    DatePrecision.DAY: ("a day", (_DAY,)),
    DatePrecision.PART_OF_MONTH: ("a month", (_MONTH,)),
    DatePrecision.MONTH: ("a month", (_MONTH,)),
    DatePrecision.PART_OF_SEASON: ("a season or a month", (_SEASON, _MONTH)),
    DatePrecision.SEASON: ("a season or a month", (_SEASON, _MONTH)),
}
_ORDER = (
    DatePrecision.DAY,
    DatePrecision.PART_OF_MONTH,
    DatePrecision.MONTH,
    DatePrecision.PART_OF_SEASON,
    DatePrecision.SEASON,
    DatePrecision.PART_OF_YEAR,
    DatePrecision.YEAR,
)


def finest(span: DateSpan) -> str:
    """The finer of the precisions of the span's ends."""
    return min((span.start_precision, span.end_precision), key=_ORDER.index)


def finer_than_quotes(span: DateSpan, quotes: Iterable[str]) -> str | None:
    """Why `span` says more than `quotes` do, or None when the quotes bear its precision out."""
    precision = finest(span)
    if precision not in _NEEDS:
        return None
    needed, patterns = _NEEDS[precision]
    texts = list(quotes)
    if any(pattern.search(text) for pattern in patterns for text in texts):
        return None
    return (
        f"is dated to {precision.replace('_', ' ')} precision ({span.code!r}), but no quote of the record "
        f"names {needed}: cite the words that give it, or date it no more precisely than the quotes do"
    )
