"""The search index on PostgreSQL: a weighted `tsvector` column with a GIN index, and the triggers.

The text search configuration `corridor_search` is English with the `unaccent` dictionary before the
stemmer. Folding inside the configuration (rather than wrapping the text in `unaccent()`) keeps the
original spelling in `ts_headline` passages while "presevo" matches "Preševo".
"""

from __future__ import annotations

from corridor.search.index_spec import (
    ENTRY_TABLE,
    INDEXED_KINDS,
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


def install() -> list[str]:
    """Create the extension (if allowed), configuration, column, index and triggers; fill the index."""
    statements = [
        _UNACCENT,
        _TS_CONFIG,
        f"ALTER TABLE {ENTRY_TABLE} ADD COLUMN document tsvector",
        f"CREATE INDEX search_entry_document ON {ENTRY_TABLE} USING GIN (document)",
        _pg_function("search_entry_document", f"NEW.document := {document_expression('NEW')}; RETURN NEW;"),
        _pg_trigger("search_entry_document", "BEFORE INSERT OR UPDATE OF title, body, places", ENTRY_TABLE),
    ]
    for kind in INDEXED_KINDS:
        statements += _pg_kind(kind)
    return statements + [backfill(kind, "postgresql") for kind in INDEXED_KINDS]


def remove() -> list[str]:
    """Drop the triggers, functions, column and configuration (the extension stays), and empty the entries."""
    statements = []
    for kind in INDEXED_KINDS:
        name = f"search_index_{kind.name}"
        triggers = [(name, kind.table)]
        if kind.parent is not None:
            triggers.append((f"{name}_parent", kind.parent.table))
        if kind.places is not None:
            triggers += [(f"{name}_link", kind.places.table), (f"{name}_place", "geo_place")]
        for trigger, table in triggers:
            statements += [
                f"DROP TRIGGER IF EXISTS {trigger} ON {table}",
                f"DROP FUNCTION IF EXISTS {trigger}()",
            ]
    return [
        *statements,
        f"DROP TRIGGER IF EXISTS search_entry_document ON {ENTRY_TABLE}",
        "DROP FUNCTION IF EXISTS search_entry_document()",
        f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS document",
        f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {TS_CONFIG}",
        f"DELETE FROM {ENTRY_TABLE}",
    ]
