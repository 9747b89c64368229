"""Check timeline events and activities: the records of the work, imported one row each.

A row is the same record as one already stored when it names that record's slug, or else when it has the
same natural key (events: owner, kind, title and period; activities: lead, category, title and period);
importing a file twice therefore changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from corridor.accounts.choices import RecordKind
from corridor.core.dates import DateSpan
from corridor.exchange.checking import CheckContext, Reading
from corridor.exchange.lookups import Directory
from corridor.exchange.records import RawRecord
from corridor.exchange.report import RowError
from corridor.exchange.values import CellError, choice, long_text, text, text_list, version
from corridor.operations.choices import ActivityCategory, ActivityStatus, Funding, LeadRole
from corridor.timeline.choices import EventKind

EVENT_REQUIRED = (("date", "date_start+date_end"), ("kind",), ("title",), ("owner",))
ACTIVITY_REQUIRED = (("date", "date_start+date_end"), ("title",), ("category",), ("lead",))
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
T = TypeVar("T")


@dataclass(frozen=True)
class EventInput:
    row: int
    slug: str
    span: DateSpan
    kind: str
    title: str
    description: str
    place_ids: tuple[int, ...]
    country_codes: tuple[str, ...]
    actor_ids: tuple[int, ...]
    owner_id: int
    classification: str
    note: str
    version: int | None = None
    """The version the row was exported at: the row is an edit made from it (None: not an export)."""

    @property
    def key(self) -> tuple[object, ...]:
        return (self.owner_id, self.kind, self.title, self.span.start, self.span.end)


@dataclass(frozen=True)
class ActivityInput:
    row: int
    slug: str
    span: DateSpan
    title: str
    category: str
    lead_id: int
    lead_role: str
    partner_ids: tuple[int, ...]
    place_ids: tuple[int, ...]
    country_codes: tuple[str, ...]
    funding: str
    status: str
    date_note: str
    description: str
    classification: str
    note: str
    version: int | None = None

    @property
    def key(self) -> tuple[object, ...]:
        return (self.lead_id, self.category, self.title, self.span.start, self.span.end)


def read_slug(cell: object) -> str:
    value = text(cell)  # type: ignore[arg-type]
    if not SLUG.match(value):
        raise CellError("is not a slug (lower-case letters, digits and single hyphens)")
    return value


def each_of(directory: Directory[T], pick: Callable[[T], object]) -> Callable[[object], tuple]:
    """Read a ';'-separated list, naming every item that is not found."""

    def parse(cell: object) -> tuple:
        found, problems = [], []
        for item in text_list(cell):  # type: ignore[arg-type]
            try:
                found.append(pick(directory.find(item)))
            except CellError as error:
                problems.append(f"{item!r} {error}")
        if problems:
            raise CellError("; ".join(problems))
        return tuple(dict.fromkeys(found))

    return parse


class EventChecker:
    def __init__(self, context: CheckContext) -> None:
        self.context = context

    def check(self, record: RawRecord, errors: list[RowError]) -> EventInput | None:
        context = self.context
        reading = Reading(record, errors)
        slug = reading.read_or("slug", read_slug, "")
        span = reading.span(context.dates)
        kind = reading.read("kind", lambda cell: choice(cell, EventKind), required=True)
        title = reading.read("title", lambda cell: text(cell, max_length=200), required=True)
        description = reading.read_or("description", long_text, "")
        places = reading.read_or("places", each_of(context.places, lambda place: place.id), ())
        countries = reading.read_or("countries", each_of(context.countries, lambda code: code), ())
        actors = reading.read_or("actors", each_of(context.organisations, lambda org: org.id), ())
        owner = reading.owner(context)
        classification = reading.classification(context, owner, RecordKind.EVENT)
        note = reading.read_or("note", long_text, "")
        exported_at = reading.read("version", version)
        if reading.failed or span is None or kind is None or not title or owner is None:
            return None
        return EventInput(
            record.row, slug, span, kind, title, description, places, countries, actors, owner.id,
            classification, note, exported_at,
        )  # fmt: skip


class ActivityChecker:
    def __init__(self, context: CheckContext) -> None:
        self.context = context

    def check(self, record: RawRecord, errors: list[RowError]) -> ActivityInput | None:
        context = self.context
        reading = Reading(record, errors)
        slug = reading.read_or("slug", read_slug, "")
        span = reading.span(context.dates)
        title = reading.read("title", lambda cell: text(cell, max_length=200), required=True)
        category = reading.read("category", lambda cell: choice(cell, ActivityCategory), required=True)
        lead = reading.owner(context, "lead")
        role = reading.choose("lead_role", LeadRole, LeadRole.IMPLEMENTED)
        partners = reading.read_or("partners", each_of(context.organisations, lambda org: org.id), ())
        places = reading.read_or("places", each_of(context.places, lambda place: place.id), ())
        countries = reading.read_or("countries", each_of(context.countries, lambda code: code), ())
        funding = reading.choose("funding", Funding, Funding.UNKNOWN)
        status = reading.choose("status", ActivityStatus, ActivityStatus.UNKNOWN)
        date_note = reading.read_or("date_note", lambda cell: text(cell, max_length=200), "")
        description = reading.read_or("description", long_text, "")
        classification = reading.classification(context, lead, RecordKind.ACTIVITY)
        note = reading.read_or("note", long_text, "")
        exported_at = reading.read("version", version)
        if reading.failed or span is None or not title or category is None or lead is None:
            return None
        return ActivityInput(
            record.row, slug, span, title, category, lead.id, role, partners, places, countries, funding,
            status, date_note, description, classification, note, exported_at,
        )  # fmt: skip
