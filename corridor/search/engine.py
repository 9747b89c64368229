"""Ranked matches and marked passages from the database's own full-text engine.

- PostgreSQL: `document @@ to_tsquery('corridor_search', …)` on the narrow match table (its pool: see
  `pool_postgresql.py`), ranked by `ts_rank_cd` (cover density: how many query words appear and how close
  together, weighted title A > places B > body C; normalisation 1 divides by 1 + log(length), so long
  texts do not win by size alone).
- SQLite: FTS5 `MATCH`, ranked by a score of each entry alone: for each column c (title, body, places,
  weights w = 10, 1, 2), the number of marked matches h_c (counted in FTS5's `highlight()`) saturated as
  BM25 saturates a term's frequency, with a fixed reference length L_c (8, 60 and 4 words) in place of
  the corpus average:

      score = Σ_c w_c · h_c · (k1 + 1) / (h_c + k1 · (1 − b + b · |c| / L_c)),   k1 = 1.2, b = 0.75

  FTS5's own `bm25()` is not used: its IDF and average length are statistics of the whole index, hidden
  rows included, so a reader's scores and order would change when records they may not read are added.

On both engines a score depends on the entry and the query only (PostgreSQL's `ts_rank_cd` reads no
corpus statistics), never on rows the reader cannot see.

Passages are computed in a second step for the page of results only (`ts_headline` re-parses the text and
is the costly part), then escaped and marked by `highlight.marked_html`.

The filters and the visibility condition arrive as an ORM queryset over `SearchEntry`; its WHERE clause is
compiled and placed next to the match, so the engine applies everything in the statement that ranks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection
from django.db.backends.utils import CursorWrapper
from django.db.models import QuerySet

from corridor.search.highlight import START, STOP, marked_html
from corridor.search.models import SearchEntry
from corridor.search.pool_postgresql import pool_sql
from corridor.search.query import Query, to_fts5, to_tsquery
from corridor.search.triggers import ENTRY_TABLE, FTS_TABLE, MATCH_TABLE, TS_CONFIG

HEADLINE_OPTIONS = (
    f'StartSel="{START}", StopSel="{STOP}", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
)
SNIPPET_TOKENS = 24
COLUMN_WEIGHTS = ((0, "title", 10.0, 8.0), (1, "body", 1.0, 60.0), (2, "places", 2.0, 4.0))
"""FTS5 column index, entry column, weight and reference length in words (see the module docstring)."""
K1, B = 1.2, 0.75


def _sqlite_marked() -> str:
    """Each column's text with the matches marked by char(1), once per row (`highlight` re-reads the text)."""
    return ", ".join(
        f"highlight({FTS_TABLE}, {index}, char(1), '') AS marked_{column}, {ENTRY_TABLE}.{column} AS {column}"
        for index, column, _weight, _length in COLUMN_WEIGHTS
    )


def _sqlite_score() -> str:
    """The SQL of the per-entry score on SQLite (module docstring), over `_sqlite_marked`'s columns: no
    statistic of other rows."""
    parts = []
    for _index, column, weight, length in COLUMN_WEIGHTS:
        hits = f"(length(marked_{column}) - length(replace(marked_{column}, char(1), '')))"
        text = f"trim(coalesce({column}, ''))"
        spaces = f"length({text}) - length(replace({text}, ' ', ''))"
        words = f"(CASE WHEN {text} = '' THEN 0 ELSE {spaces} + 1 END)"
        norm = f"({K1} * (1 - {B} + {B} * {words} / {length}))"
        parts.append(f"({weight} * {hits} * {K1 + 1} / ({hits} + {norm}))")
    return " + ".join(parts)


CANDIDATES = 1000
"""How many of a query's newest matches are ranked at most: exact for narrower queries, and what keeps a
very broad query (a word in most records) as fast as a narrow one."""


@dataclass(frozen=True)
class Match:
    entry_id: int
    kind: str
    object_id: int
    score: float


def _where(entries: QuerySet[SearchEntry]) -> tuple[str, list[Any]] | None:
    """The WHERE clause of `entries` as SQL on the entry table; None when it can match nothing."""
    query = entries.query
    compiler = query.get_compiler(connection=connection)
    try:
        sql, params = compiler.compile(query.where)
    except EmptyResultSet:
        return None
    except FullResultSet:
        return "1 = 1", []
    return sql or "1 = 1", list(params)


