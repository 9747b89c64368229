"""Small readers for request values shared by the routers."""

from __future__ import annotations

from datetime import date

from corridor.core.dates import DateSpan, DateSpanError
from corridor.core.exceptions import ValidationFailed


def span(text: str, path: str = "date") -> DateSpan:
    try:
        return DateSpan.parse(text)
    except DateSpanError as error:
        raise ValidationFailed({path: [str(error)]}) from None


def date_range(start: date | None, end: date | None) -> tuple[date | None, date | None]:
    if start and end and end < start:
        raise ValidationFailed({"to": ["ends before 'from'"]})
    return start, end
