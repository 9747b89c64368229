"""What the search index holds: which tables and columns make each kind's entry, and the SQL
expressions (shared by both vendors' triggers) that compute an entry from a row.

See `triggers.py` for how the index is kept current.
"""

from __future__ import annotations

from dataclasses import dataclass

ENTRY_TABLE = "search_searchentry"
FTS_TABLE = "search_fts"
MATCH_TABLE = "search_match"
TS_CONFIG = "corridor_search"
FOLDED_LETTERS = (
    ("đ", "d"),
    ("Đ", "D"),
    ("ł", "l"),
    ("Ł", "L"),
    ("ø", "o"),
    ("Ø", "O"),
    ("ß", "ss"),
    ("æ", "ae"),
    ("Æ", "AE"),
    ("œ", "oe"),
    ("Œ", "OE"),
    ("ı", "i"),
    ("þ", "th"),
    ("Þ", "TH"),
    ("ħ", "h"),
    ("Ħ", "H"),
)
ENTRY_COLUMNS = (
    "kind",
    "object_id",
    "title",
    "body",
    "places",
    "classification",
    "owner_id",
    "organisation_id",
    "theme",
    "dimension",
    "date_start",
    "date_end",
)
TEXT_COLUMNS = ("title", "body", "places")
"""The entry's searchable text; every other entry column is one a filter or the visibility condition reads."""


@dataclass(frozen=True)
class Parent:
    """Where a child row's classification, owner and organisation come from (a clause's mandate)."""

    table: str
    foreign_key: str
    organisation: str


@dataclass(frozen=True)
class LinkedPlaces:
    """The many-to-many table linking a kind's rows to places, whose public names the entry holds."""

    table: str
    foreign_key: str


@dataclass(frozen=True)
class IndexedKind:
    """How one table's rows become entries: which columns make the title and the body, and the filters."""

    name: str
    table: str
    title: tuple[str, ...]
    body: tuple[str, ...]
    json: tuple[str, ...] = ()
    organisation: str | None = None
    theme: bool = False
    dimension: bool = False
    dated: bool = False
    parent: Parent | None = None
    places: LinkedPlaces | None = None
    key_column: str = "id"
    """The row's key, which the entry's `object_id` holds (a field operation's is its organisation's)."""


MANDATE = Parent(table="knowledge_mandate", foreign_key="mandate_id", organisation="operation_id")
ORGANISATION = Parent(table="actors_organisation", foreign_key="organisation_id", organisation="id")
ARRANGEMENT_BODY = ("held_by", "tasks", "date_note", "note")

INDEXED_KINDS = (
    IndexedKind("place", "geo_place", ("name",), ("alternative_names", "note"), json=("alternative_names",)),
    IndexedKind(
        "organisation",
        "actors_organisation",
        ("name",),
        ("short_name", "hq_city", "established_text", "description", "note"),
    ),
    IndexedKind(
        "field_operation",
        "actors_fieldoperation",
        (),
        ("engagement_note",),
        parent=ORGANISATION,
        key_column="organisation_id",
    ),
    IndexedKind(
        "interview", "actors_interview", (), ("positions",), json=("positions",), parent=ORGANISATION
    ),
    IndexedKind(
        "focal_point",
        "actors_focalpoint",
        ("topic",),
        ARRANGEMENT_BODY,
        json=("tasks",),
        organisation="organisation_id",
        dated=True,
    ),
    IndexedKind(
        "working_group",
        "actors_workinggroup",
        ("topic",),
        ARRANGEMENT_BODY,
        json=("tasks",),
        organisation="organisation_id",
        dated=True,
    ),
    IndexedKind(
        "mandate",
        "knowledge_mandate",
        ("breadth_quote",),
        ("summary", "note"),
        organisation="operation_id",
    ),
    IndexedKind(
        "document",
        "knowledge_document",
        ("title",),
        ("symbol", "place_text", "body", "note"),
        organisation="issuer_id",
        dated=True,
    ),
    IndexedKind("commitment", "knowledge_commitment", ("text",), ("note",), theme=True, dimension=True),
    IndexedKind(
        "mandate_clause",
        "knowledge_mandateclause",
        ("text",),
        ("ref", "topics"),
        json=("topics",),
        dimension=True,
        parent=MANDATE,
    ),
    IndexedKind(
        "recommendation",
        "knowledge_recommendation",
        ("text",),
        ("addressee", "note"),
        organisation="issuer_id",
    ),
    IndexedKind(
        "event",
        "timeline_event",
        ("title",),
        ("description", "note"),
        dated=True,
        places=LinkedPlaces("timeline_event_places", "event_id"),
    ),
    IndexedKind(
        "activity",
        "operations_activity",
        ("title",),
        ("description", "date_note", "note"),
        organisation="lead_id",
        dated=True,
        places=LinkedPlaces("operations_activity_places", "activity_id"),
    ),
    IndexedKind(
        "visit",
        "monitoring_monitoringvisit",
        ("purpose",),
        ("team", "follow_up", "date_note", "note"),
        organisation="operation_id",
        dated=True,
        places=LinkedPlaces("monitoring_monitoringvisit_places", "monitoringvisit_id"),
    ),
)


