"""One page of search results, each hit with the record it names, for pages that show results in pages.

`selectors.search` answers the best `limit` hits, for the API and the command line. A results page needs
more: the records themselves (to show a date with its precision and to link to the record's own page),
and paging, with the costly parts (the funnel's second pass, the marked passages) done for the page shown
only. Ranking costs the same whichever page is asked for: the engine ranks a query's candidates once
(`engine.CANDIDATES`), so page n reads `n × size + 1` ranked matches and keeps the last `size`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from corridor.search import engine
from corridor.search.kinds import SEARCH_KINDS
from corridor.search.query import parse
from corridor.search.selectors import SearchFilters, SearchHit, entries_for, hits_with_records, readings

if TYPE_CHECKING:
    from corridor.accounts.access import Reader

MAX_PAGE = 50
"""The deepest page served: with 20 a page, the 1,000 matches the engine ranks at most."""


@dataclass(frozen=True)
class FoundRecord:
    """A hit and the record it names (fetched through the kind's funnel selector)."""

    hit: SearchHit
    record: Any

    @property
    def label(self) -> str:
        return SEARCH_KINDS[self.hit.kind].label

    @property
    def dated(self) -> bool:
        return SEARCH_KINDS[self.hit.kind].dated and getattr(self.record, "span", None) is not None


@dataclass(frozen=True)
class ResultPage:
    """Page `number` (from 1) of `size` results, best first; `has_next` when more follow."""

    results: list[FoundRecord]
    number: int
    size: int
    has_next: bool
    any_term: bool = False
    """Whether nothing the reader may see matched every term, so these match any of them."""

    @property
    def first_index(self) -> int:
        """The rank of the first result on this page (from 1), for a numbered list."""
        return (self.number - 1) * self.size + 1

    @property
    def last_index(self) -> int:
        return self.first_index + len(self.results) - 1

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def search_page(
    user: Reader,
    query: str,
    *,
    filters: SearchFilters | None = None,
    number: int = 1,
    size: int = 20,
    candidates: int | None = engine.CANDIDATES,
) -> ResultPage:
    """Page `number` of the records matching `query` that `user` may read, best first.

    The same ranking, filters and visibility as `selectors.search`; `number` is clamped to 1…`MAX_PAGE`.
    When no record matches every group of a query of several ("border closure"), the page ranks those
    matching any of its terms instead and says so (`any_term`): a reader who typed two words that never
    meet in one record still finds the records about each. `selectors.search` (API, command line) keeps
    to the query as written.
    """
    number = min(max(number, 1), MAX_PAGE)
    for words, narrowed in readings(query, filters or SearchFilters()):
        parsed = parse(words)
        entries = entries_for(user, narrowed)
        matches = engine.ranked(parsed, entries, limit=number * size + 1, candidates=candidates)
        if matches:
            break
    any_term = not matches and len(parsed.groups) > 1
    if any_term:
        parsed = parsed.any_term()
        matches = engine.ranked(parsed, entries, limit=number * size + 1, candidates=candidates)
    window = matches[(number - 1) * size : number * size]
    results = [FoundRecord(hit, record) for hit, record in hits_with_records(user, parsed, window)]
    return ResultPage(results, number, size, has_next=len(matches) > number * size, any_term=any_term)
