"""Search across kinds of record, ranked by the database's full-text engine, through the visibility funnel.

Visibility is applied twice. The entry carries its record's classification and owner, so the funnel's own
condition (`accounts.access.readable`) filters entries inside the ranked query; then the hits of the page
are fetched through each kind's `*_visible_to(user)` selector, and any hit the selector does not return is
dropped. The second pass costs one small query per kind on the page and guarantees that search never shows
what the funnel hides, even if the index were stale.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from corridor.accounts.access import readable
from corridor.operations.models import Activity
from corridor.search import engine
from corridor.search.engine import Match
from corridor.search.kinds import KIND_NAMES, SEARCH_KINDS
from corridor.search.models import SearchEntry
from corridor.search.query import Query, parse, split_dates
from corridor.timeline.models import Event

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.actors.models import Organisation


@dataclass(frozen=True)
class SearchHit:
    """One record found: what it is, how to reach it, and the passage that matched (safe HTML)."""

    kind: str
    key: str
    title: str
    snippet: str
    date: date | None
    score: float


@dataclass(frozen=True)
class SearchFilters:
    """What to search among: kinds, a commitment theme or dimension, an operation, a date range.

    Theme and dimension apply to the kinds that carry them (commitments, clauses) and to activities through
    the commitments and clauses linked to them. The operation is an activity's lead, a visit's operation, a
    clause's mandate holder, a document's or recommendation's issuer, or an actor of an event. A date range
    keeps dated records whose span overlaps it.
    """

    kinds: tuple[str, ...] = KIND_NAMES
    theme: str | None = None
    dimension: str | None = None
    operation: Organisation | None = None
    start: date | None = None
    end: date | None = None


def _linked_activities(**lookup: str) -> Q:
    commitments = Activity.commitments.through.objects.filter(
        **{f"commitment__{k}": v for k, v in lookup.items()}
    )
    condition = Q(kind="activity", object_id__in=commitments.values("activity_id"))
    if "dimension" in lookup:
        clauses = Activity.mandate_clauses.through.objects.filter(
            mandateclause__dimension=lookup["dimension"]
        )
        condition |= Q(kind="activity", object_id__in=clauses.values("activity_id"))
    return condition


def entries_for(user: Reader, filters: SearchFilters) -> QuerySet[SearchEntry]:
    """The entries `user` may read that pass `filters` (before matching any words)."""
    entries = SearchEntry.objects.all()
    if set(filters.kinds) != set(KIND_NAMES):
        entries = entries.filter(kind__in=list(filters.kinds))
    visibility = readable(user)
    if visibility:
        entries = entries.filter(visibility)
    if filters.theme:
        entries = entries.filter(
            Q(kind="commitment", theme=filters.theme) | _linked_activities(theme=filters.theme)
        )
    if filters.dimension:
        own = Q(kind__in=["commitment", "mandate_clause"], dimension=filters.dimension)
        entries = entries.filter(own | _linked_activities(dimension=filters.dimension))
    if filters.operation is not None:
        actors = Event.actors.through.objects.filter(organisation_id=filters.operation.pk)
        entries = entries.filter(
            Q(organisation_id=filters.operation.pk) | Q(kind="event", object_id__in=actors.values("event_id"))
        )
    if filters.start:
        entries = entries.filter(date_end__gte=filters.start)
    if filters.end:
        entries = entries.filter(date_start__lte=filters.end)
    return entries


def search(
    user: Reader,
    query: str,
    *,
    kinds: Iterable[str] = KIND_NAMES,
    filters: SearchFilters | None = None,
    limit: int = 50,
    candidates: int | None = engine.CANDIDATES,
) -> list[SearchHit]:
    """Records matching `query` (see `search.query` for the syntax) that `user` may read, best first.

    `candidates` bounds the work of a very broad query (see `engine.ranked`); None ranks every match.
    """
    filters = filters or SearchFilters()
    wanted = tuple(kind for kind in KIND_NAMES if kind in set(kinds) and kind in filters.kinds)
    filters = replace(filters, kinds=wanted)
    for words, narrowed in readings(query, filters):
        parsed = parse(words)
        matches = engine.ranked(parsed, entries_for(user, narrowed), limit=limit, candidates=candidates)
        if matches:
            break
    return [hit for hit, _record in hits_with_records(user, parsed, matches)]


def readings(query: str, filters: SearchFilters) -> list[tuple[str, SearchFilters]]:
    """How to read `query`, in order of preference: its dates ("focal point 2012") as a date range of the
    records sought, within the filters' own; then, if nothing is found so, every word as a word."""
    words, when = split_dates(query)
    if when is None:
        return [(query, filters)]
    start = max(filter(None, (filters.start, when.start)))
    end = min(filter(None, (filters.end, when.end)))
    return [(words, replace(filters, start=start, end=end)), (query, filters)]


def hits_with_records(user: Reader, parsed: Query, matches: list[Match]) -> list[tuple[SearchHit, Any]]:
    """The funnel's second pass over ranked `matches`: each hit the user may read, with its record.

    One query per kind on the page fetches the records through the kind's `*_visible_to(user)` selector;
    a match the selector does not return is dropped. Passages are marked for the kept hits only.
    """
    by_kind: dict[str, list[int]] = defaultdict(list)
    for match in matches:
        by_kind[match.kind].append(match.object_id)
    records = {
        (name, record.pk): record
        for name, ids in by_kind.items()
        for record in SEARCH_KINDS[name].records(user).filter(pk__in=ids)
    }
    visible = [match for match in matches if (match.kind, match.object_id) in records]
    passages = engine.passages(parsed, [match.entry_id for match in visible])
    found = []
    for match in visible:
        kind, record = SEARCH_KINDS[match.kind], records[(match.kind, match.object_id)]
        hit = SearchHit(
            kind=kind.name,
            key=kind.key(record),
            title=kind.title(record)[:300],
            snippet=passages.get(match.entry_id, ""),
            date=kind.date_of(record),
            score=round(match.score, 6),
        )
        found.append((hit, record))
    return found