def json_text(value: str, vendor: str) -> str:
    """A JSON list of strings as space-separated words (any other JSON value as its text)."""
    if vendor == "postgresql":
        return (
            f"CASE WHEN jsonb_typeof({value}) = 'array' "
            f"THEN array_to_string(ARRAY(SELECT jsonb_array_elements_text({value})), ' ') "
            f"ELSE {value}::text END"
        )
    return f"(SELECT group_concat(value, ' ') FROM json_each({value}))"


def _text(kind: IndexedKind, columns: tuple[str, ...], row: str, vendor: str) -> str:
    if not columns:
        return "''"
    parts = []
    for column in columns:
        value = f"{row}.{column}"
        if column in kind.json:
            value = json_text(value, vendor)
        parts.append(f"coalesce({value}, '')")
    return " || ' ' || ".join(parts)


def places_text(kind: IndexedKind, object_id: str, vendor: str) -> str:
    """The public names (and alternative names) of the places linked to the row `object_id`, spaced, in
    the order of the names (so that the same links always give the same text)."""
    if kind.places is None:
        return "''"
    names = f"p.name || ' ' || coalesce({json_text('p.alternative_names', vendor)}, '')"
    links = (
        f"FROM {kind.places.table} l JOIN geo_place p ON p.id = l.place_id "
        f"WHERE l.{kind.places.foreign_key} = {object_id} AND p.classification = 'public'"
    )
    if vendor == "postgresql":
        return f"coalesce((SELECT string_agg({names}, ' ' ORDER BY p.name, p.id) {links}), '')"
    ordered = f"SELECT {names} AS n {links} ORDER BY p.name, p.id"
    return f"coalesce((SELECT group_concat(n, ' ') FROM ({ordered})), '')"


def entry_values(kind: IndexedKind, row: str, vendor: str) -> list[str]:
    """SQL expressions for `ENTRY_COLUMNS`, reading the indexed row under the alias `row`."""
    if kind.parent is None:
        classification, owner = f"{row}.classification", f"{row}.owner_id"
        organisation = f"{row}.{kind.organisation}" if kind.organisation else "NULL"
    else:
        parent = kind.parent
        lookup = f"FROM {parent.table} p WHERE p.id = {row}.{parent.foreign_key}"
        classification = f"(SELECT p.classification {lookup})"
        owner = f"(SELECT p.owner_id {lookup})"
        organisation = f"(SELECT p.{parent.organisation} {lookup})"
    return [
        f"'{kind.name}'",
        f"{row}.{kind.key_column}",
        _text(kind, kind.title, row, vendor),
        _text(kind, kind.body, row, vendor),
        places_text(kind, f"{row}.{kind.key_column}", vendor),
        classification,
        owner,
        organisation,
        f"{row}.theme" if kind.theme else "''",
        f"{row}.dimension" if kind.dimension else "''",
        f"{row}.date_start" if kind.dated else "NULL",
        f"{row}.date_end" if kind.dated else "NULL",
    ]


def upsert(kind: IndexedKind, vendor: str) -> str:
    updates = ", ".join(f"{column} = excluded.{column}" for column in ENTRY_COLUMNS[2:])
    return (
        f"INSERT INTO {ENTRY_TABLE} ({', '.join(ENTRY_COLUMNS)}) "
        f"VALUES ({', '.join(entry_values(kind, 'NEW', vendor))}) "
        f"ON CONFLICT (kind, object_id) DO UPDATE SET {updates}"
    )


def delete(kind: IndexedKind) -> str:
    return f"DELETE FROM {ENTRY_TABLE} WHERE kind = '{kind.name}' AND object_id = OLD.{kind.key_column}"


def parent_push(kind: IndexedKind) -> str:
    assert kind.parent is not None
    parent = kind.parent
    return (
        f"UPDATE {ENTRY_TABLE} SET classification = NEW.classification, owner_id = NEW.owner_id, "
        f"organisation_id = NEW.{parent.organisation} WHERE kind = '{kind.name}' AND object_id IN "
        f"(SELECT {kind.key_column} FROM {kind.table} WHERE {parent.foreign_key} = NEW.id)"
    )


def refresh_places(kind: IndexedKind, vendor: str, row: str) -> str:
    """Recompute the places text of the entry whose record a link row (`row`: NEW or OLD) points to."""
    assert kind.places is not None
    object_id = f"{row}.{kind.places.foreign_key}"
    return (
        f"UPDATE {ENTRY_TABLE} SET places = {places_text(kind, object_id, vendor)} "
        f"WHERE kind = '{kind.name}' AND object_id = {object_id}"
    )


def refresh_places_of_place(kind: IndexedKind, vendor: str) -> str:
    """Recompute the places text of every entry of `kind` linked to the place NEW (renamed, reclassified)."""
    assert kind.places is not None
    return (
        f"UPDATE {ENTRY_TABLE} SET places = {places_text(kind, f'{ENTRY_TABLE}.object_id', vendor)} "
        f"WHERE kind = '{kind.name}' AND object_id IN "
        f"(SELECT {kind.places.foreign_key} FROM {kind.places.table} WHERE place_id = NEW.id)"
    )


def backfill(kind: IndexedKind, vendor: str) -> str:
    return (
        f"INSERT INTO {ENTRY_TABLE} ({', '.join(ENTRY_COLUMNS)}) "
        f"SELECT {', '.join(entry_values(kind, 't', vendor))} FROM {kind.table} t"
    )
