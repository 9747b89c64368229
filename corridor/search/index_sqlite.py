"""The search index on SQLite: an FTS5 external-content table over the entries, and the triggers.

Tokenizer `porter unicode61 remove_diacritics 2`: case and accents folded, English stems. Letters that are
not accented forms in Unicode (đ, ł, ø, ß, …) are folded by `replace()` before indexing, so "dordevic"
finds "Đorđević" here as on PostgreSQL; because of that fold the FTS5 table is rebuilt by dropping and
reinstalling (`triggers.rebuild_sql`), never by FTS5's own 'rebuild' command.
"""

from __future__ import annotations

from corridor.search.index_spec import (
    ENTRY_TABLE,
    FOLDED_LETTERS,
    FTS_TABLE,
    INDEXED_KINDS,
    backfill,
    delete,
    parent_push,
    refresh_places,
    refresh_places_of_place,
    upsert,
)


def sqlite_fold(expression: str) -> str:
    """`expression` with the letters Unicode does not decompose replaced, as nested `replace()` calls."""
    for letter, plain in FOLDED_LETTERS:
        expression = f"replace({expression}, '{letter}', '{plain}')"
    return expression


FTS_COLUMNS = ("title", "body", "places")


def _fts_row(row: str) -> str:
    return ", ".join(sqlite_fold(f"{row}.{column}") for column in FTS_COLUMNS)


def install() -> list[str]:
    """Create the FTS5 table and every trigger, then fill the index from the rows already stored."""
    columns = ", ".join(FTS_COLUMNS)
    fts_insert = f"INSERT INTO {FTS_TABLE} (rowid, {columns}) VALUES (NEW.id, {_fts_row('NEW')})"
    fts_delete = (
        f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, {columns}) "
        f"VALUES ('delete', OLD.id, {_fts_row('OLD')})"
    )
    statements = [
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({columns}, content='{ENTRY_TABLE}', "
        "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER search_fts_insert AFTER INSERT ON {ENTRY_TABLE} BEGIN {fts_insert}; END",
        f"CREATE TRIGGER search_fts_delete AFTER DELETE ON {ENTRY_TABLE} BEGIN {fts_delete}; END",
        f"CREATE TRIGGER search_fts_update AFTER UPDATE OF {columns} ON {ENTRY_TABLE} "
        f"BEGIN {fts_delete}; {fts_insert}; END",
    ]
    for kind in INDEXED_KINDS:
        name = f"search_index_{kind.name}"
        statements += [
            f"CREATE TRIGGER {name}_insert AFTER INSERT ON {kind.table} BEGIN {upsert(kind, 'sqlite')}; END",
            f"CREATE TRIGGER {name}_update AFTER UPDATE ON {kind.table} BEGIN {upsert(kind, 'sqlite')}; END",
            f"CREATE TRIGGER {name}_delete AFTER DELETE ON {kind.table} BEGIN {delete(kind)}; END",
        ]
        if kind.parent is not None:
            statements.append(
                f"CREATE TRIGGER {name}_parent AFTER UPDATE ON {kind.parent.table} "
                f"BEGIN {parent_push(kind)}; END"
            )
        if kind.places is not None:
            statements += [
                f"CREATE TRIGGER {name}_link_insert AFTER INSERT ON {kind.places.table} "
                f"BEGIN {refresh_places(kind, 'sqlite', 'NEW')}; END",
                f"CREATE TRIGGER {name}_link_delete AFTER DELETE ON {kind.places.table} "
                f"BEGIN {refresh_places(kind, 'sqlite', 'OLD')}; END",
                f"CREATE TRIGGER {name}_place AFTER UPDATE ON geo_place "
                f"BEGIN {refresh_places_of_place(kind, 'sqlite')}; END",
            ]
    return statements + [backfill(kind, "sqlite") for kind in INDEXED_KINDS]


def remove() -> list[str]:
    """Drop every trigger and the FTS5 table, and empty the entries."""
    statements = [f"DROP TRIGGER IF EXISTS search_fts_{action}" for action in ("insert", "delete", "update")]
    for kind in INDEXED_KINDS:
        for action in ("insert", "update", "delete", "parent", "link_insert", "link_delete", "place"):
            statements.append(f"DROP TRIGGER IF EXISTS search_index_{kind.name}_{action}")
    return [*statements, f"DROP TABLE IF EXISTS {FTS_TABLE}", f"DELETE FROM {ENTRY_TABLE}"]
