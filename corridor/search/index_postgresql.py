"""The search index on PostgreSQL: a narrow match table with a GIN-indexed `tsvector`, and the triggers.

The text search configuration `corridor_search` is English with the `unaccent` dictionary before the
stemmer. Folding inside the configuration (rather than wrapping the text in `unaccent()`) keeps the
original spelling in `ts_headline` passages while "presevo" matches "Preševo".

The weighted `tsvector` (title A, places B, body C) lives in `search_match`, one row per entry (same id),
beside a copy of every entry column except the text: the columns the filters and the visibility condition
read. Finding a query's newest readable matches reads a row for every entry it passes over (see
`pool_postgresql.py`); without the text such a row is about half as wide (100,000 benchmark entries: 63 MB
instead of 109 MB), so each read touches half the pages, and the table stays in the shared buffer cache
more often. A trigger on the entry table keeps it current: every insert, update and delete of an entry,
whoever makes it (the record triggers, a mandate's push to its clauses, a place renamed), and TRUNCATE.
"""

from __future__ import annotations

from corridor.core.choices import Classification
from corridor.search.index_spec import (
    ENTRY_COLUMNS,
    ENTRY_TABLE,
    INDEXED_KINDS,
    MATCH_TABLE,
    TEXT_COLUMNS,
    TS_CONFIG,
    IndexedKind,
    backfill,
    delete,
    parent_push,
    refresh_places,
    refresh_places_of_place,
    upsert,
)

_UNACCENT = """
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'unaccent') THEN
    BEGIN
      CREATE EXTENSION unaccent;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE EXCEPTION 'search needs the unaccent extension and this role may not create it: ask a '
        'superuser to run CREATE EXTENSION unaccent; in this database (and in template1 for test databases)';
    END;
  END IF;
END $$"""

_TS_CONFIG = f"""
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{TS_CONFIG}') THEN
    CREATE TEXT SEARCH CONFIGURATION {TS_CONFIG} (COPY = pg_catalog.english);
    ALTER TEXT SEARCH CONFIGURATION {TS_CONFIG}
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
  END IF;
END $$"""


def document_expression(row: str) -> str:
    """The weighted tsvector of an entry (PostgreSQL): title A, places B, body C."""
    return " || ".join(
        f"setweight(to_tsvector('{TS_CONFIG}', coalesce({row}.{column}, '')), '{weight}')"
        for column, weight in (("title", "A"), ("places", "B"), ("body", "C"))
    )


def _pg_function(name: str, body: str) -> str:
    return f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body} END $$"


def _pg_trigger(name: str, when: str, table: str) -> str:
    return f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()"


def _pg_kind(kind: IndexedKind) -> list[str]:
    name = f"search_index_{kind.name}"
    body = (
        f"IF TG_OP = 'DELETE' THEN {delete(kind)}; RETURN OLD; END IF; "
        f"{upsert(kind, 'postgresql')}; RETURN NEW;"
    )
    statements = [_pg_function(name, body), _pg_trigger(name, "AFTER INSERT OR UPDATE OR DELETE", kind.table)]
    if kind.parent is not None:
        statements += [
            _pg_function(f"{name}_parent", f"{parent_push(kind)}; RETURN NEW;"),
            _pg_trigger(f"{name}_parent", "AFTER UPDATE", kind.parent.table),
        ]
    if kind.places is not None:
        link = (
            f"IF TG_OP = 'DELETE' THEN {refresh_places(kind, 'postgresql', 'OLD')}; RETURN OLD; END IF; "
            f"{refresh_places(kind, 'postgresql', 'NEW')}; RETURN NEW;"
        )
        statements += [
            _pg_function(f"{name}_link", link),
            _pg_trigger(f"{name}_link", "AFTER INSERT OR DELETE", kind.places.table),
            _pg_function(f"{name}_place", f"{refresh_places_of_place(kind, 'postgresql')}; RETURN NEW;"),
            _pg_trigger(f"{name}_place", "AFTER UPDATE", "geo_place"),
        ]
    return statements


MATCH_COLUMNS = ("id", *(column for column in ENTRY_COLUMNS if column not in TEXT_COLUMNS))
"""The entry columns copied to the match table: its id and all but the text, so that any condition on
entries compiled by the ORM reads the same on the match table."""

