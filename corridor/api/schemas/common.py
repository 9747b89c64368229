"""Shapes every resource shares: dates with their precision, handling fields, pages."""

from __future__ import annotations

from datetime import date
from typing import Any, Generic, TypeVar
from uuid import UUID

from ninja import Schema

from corridor.api.shown import slug_of

T = TypeVar("T")

PERSON = (
    "as the caller may name them (corridor.accounts.access.people): their own user name, a colleague's "
    "full name, 'a member of <organisation>' to others, null to anonymous callers. User names are shown "
    "only to their owner and platform administrators."
)


class DateOut(Schema):
    """A date as its source gave it: the interval it covers, its precision, and how to read it."""

    start: date
    end: date
    precision: str
    start_precision: str
    end_precision: str
    text: str


def date_of(record: Any) -> DateOut | None:
    span = record.span
    if span is None:
        return None
    return DateOut(
        start=span.start,
        end=span.end,
        precision=span.kind,
        start_precision=span.start_precision,
        end_precision=span.end_precision,
        text=span.text(),
    )


class Page(Schema, Generic[T]):
    """One page of a list; pass `next` as `cursor` to get the following page (null on the last)."""

    items: list[T]
    next: str | None


class RecordOut(Schema):
    """Handling fields of a classified record."""

    uid: UUID
    version: int
    classification: str
    owner: str | None
    note: str

    @staticmethod
    def resolve_owner(record: Any, context: Any) -> str | None:
        return slug_of(context, record.owner)


class SourceOut(Schema):
    """A work that records cite: the 2016 study, a dataset file, a standard, the editors' gazetteer."""

    slug: str
    kind: str
    title: str
    reference: str
    licence: str


class CitationOut(Schema):
    source: str
    locator: str
    quote: str
