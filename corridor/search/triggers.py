"""The SQL that keeps the search index current, for SQLite and PostgreSQL, generated from one spec.

Each indexed table gets triggers that upsert its row's entry on insert and update and delete it on delete,
so every write path keeps the index current without application code. A mandate's triggers push its
classification, owner and operation down to its clauses' entries.

- SQLite (`index_sqlite.py`): an FTS5 external-content table `search_fts` over the entries' title, body
  and places, tokenised by
  `porter unicode61 remove_diacritics 2` (case and accents folded, English stems). Letters that are not
  accented forms in Unicode (đ, ł, ø, ß, æ, œ, ı, þ, ħ) are folded by `replace()` before indexing, so
  "dordevic" finds "Đorđević" here as on PostgreSQL. Because of that fold, the index is rebuilt by
  `rebuild_sql`, never by FTS5's own 'rebuild' command (which would index the unfolded text).
- PostgreSQL (`index_postgresql.py`): a narrow match table `search_match` holding, for each entry, its
  columns but the text and a `document` tsvector (title A, places B, body C) with a GIN index, kept by a
  trigger on the entry table; the tsvector uses the text search configuration `corridor_search`: English
  with the `unaccent` dictionary before the stemmer. Folding inside the configuration (rather than
  wrapping the text in `unaccent()`) keeps the original spelling in `ts_headline` passages while "presevo"
  matches "Preševo".

What each kind's entry holds is in `index_spec.py`. Migrations call `install_sql(vendor)` /
`remove_sql(vendor)`; a change to the spec needs a new migration that removes and reinstalls.
"""

from __future__ import annotations

from corridor.search import index_postgresql, index_sqlite
from corridor.search.index_spec import (
    ENTRY_TABLE,
    FOLDED_LETTERS,
    FTS_TABLE,
    INDEXED_KINDS,
    MATCH_TABLE,
    TS_CONFIG,
)

__all__ = [
    "ENTRY_TABLE",
    "FOLDED_LETTERS",
    "FTS_TABLE",
    "INDEXED_KINDS",
    "MATCH_TABLE",
    "TS_CONFIG",
    "install_sql",
    "rebuild_sql",
    "remove_sql",
]


def install_sql(vendor: str) -> list[str]:
    """Statements that create the index machinery on `vendor` and fill it from the existing rows."""
    if vendor == "sqlite":
        return index_sqlite.install()
    if vendor == "postgresql":
        return index_postgresql.install()
    raise ValueError(f"search index: unsupported database vendor {vendor!r} (sqlite or postgresql)")


def remove_sql(vendor: str) -> list[str]:
    """Statements that undo `install_sql` (the unaccent extension stays: others may use it)."""
    if vendor == "sqlite":
        return index_sqlite.remove()
    if vendor == "postgresql":
        return index_postgresql.remove()
    raise ValueError(f"search index: unsupported database vendor {vendor!r} (sqlite or postgresql)")


def rebuild_sql(vendor: str) -> list[str]:
    """Statements that drop the index and build it again from every indexed table.

    Removing and reinstalling (rather than deleting rows under live triggers) is what keeps SQLite's
    external-content FTS table consistent even if it had drifted from the entries.
    """
    return remove_sql(vendor) + install_sql(vendor)
