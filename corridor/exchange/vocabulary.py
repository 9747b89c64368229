"""The fields of each kind, with the header and HXL hashtag they are exported under and matched by.

One table serves both directions: an export writes `name` as its header and `hxl` as its hashtag, and an
import recognises a column by the same header, or, in an HXL file, by any of the `patterns` (HXL tag
patterns: a column matches when it has the pattern's hashtag and every `+attribute`, and none of the
`-attribute`s). Core HXL hashtags and attributes are used where they exist; the custom attributes are
listed in docs/exchange.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corridor.exchange.choices import ImportKind


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a kind: its header, its hashtag, and how an imported column is recognised."""

    name: str
    hxl: str
    patterns: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    export_only: bool = False
    import_only: bool = False
    is_list: bool = False

    @property
    def import_patterns(self) -> tuple[str, ...]:
        return self.patterns or ((self.hxl,) if self.hxl else ())


def _spec(name: str, hxl: str, *patterns: str, **options: object) -> FieldSpec:
    return FieldSpec(name, hxl, tuple(patterns), **options)  # type: ignore[arg-type]


_DATES = (
    _spec("date", "", "#date-start-end-opened-closed", aliases=("day", "period"), import_only=True),
    _spec("date_start", "#date+start", aliases=("start", "from")),
    _spec("date_end", "#date+end", aliases=("end", "to")),
    _spec("date_precision", "#meta+date_precision", aliases=("precision",)),
)
_HANDLING = (
    _spec("classification", "#meta+classification"),
    _spec("note", "#description+note", aliases=("notes",)),
)
_UID = _spec("uid", "#meta+id", export_only=True)
_VERSION = _spec("version", "#meta+version")
"""The version a row was exported at: importing the row edits the record from that version."""

OBSERVATION_FIELDS = (
    _UID,
    _spec("place", "#loc+code", "#loc+code", "#loc+name", "#country+code-nationality", aliases=("site",)),
    _spec("place_name", "#loc+name", export_only=True),
    _spec("country", "#country+code+v_iso2", export_only=True),
    *_DATES,
    _spec("metric", "#indicator+code", aliases=("indicator",)),
    _spec("value", "#affected+num", "#affected", aliases=("count", "figure")),
    _spec("value_status", "#meta+value_status", aliases=("status",)),
    _spec("value_qualifier", "#meta+qualifier", aliases=("qualifier",)),
    _spec("sex", "#meta+sex"),
    _spec("age_group", "#meta+age", aliases=("age",)),
    _spec(
        "nationality", "#country+code+v_iso2+nationality", "#country+nationality", aliases=("citizenship",)
    ),
    _spec("source_organisation", "#org+code+source", "#org+source", aliases=("source",)),
    _spec("reliability", "#meta+reliability"),
    _spec("owner", "#org+code+owner", "#org+owner"),
    *_HANDLING,
    _spec("is_current", "#meta+current", export_only=True),
    _spec("revision_of", "#meta+revision_of", export_only=True),
)

EVENT_FIELDS = (
    _UID,
    _spec("slug", "#event+code"),
    *_DATES,
    _spec("kind", "#event+type", aliases=("type",)),
    _spec("title", "#event+name", aliases=("name",)),
    _spec("description", "#description", "#description-note"),
    _spec("places", "#loc+code+list", "#loc+code", "#loc", is_list=True),
    _spec("countries", "#country+code+v_iso2+list", "#country", is_list=True),
    _spec("actors", "#org+code+list", "#org-owner", is_list=True),
    _spec("owner", "#org+code+owner", "#org+owner"),
    *_HANDLING,
    _VERSION,
)

ACTIVITY_FIELDS = (
    _UID,
    _spec("slug", "#activity+code"),
    _spec("title", "#activity+name", aliases=("name",)),
    _spec("category", "#activity+type"),
    _spec("lead", "#org+code+lead", "#org+lead"),
    _spec("lead_role", "#meta+role", aliases=("role",)),
    _spec("partners", "#org+code+partner+list", "#org+partner", is_list=True),
    *_DATES,
    _spec("date_note", "#meta+date_note"),
    _spec("places", "#loc+code+list", "#loc+code", "#loc", is_list=True),
    _spec("countries", "#country+code+v_iso2+list", "#country", is_list=True),
    _spec("funding", "#meta+funding"),
    _spec("status", "#status"),
    _spec("description", "#description", "#description-note"),
    *_HANDLING,
    _VERSION,
)

PLACE_FIELDS = (
    _UID,
    _spec("slug", "#loc+code", "#loc+code-parent"),
    _spec("name", "#loc+name", "#loc+name-alt"),
    _spec("alternative_names", "#loc+name+alt+list", "#loc+alt", aliases=("names",), is_list=True),
    _spec("kind", "#loc+type", aliases=("type",)),
    _spec("country", "#country+code+v_iso2", "#country"),
    _spec("parent", "#loc+code+parent", "#loc+parent"),
    _spec("latitude", "#geo+lat", aliases=("lat",)),
    _spec("longitude", "#geo+lon", aliases=("lon", "lng")),
    _spec("coordinates_source", "#meta+coordinates_source"),
    _spec("opened_on", "#date+opened", aliases=("opened",)),
    _spec("closed_on", "#date+closed", aliases=("closed",)),
    _spec("owner", "#org+code+owner", "#org+owner"),
    *_HANDLING,
    _VERSION,
)

FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    ImportKind.OBSERVATIONS: OBSERVATION_FIELDS,
    ImportKind.EVENTS: EVENT_FIELDS,
    ImportKind.ACTIVITIES: ACTIVITY_FIELDS,
    ImportKind.PLACES: PLACE_FIELDS,
}

LIST_SEPARATOR = ";"
"""Several values in one cell (places of an event, partners of an activity) are separated by ';'."""


@dataclass(frozen=True, slots=True)
class KindFields:
    """The importable fields of one kind, by name."""

    kind: str
    fields: dict[str, FieldSpec] = field(default_factory=dict)

    @classmethod
    def of(cls, kind: str) -> KindFields:
        return cls(kind, {spec.name: spec for spec in FIELDS[kind] if not spec.export_only})

    def names(self) -> list[str]:
        return list(self.fields)


def export_fields(kind: str) -> tuple[FieldSpec, ...]:
    return tuple(spec for spec in FIELDS[kind] if not spec.import_only)
