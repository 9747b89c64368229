"""Which matches PostgreSQL ranks (the pool), and which plan finds them.

The pool of a query is its `candidates` newest readable matches (highest entry id), or every readable
match. It is read from the narrow match table (`index_postgresql.py`): the ORM's condition on entries is
compiled for the entry table's name, so the match table is read under that name; it holds every entry
column but the text, so the condition reads the same there.

Two plans find the newest matches, and which is faster depends on how many entries match:

- **walk**: read the primary key backwards, checking each row, until `candidates` rows matched. It reads
  about `candidates × rows / matches` rows, in order, several to a page: fast for a word in most entries,
  slow for one in a few percent of them (a place in 4 % of 100,000 entries: 40,000 rows walked).
- **from the GIN index**: take every match from the GIN index, keep the readable ones, sort them by id.
  It reads each match once, but each from a page of its own: fast for a rare word, slow for a common one.

Left to itself, PostgreSQL's planner walks up to about 10,000 estimated matches in 100,000 entries (its
default costs rate a page read in a bitmap scan about 15 rows walked; measured here, about 5). `choose`
decides instead, from the planner's estimates of the readable matches, which bracket the truth: the
estimate of the whole query assumes its words independent (too few for words that come together, such
as "slavonski brod": 1,100 estimated, 8,200 found), and the fewest matches of any one group of its words
is at most what the query matches. When both favour one plan it is used; when they disagree, the query's
matches among the newest `PROBE_ROWS` entries (the rows a walk reads first; about a millisecond) settle
it. A phrase is always taken from the GIN index: the planner estimates it as common as its words
together, but it matches far fewer entries, so a walk would check nearly every row.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from typing import Any

from django.db.backends.utils import CursorWrapper

from corridor.search.index_spec import ENTRY_TABLE, MATCH_TABLE, TS_CONFIG
from corridor.search.query import Query, to_tsquery

BITMAP_ROW_COST = 5
"""How many rows the walk reads in the time the bitmap scan reads one match (rows in order, several to a
page, against one match per page). Measured on the benchmark's 100,000 entries, 400 queries, both
readers: the pool's 95th percentile is within 0.5 ms for 4 to 6, lowest at 5; 2 or 8 cost about 1 ms more.
With 1,000 candidates the GIN index is then taken below about 4,500 estimated readable matches."""

ALIAS = ENTRY_TABLE
"""The name the match table is read under, so that the ORM's condition on entries applies to it."""


PROBE_ROWS = 2000
"""How many of the newest entries are checked when the estimates disagree (about 1 ms): enough to tell a
query found in 4.5 % of them (the break-even on the benchmark: about 90 of 2,000) from one in 2 % or 9 %."""


class Plan(enum.Enum):
    WALK = "walk the primary key backwards"
    INDEX = "take the GIN index's matches"


@dataclass(frozen=True)
class Estimate:
    """The planner's estimates: entries in the match table, and readable matches of the query, assuming
    its words independent (`matches`) and at most (`at_most`, the fewest of any one group of words)."""

    rows: float
    matches: float
    at_most: float


def matching_sql(
    query: Query, condition: str, params: list[Any], *, operator: bool = True
) -> tuple[str, list[Any]]:
    """SQL selecting the ids of every entry `condition` keeps that matches `query`, and its arguments.

    `operator=False` writes the match as `ts_match_vq(…)`, the function behind `@@` (the same test), which
    PostgreSQL never answers from the GIN index: the plan must then read the rows.
    """
    tsquery = f"to_tsquery('{TS_CONFIG}', %s)"
    match = f"{ALIAS}.document @@ {tsquery}" if operator else f"ts_match_vq({ALIAS}.document, {tsquery})"
    sql = f"SELECT {ALIAS}.id FROM {MATCH_TABLE} AS {ALIAS} WHERE {match} AND ({condition})"
    return sql, [to_tsquery(query), *params]


