"""Check places: a slug (the place's identity), a kind, its country, and optionally a parent, coordinates
and the days a site opened and closed. A parent may be a stored place or one defined on an earlier row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from corridor.accounts.choices import RecordKind
from corridor.exchange.check_work import read_slug
from corridor.exchange.checking import CheckContext, Reading
from corridor.exchange.records import RawRecord
from corridor.exchange.report import RowError
from corridor.exchange.values import CellError, choice, coordinate, long_text, text, text_list, version
from corridor.geo.choices import PlaceKind

PLACE_REQUIRED = (("slug",), ("name",), ("kind",), ("owner",))


@dataclass(frozen=True)
class PlaceInput:
    row: int
    slug: str
    name: str
    alternative_names: tuple[str, ...]
    kind: str
    country_code: str | None
    parent_slug: str | None
    latitude: Decimal | None
    longitude: Decimal | None
    coordinates_source: str
    opened_on: date | None
    closed_on: date | None
    owner_id: int
    classification: str
    note: str
    version: int | None = None

    @property
    def key(self) -> str:
        return self.slug


class PlaceChecker:
    def __init__(self, context: CheckContext) -> None:
        self.context = context
        self.defined_in_file: dict[str, int] = {}

    def check(self, record: RawRecord, errors: list[RowError]) -> PlaceInput | None:
        context = self.context
        reading = Reading(record, errors)
        slug = reading.read("slug", read_slug, required=True)
        name = reading.read("name", lambda cell: text(cell, max_length=160), required=True)
        names = reading.read("alternative_names", lambda cell: tuple(text_list(cell))) or ()
        kind = reading.read("kind", lambda cell: choice(cell, PlaceKind), required=True)
        country = reading.read("country", lambda cell: context.countries.find(text(cell)))
        if country is None and kind not in (None, PlaceKind.REGION) and not reading.given("country"):
            reading.error("country", "is required for every place but a region")
        parent = reading.read("parent", self._parent)
        latitude = reading.read("latitude", lambda cell: coordinate(cell, limit=90))
        longitude = reading.read("longitude", lambda cell: coordinate(cell, limit=180))
        if (latitude is None) != (longitude is None) and not reading.failed:
            reading.error("latitude" if latitude is None else "longitude", "give both coordinates or neither")
        source = reading.read_or("coordinates_source", lambda cell: text(cell, max_length=120), "")
        opened = reading.read("opened_on", context.dates.day)
        closed = reading.read("closed_on", context.dates.day)
        if opened and closed and closed < opened:
            reading.error("closed_on", f"is before the place opened ({opened.isoformat()})")
        owner = reading.owner(context)
        classification = reading.classification(context, owner, RecordKind.PLACE)
        note = reading.read_or("note", long_text, "")
        exported_at = reading.read("version", version)
        if slug is not None and slug == parent:
            reading.error("parent", "is the place itself")
        if slug is not None:
            self.defined_in_file.setdefault(slug, record.row)
        if reading.failed or slug is None or not name or kind is None or owner is None:
            return None
        return PlaceInput(
            record.row, slug, name, names, kind, country, parent, latitude, longitude, source, opened, closed,
            owner.id, classification, note or "", exported_at,
        )  # fmt: skip

    def _parent(self, cell: object) -> str:
        value = text(cell)  # type: ignore[arg-type]
        if value in self.defined_in_file:
            return value
        try:
            return self.context.places.find(value).slug
        except CellError as error:
            raise CellError(f"{error} (a parent defined in the file must come on an earlier row)") from None