def ranked(
    query: Query, entries: QuerySet[SearchEntry], *, limit: int, candidates: int | None = CANDIDATES
) -> list[Match]:
    """The best `limit` entries among `entries` that match `query`, best first.

    With `candidates`, a query matching more entries than that is ranked among its `candidates` newest
    matches (highest entry id) only. None ranks every match.
    """
    where = _where(entries)
    if query.is_empty or where is None:
        return []
    condition, params = where
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql, arguments = _postgresql_ranked(cursor, query, condition, params, limit, candidates)
        else:
            sql, arguments = _sqlite_ranked(query, condition, params, limit, candidates)
        cursor.execute(sql, arguments)
        return [Match(row[0], row[1], row[2], float(row[3])) for row in cursor.fetchall()]


def _postgresql_ranked(
    cursor: CursorWrapper, query: Query, condition: str, params: list[Any], limit: int, candidates: int | None
) -> tuple[str, list[Any]]:
    pool, arguments = pool_sql(cursor, query, condition, params, candidates)
    sql = (
        f"WITH pool AS MATERIALIZED ({pool}) "
        "SELECT m.id, m.kind, m.object_id, ts_rank_cd(m.document, q, 1) AS score "
        f"FROM pool JOIN {MATCH_TABLE} m ON m.id = pool.id, to_tsquery('{TS_CONFIG}', %s) AS q "
        "ORDER BY score DESC, m.id LIMIT %s"
    )
    return sql, [*arguments, to_tsquery(query), limit]


def _sqlite_ranked(
    query: Query, condition: str, params: list[Any], limit: int, candidates: int | None
) -> tuple[str, list[Any]]:
    source = f"FROM {FTS_TABLE} JOIN {ENTRY_TABLE} ON {ENTRY_TABLE}.id = {FTS_TABLE}.rowid"
    matching = f"{FTS_TABLE} MATCH %s AND ({condition})"
    arguments: list[Any] = [to_fts5(query), *params]
    floor = "0"
    if candidates is not None:
        # The rowid of the `candidates`-th newest match: ranking starts from it (FTS5 reads a rowid range
        # cheaply; bm25 is what costs, per row ranked).
        floor = (
            f"coalesce((SELECT {FTS_TABLE}.rowid {source} WHERE {matching} "
            f"ORDER BY {FTS_TABLE}.rowid DESC LIMIT 1 OFFSET %s), 0)"
        )
        arguments += [to_fts5(query), *params, candidates - 1]
    # The marked texts are computed once per row in a materialised step: the score reads each twice.
    sql = (
        f"WITH marked AS MATERIALIZED (SELECT {ENTRY_TABLE}.id AS id, {ENTRY_TABLE}.kind AS kind, "
        f"{ENTRY_TABLE}.object_id AS object_id, {_sqlite_marked()} {source} "
        f"WHERE {matching} AND {FTS_TABLE}.rowid >= {floor}) "
        f"SELECT id, kind, object_id, {_sqlite_score()} AS score FROM marked "
        "ORDER BY score DESC, id LIMIT %s"
    )
    return sql, [*arguments, limit]


def passages(query: Query, entry_ids: list[int]) -> dict[int, str]:
    """For each entry, the passage that best shows the match, as safe HTML with <mark>."""
    if not entry_ids or query.is_empty:
        return {}
    placeholders = ", ".join(["%s"] * len(entry_ids))
    arguments: list[str | int]
    if connection.vendor == "postgresql":
        text = (
            "concat_ws(' — ', nullif(btrim(title), ''), nullif(btrim(body), ''), nullif(btrim(places), ''))"
        )
        sql = (
            f"SELECT id, ts_headline('{TS_CONFIG}', {text}, to_tsquery('{TS_CONFIG}', %s), %s) "
            f"FROM {ENTRY_TABLE} WHERE id IN ({placeholders})"
        )
        arguments = [to_tsquery(query), HEADLINE_OPTIONS, *entry_ids]
    else:
        # A prefix term is expanded again for each rowid looked up; with `+rowid` (no constraint passed
        # to FTS5) it is expanded once and the rows are picked from the scan.
        rowid = "+rowid" if any(term.prefix for group in query.groups for term in group) else "rowid"
        sql = (
            f"SELECT rowid, snippet({FTS_TABLE}, -1, %s, %s, '…', {SNIPPET_TOKENS}) "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND {rowid} IN ({placeholders})"
        )
        arguments = [START, STOP, to_fts5(query), *entry_ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, arguments)
        return {row[0]: marked_html(row[1] or "") for row in cursor.fetchall()}
