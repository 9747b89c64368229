"""Pieces every report is made of: the period, records referred to, and lines stating what they say."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Period:
    """The inclusive days a report covers."""

    start: date
    end: date

    @property
    def text(self) -> str:
        return f"{self.start.day} {self.start:%B %Y} – {self.end.day} {self.end:%B %Y}"


@dataclass(frozen=True)
class Cite:
    """Where a record's statement comes from: a source, a locator in it (section, file:row) and a quote."""

    source: str
    source_title: str
    locator: str
    quote: str


@dataclass(frozen=True)
class Ref:
    """A record (or a set of observations, named by its query) that a report states something from.

    `key` is what lines point at: the record's uid, or for a set of observations the query that selects
    them ('observations:rs:arrivals:unhcr:2015-10-01/2016-03-31'), with `count` records in it.
    """

    key: str
    kind: str
    uid: str
    slug: str
    title: str
    date_text: str
    classification: str
    owner: str
    citations: tuple[Cite, ...]
    count: int = 1


@dataclass(frozen=True)
class Statement:
    """One sentence of a report and the records it rests on."""

    text: str
    refs: tuple[str, ...]


@dataclass(frozen=True)
class TimelineEntry:
    """An event as a timeline line: when (as precisely as its source), what, where, who."""

    start: date
    end: date
    date_text: str
    kind: str
    kind_label: str
    title: str
    description: str
    places: tuple[str, ...]
    actors: tuple[str, ...]
    ref: str


@dataclass(frozen=True)
class ActivityLine:
    """An activity as a report lists it."""

    start: date
    date_text: str
    category: str
    category_label: str
    title: str
    lead: str
    lead_slug: str
    partners: tuple[str, ...]
    places: tuple[str, ...]
    status: str
    funding: str
    quantities: tuple[str, ...]
    training: str
    ref: str


@dataclass(frozen=True)
class FindingLine:
    aspect: str
    concern: str
    concern_label: str
    text: str


@dataclass(frozen=True)
class VisitLine:
    """A monitoring visit with its graded findings."""

    start: date
    date_text: str
    operation: str
    team: str
    places: tuple[str, ...]
    purpose: str
    findings: tuple[FindingLine, ...]
    ref: str


@dataclass(frozen=True)
class ActionPointLine:
    text: str
    responsible: str
    status: str
    due: str
    meeting: str
    ref: str


@dataclass(frozen=True)
class MeetingLine:
    """A coordination meeting with what it decided and asked of whom."""

    start: date
    date_text: str
    title: str
    convenor: str
    participants: tuple[str, ...]
    recurrence: str
    decisions: tuple[str, ...]
    action_points: tuple[ActionPointLine, ...]
    ref: str


@dataclass(frozen=True)
class RecommendationLine:
    issuer: str
    addressee: str
    text: str
    status: str
    ref: str


@dataclass(frozen=True)
class OperationProfile:
    """A field operation as a mission report introduces it."""

    slug: str
    name: str
    host_country_code: str
    host_country: str
    headquarters: str
    offices: tuple[str, ...]
    mandate: tuple[Statement, ...]
    focal_points: tuple[Statement, ...]
    working_groups: tuple[Statement, ...]
    ref: str