def pool_sql(
    cursor: CursorWrapper, query: Query, condition: str, params: list[Any], candidates: int | None
) -> tuple[str, list[Any]]:
    """SQL selecting the ids of the pool of `query` among the entries `condition` keeps, and its arguments."""
    if candidates is None:
        return matching_sql(query, condition, params)
    plan = plan_for(cursor, query, condition, params, candidates)
    if plan is Plan.WALK:
        # The match written as a function keeps the GIN index out; ordered by the key, PostgreSQL walks
        # it backwards and stops at `candidates` matches.
        matching, arguments = matching_sql(query, condition, params, operator=False)
        return f"{matching} ORDER BY {ALIAS}.id DESC LIMIT %s", [*arguments, candidates]
    # Ordered by an expression no index provides, PostgreSQL takes the GIN index's matches and sorts
    # them; ordered by the key (no plan chosen), the planner chooses.
    matching, arguments = matching_sql(query, condition, params)
    newest = f"{ALIAS}.id + 0" if plan is Plan.INDEX else f"{ALIAS}.id"
    return f"{matching} ORDER BY {newest} DESC LIMIT %s", [*arguments, candidates]


def plan_for(
    cursor: CursorWrapper, query: Query, condition: str, params: list[Any], candidates: int
) -> Plan | None:
    """How to find the pool of `query`: from the estimates, or, when they disagree, from a probe of the
    newest entries (the rows a walk would read first: what it finds there is what a walk costs). None
    (the planner chooses) only if the estimates cannot be read."""
    if query.has_phrase:
        return Plan.INDEX
    estimate = estimate_matches(cursor, query, condition, params)
    if estimate is None:
        return None
    plan = choose(estimate, candidates)
    if plan is not None:
        return plan
    found = probe(cursor, query, condition, params)
    matches = found * estimate.rows / min(PROBE_ROWS, estimate.rows)
    return Plan.WALK if walk_is_cheaper(estimate.rows, matches, candidates) else Plan.INDEX


def walk_is_cheaper(rows: float, matches: float, candidates: int) -> bool:
    """Whether walking reads fewer rows than `BITMAP_ROW_COST` times the matches (the GIN index's cost)."""
    walked = rows if matches < candidates else candidates * rows / matches
    return walked <= BITMAP_ROW_COST * matches


def choose(estimate: Estimate, candidates: int) -> Plan | None:
    """The plan both estimates favour, or None when they disagree."""
    if walk_is_cheaper(estimate.rows, estimate.matches, candidates):
        return Plan.WALK
    if not walk_is_cheaper(estimate.rows, estimate.at_most, candidates):
        return Plan.INDEX
    return None


def probe(cursor: CursorWrapper, query: Query, condition: str, params: list[Any]) -> int:
    """How many of the newest `PROBE_ROWS` entries are readable matches of `query` (read in order: the
    LIMIT in the subquery keeps the match out of it)."""
    match = f"{ALIAS}.document @@ to_tsquery('{TS_CONFIG}', %s) AND ({condition})"
    newest = f"SELECT * FROM {MATCH_TABLE} ORDER BY id DESC LIMIT %s"
    cursor.execute(
        f"SELECT count(*) FROM ({newest}) AS {ALIAS} WHERE {match}", [PROBE_ROWS, to_tsquery(query), *params]
    )
    row = cursor.fetchone()
    return int(row[0]) if row else 0


def estimate_matches(
    cursor: CursorWrapper, query: Query, condition: str, params: list[Any]
) -> Estimate | None:
    """The planner's estimates for `query` (planning only, in one statement: nothing is read).

    None if the plan does not have the expected shape (one branch per part of the UNION ALL).
    """
    parts = [(f"SELECT id FROM {MATCH_TABLE}", []), matching_sql(query, condition, params)]
    if len(query.groups) > 1:
        parts += [matching_sql(Query((group,), ()), condition, params) for group in query.groups]
    sql = " UNION ALL ".join(f"({part})" for part, _ in parts)
    arguments = [argument for _, part_arguments in parts for argument in part_arguments]
    cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", arguments)
    row = cursor.fetchone()
    plan = json.loads(row[0]) if isinstance(row[0], str) else row[0]
    branches = plan[0]["Plan"].get("Plans", [])
    if plan[0]["Plan"]["Node Type"] != "Append" or len(branches) != len(parts):
        return None
    rows, matches, *groups = (float(branch["Plan Rows"]) for branch in branches)
    return Estimate(rows=rows, matches=matches, at_most=max(matches, min(groups, default=matches)))
