"""Search across kinds of record: moved to `corridor.search` (full-text index kept by the database).

Kept so that existing imports (`from corridor.core.search import search`) go on working.
"""

from corridor.search.kinds import KIND_NAMES
from corridor.search.selectors import SearchFilters, SearchHit, search

__all__ = ["KIND_NAMES", "SearchFilters", "SearchHit", "search"]