_MATCH_KEEP = f"""
IF TG_OP = 'DELETE' THEN
  DELETE FROM {MATCH_TABLE} WHERE id = OLD.id;
  RETURN OLD;
END IF;
IF TG_OP = 'UPDATE' AND NEW.id <> OLD.id THEN
  DELETE FROM {MATCH_TABLE} WHERE id = OLD.id;
ELSIF TG_OP = 'UPDATE'
  AND (NEW.title, NEW.body, NEW.places) IS NOT DISTINCT FROM (OLD.title, OLD.body, OLD.places) THEN
  UPDATE {MATCH_TABLE} SET {", ".join(f"{column} = NEW.{column}" for column in MATCH_COLUMNS[1:])}
    WHERE id = NEW.id;
  IF FOUND THEN
    RETURN NEW;
  END IF;
END IF;
INSERT INTO {MATCH_TABLE} ({", ".join(MATCH_COLUMNS)}, document)
  VALUES ({", ".join(f"NEW.{column}" for column in MATCH_COLUMNS)}, {document_expression("NEW")})
  ON CONFLICT (id) DO UPDATE SET
    {", ".join(f"{column} = excluded.{column}" for column in (*MATCH_COLUMNS[1:], "document"))};
RETURN NEW;"""
"""An entry's match row follows it; the `tsvector` is computed again only when the entry's text changed
(a reclassification, a mandate's push to its clauses, a new date copy the other columns only)."""


def _match_table() -> list[str]:
    """The match table (typed as the entry columns it copies), its GIN indexes and the triggers that keep it.

    The second GIN index holds the public entries only. An anonymous reader's condition is exactly
    "classification = public", so PostgreSQL takes that reader's matches from it and never visits the
    rows it may not read (40 % of the benchmark's); other readers use the first.
    """
    return [
        f"CREATE TABLE {MATCH_TABLE} AS SELECT {', '.join(MATCH_COLUMNS)}, NULL::tsvector AS document "
        f"FROM {ENTRY_TABLE} WITH NO DATA",
        f"ALTER TABLE {MATCH_TABLE} ADD PRIMARY KEY (id), ALTER COLUMN document SET NOT NULL",
        f"CREATE INDEX {MATCH_TABLE}_document ON {MATCH_TABLE} USING GIN (document)",
        f"CREATE INDEX {MATCH_TABLE}_public_document ON {MATCH_TABLE} USING GIN (document) "
        f"WHERE classification = '{Classification.PUBLIC.value}'",
        _pg_function(f"{MATCH_TABLE}_keep", _MATCH_KEEP),
        _pg_trigger(f"{MATCH_TABLE}_keep", "AFTER INSERT OR UPDATE OR DELETE", ENTRY_TABLE),
        _pg_function(f"{MATCH_TABLE}_truncate", f"TRUNCATE {MATCH_TABLE}; RETURN NULL;"),
        f"CREATE TRIGGER {MATCH_TABLE}_truncate AFTER TRUNCATE ON {ENTRY_TABLE} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {MATCH_TABLE}_truncate()",
    ]


def install() -> list[str]:
    """Create the extension (if allowed), configuration, match table, index and triggers; fill the index.

    The match table is analysed at the end: the choice of plan for a query's pool reads the planner's
    estimates (`pool_postgresql.py`), which need its statistics.
    """
    statements = [_UNACCENT, _TS_CONFIG, *_match_table()]
    for kind in INDEXED_KINDS:
        statements += _pg_kind(kind)
    return [*statements, *(backfill(kind, "postgresql") for kind in INDEXED_KINDS), f"ANALYZE {MATCH_TABLE}"]


def remove() -> list[str]:
    """Drop the triggers, functions, match table and configuration (the extension stays), and empty the
    entries. Also drops what releases before the match table installed instead: the entries' own
    `document` column and the trigger that computed it."""
    triggers = [
        (f"{MATCH_TABLE}_keep", ENTRY_TABLE),
        (f"{MATCH_TABLE}_truncate", ENTRY_TABLE),
        ("search_entry_document", ENTRY_TABLE),
    ]
    for kind in INDEXED_KINDS:
        name = f"search_index_{kind.name}"
        triggers.append((name, kind.table))
        if kind.parent is not None:
            triggers.append((f"{name}_parent", kind.parent.table))
        if kind.places is not None:
            triggers += [(f"{name}_link", kind.places.table), (f"{name}_place", "geo_place")]
    statements = []
    for trigger, table in triggers:
        statements += [f"DROP TRIGGER IF EXISTS {trigger} ON {table}", f"DROP FUNCTION IF EXISTS {trigger}()"]
    return [
        *statements,
        f"DROP TABLE IF EXISTS {MATCH_TABLE}",
        f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS document",
        f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {TS_CONFIG}",
        f"DELETE FROM {ENTRY_TABLE}",
    ]
