"""What the API accepts: the base of every request body and query, and readers shared by the routers.

Every body schema derives from `Input`: an unknown key is refused (a misspelt `clasification` must not
store a record with the default classification), and so is any text holding a NUL character or a lone
surrogate — PostgreSQL cannot store the first, no UTF-8 encoder writes the second, and SQLite would keep
a NUL that the export could then not bring back. Query parameters derive from `QueryInput` (same text
rule; unknown parameters are ignored, as caches and proxies add their own). Required texts are
`RequiredText`: at least one character that is not a space.

Date filters are texts in the product's grammar (`corridor.core.dates`): `2016-03-09`, `2015-11`,
`early 2016`, `2015-06/2015-07`. A filter finds records overlapping it, so `start=2015-11` starts on 1
November and `end=2015-11` ends on 30 November.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, StringConstraints, field_validator

from corridor.core.dates import DateSpan, DateSpanError
from corridor.core.exceptions import ValidationFailed
from corridor.core.text import text_problem

MAX_TEXT = 20_000
"""The longest text any field accepts (a description, an agenda, a note)."""
MAX_SHORT_TEXT = 500
"""The longest title, name or key."""
MAX_ITEMS = 500
"""The most items a list in a request may hold."""
MAX_DATE_TEXT = 40

RequiredText = Annotated[str, StringConstraints(min_length=1, max_length=MAX_SHORT_TEXT, pattern=r"\S")]
"""A title, a name, an action point's text: at least one character that is not a space."""
RequiredLongText = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT, pattern=r"\S")]
"""A finding's or a decision's text: like `RequiredText`, but as long as a description."""
ShortText = Annotated[str, StringConstraints(max_length=MAX_SHORT_TEXT)]
LongText = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
Key = Annotated[str, StringConstraints(max_length=MAX_SHORT_TEXT)]
"""A slug, a code or an `operation:clause` reference."""
Keys = Annotated[list[Key], Field(max_length=MAX_ITEMS)]
"""References to other records, at most `MAX_ITEMS`."""


def _checked_date(text: str) -> str:
    try:
        DateSpan.parse(text)
    except DateSpanError as error:
        raise ValueError(str(error)) from None
    return text


DateText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_DATE_TEXT),
    AfterValidator(_checked_date),
    Field(
        description="a date in Corridor's grammar: 2016-03-09, 2015-11, early 2016, summer 2015, "
        "2015-06/2015-07",
        examples=["2016-03-09", "2015-11", "early 2016"],
    ),
]
"""A date or period as a source gives it, checked against `DateSpan.parse`."""


def _refuse_bad_text(value: Any) -> Any:
    """Raise ValueError if `value`, or any text inside it, holds a NUL character or a lone surrogate."""
    if isinstance(value, str):
        problem = text_problem(value)
        if problem:
            raise ValueError(problem)
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_bad_text(key)
            _refuse_bad_text(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _refuse_bad_text(item)
    return value


class Input(Schema):
    """A request body: unknown keys are refused; no text may hold a NUL or a lone surrogate."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _text_is_storable(cls, value: Any) -> Any:
        return _refuse_bad_text(value)


class QueryInput(Schema):
    """Query parameters: no text may hold a NUL or a lone surrogate (unknown parameters are ignored)."""

    @field_validator("*", mode="before")
    @classmethod
    def _text_is_storable(cls, value: Any) -> Any:
        return _refuse_bad_text(value)


def span(text: str, path: str = "date") -> DateSpan:
    try:
        return DateSpan.parse(text)
    except DateSpanError as error:
        raise ValidationFailed({path: [str(error)]}) from None


def optional_day(text: str | None, path: str) -> date | None:
    """`day`, or None when no text was given."""
    return None if text is None else day(text, path)


def day(text: str, path: str) -> date:
    """The one day `text` names (YYYY-MM-DD); ValidationFailed naming `path` for a longer span."""
    found = span(text, path)
    if found.start != found.end:
        raise ValidationFailed({path: [f"{text!r} is not a single day: use YYYY-MM-DD"]})
    return found.start


def date_range(
    start: str | None, end: str | None, *, names: tuple[str, str] = ("start", "end")
) -> tuple[date | None, date | None]:
    """The days a `start`/`end` filter covers: from the first day of `start` to the last day of `end`."""
    first = span(start, names[0]).start if start else None
    last = span(end, names[1]).end if end else None
    if first and last and last < first:
        raise ValidationFailed({names[1]: [f"ends before {names[0]!r}"]})
    return first, last
