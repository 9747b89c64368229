"""Route files: a folder of five CSV files that describe a route, read into one `RouteInput` and written back.

| file | columns (required in bold in docs/routes.md) |
| --- | --- |
| `route.csv` | slug, name, owner, classification, description — one row |
| `nodes.csv` | node, label, country, latitude, longitude, leave_rate, kind, place, note |
| `links.csv` | from, to, transit_days, capacity, share, divert_weight, basis, note |
| `series.csv` | series, label, place, metric, frequency, source, node, monitored |
| `closures.csv` | from, to, start, end, label (optional file) |

Every problem is collected with its file, line and column before anything is written; a route with any
problem writes nothing. Places, organisations and countries are looked up as the other importers do
(slug, code or name, among what the importing user may read); countries accept any ISO 3166 code.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from corridor.accounts.access import can_read
from corridor.actors.models import Organisation
from corridor.core.choices import Classification
from corridor.core.exceptions import NotFound, PermissionDenied, ValidationFailed
from corridor.exchange.acting import PLATFORM, Actor, may_write_for
from corridor.exchange.lookups import country_directory, organisation_directory, place_directory
from corridor.exchange.values import CellError
from corridor.geo.choices import LegBasis, RouteNodeKind, SeriesFrequency
from corridor.geo.models import Country, Place, Route, RouteClosure, RouteLeg, RouteNode, RouteSeries
from corridor.geo.routes import (
    ClosureInput,
    LegInput,
    NodeInput,
    RouteInput,
    RouteOutcome,
    SeriesInput,
    save_route,
)
from corridor.monitoring.choices import Metric

T = TypeVar("T")

FILES: dict[str, tuple[str, ...]] = {
    "route.csv": ("slug", "name", "owner", "classification", "description"),
    "nodes.csv": ("node", "label", "country", "latitude", "longitude", "leave_rate", "kind", "place", "note"),
    "links.csv": ("from", "to", "transit_days", "capacity", "share", "divert_weight", "basis", "note"),
    "series.csv": ("series", "label", "place", "metric", "frequency", "source", "node", "monitored"),
    "closures.csv": ("from", "to", "start", "end", "label"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "route.csv": ("slug", "name", "owner"),
    "nodes.csv": ("node", "country", "latitude", "longitude", "leave_rate"),
    "links.csv": ("from", "to", "transit_days", "share"),
    "series.csv": ("series", "place", "metric", "frequency", "source"),
    "closures.csv": ("from", "to", "start"),
}
OPTIONAL_FILES = frozenset({"closures.csv"})


@dataclass(frozen=True, slots=True)
class RouteFileError:
    """One problem: the file, the line as an editor numbers it, the column, the value found and why."""

    file: str
    line: int | None
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        column = f", column {self.column!r}" if self.column else ""
        value = f" {self.value!r}" if self.value else ""
        return f"{where}{column}:{value} {self.reason}"


class RouteFilesRefused(Exception):
    """The files describe no usable route; `errors` lists every problem found. Nothing was written."""

    def __init__(self, errors: list[RouteFileError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


@dataclass
class _Reading:
    errors: list[RouteFileError]
    file: str = ""
    line: int = 0
    row: dict[str, str] | None = None

    def cell(self, column: str) -> str:
        return (
            " ".join((self.row or {}).get(column, "").split())
            if column != "note"
            else ((self.row or {}).get(column, "").strip())
        )

    def fail(self, column: str, reason: str, value: str | None = None) -> None:
        shown = self.cell(column) if value is None else value
        self.errors.append(RouteFileError(self.file, self.line or None, column, shown[:80], reason))

    def read(self, column: str, parse: Callable[[str], T], default: T | None = None) -> T | None:
        text = self.cell(column)
        if not text:
            if column in REQUIRED.get(self.file, ()):
                self.fail(column, "is required")
            return default
        try:
            return parse(text)
        except CellError as error:
            self.fail(column, str(error))
        except (ValueError, InvalidOperation):
            self.fail(column, f"is not {_what(parse)}")
        return None


def _what(parse: Callable[[str], Any]) -> str:
    return {
        Decimal: "a number",
        int: "a whole number",
        date.fromisoformat: "a date (YYYY-MM-DD)",
    }.get(parse, "valid")  # type: ignore[call-overload]


def _choice(choices: type, noun: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in choices.values:  # type: ignore[attr-defined]
            raise CellError(f"is not a {noun}: one of {', '.join(choices.values)}")  # type: ignore[attr-defined]
        return text

    return parse


def _yes_no(text: str) -> bool:
    folded = text.casefold()
    if folded in {"yes", "true", "1", "y"}:
        return True
    if folded in {"no", "false", "0", "n"}:
        return False
    raise CellError("is not yes or no")


def read_rows(folder: Path, name: str, errors: list[RouteFileError]) -> list[tuple[int, dict[str, str]]]:
    """The data rows of `folder/name` with their line numbers; a missing file or column is an error."""
    path = folder / name
    if not path.is_file():
        if name not in OPTIONAL_FILES:
            errors.append(RouteFileError(name, None, "", "", "is missing from the route's folder"))
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        errors.append(RouteFileError(name, None, "", "", f"is not UTF-8 text ({error.reason})"))
        return []
    reader = csv.DictReader(io.StringIO(text))
    header = [column.strip() for column in reader.fieldnames or []]
    reader.fieldnames = header
    absent = [column for column in REQUIRED[name] if column not in header]
    for column in absent:
        errors.append(RouteFileError(name, 1, column, "", "this required column is missing"))
    unknown = [column for column in header if column not in FILES[name]]
    for column in unknown:
        errors.append(
            RouteFileError(name, 1, column, "", f"is not a column of {name}: {', '.join(FILES[name])}")
        )
    if absent or unknown:
        return []
    return [(reader.line_num, {k: v or "" for k, v in row.items() if k is not None}) for row in reader]


def read_route_folder(folder: Path, *, actor: Actor) -> tuple[RouteInput, Organisation, str | None]:
    """Read the route `folder` describes; `RouteFilesRefused` lists each problem's file, line and column."""
    errors: list[RouteFileError] = []
    places = place_directory(actor)
    organisations = organisation_directory(actor)
    countries = country_directory()
    country_rows = {country.code: country for country in Country.objects.all()}
    reading = _Reading(errors)

    def at(name: str, line: int, row: dict[str, str]) -> _Reading:
        reading.file, reading.line, reading.row = name, line, row
        return reading

    route_rows = read_rows(folder, "route.csv", errors)
    if len(route_rows) != 1 and (folder / "route.csv").is_file() and not errors:
        errors.append(RouteFileError("route.csv", None, "", "", f"has {len(route_rows)} rows, not one"))
    slug = name = description = ""
    owner_id: int | None = None
    classification: str | None = None
    for line, row in route_rows[:1]:
        r = at("route.csv", line, row)
        slug, name, description = r.cell("slug"), r.cell("name"), row.get("description", "").strip()
        for column in ("slug", "name"):
            if not r.cell(column):
                r.fail(column, "is required")
        owner_entry = r.read("owner", organisations.find)
        owner_id = owner_entry.id if owner_entry else None
        classification = r.read("classification", _choice(Classification, "classification"))

    nodes = []
    for line, row in read_rows(folder, "nodes.csv", errors):
        r = at("nodes.csv", line, row)
        code = r.read("country", countries.find)
        place = r.read("place", places.find)
        values: dict[str, Any] = {
            "key": r.cell("node"),
            "label": r.cell("label") or r.cell("node"),
            "leave_rate": r.read("leave_rate", Decimal),
            "latitude": r.read("latitude", Decimal),
            "longitude": r.read("longitude", Decimal),
            "kind": r.read("kind", _choice(RouteNodeKind, "kind of node"), RouteNodeKind.TRANSIT.value),
            "note": r.cell("note"),
        }
        if not values["key"]:
            r.fail("node", "is required")
        if None in values.values() or code is None:
            continue
        nodes.append(
            NodeInput(
                country=country_rows[code],
                place=Place.objects.get(pk=place.id) if place else None,
                **values,  # type: ignore[arg-type]
            )
        )

    legs = []
    for line, row in read_rows(folder, "links.csv", errors):
        r = at("links.csv", line, row)
        values = {
            "origin": r.cell("from"),
            "destination": r.cell("to"),
            "transit_days": r.read("transit_days", int),
            "share": r.read("share", Decimal),
            "divert_weight": r.read("divert_weight", Decimal, Decimal(0)),
            "capacity": r.read("capacity", int, 0),
            "basis": r.read("basis", _choice(LegBasis, "basis"), LegBasis.EDITORIAL.value),
            "note": r.cell("note"),
        }
        for column in ("from", "to"):
            if not r.cell(column):
                r.fail(column, "is required")
        if None in values.values():
            continue
        legs.append(LegInput(**{**values, "capacity": values["capacity"] or None}))  # type: ignore[arg-type]

    series = []
    for line, row in read_rows(folder, "series.csv", errors):
        r = at("series.csv", line, row)
        place = r.read("place", places.find)
        source = r.read("source", organisations.find)
        values = {
            "key": r.cell("series"),
            "label": r.cell("label") or r.cell("series"),
            "metric": r.read("metric", _choice(Metric, "metric")),
            "frequency": r.read("frequency", _choice(SeriesFrequency, "frequency")),
            "node": r.cell("node"),
            "monitored": r.read("monitored", _yes_no, False),
        }
        if None in values.values() or place is None or source is None:
            continue
        series.append(
            SeriesInput(
                place=Place.objects.get(pk=place.id),
                source_organisation=Organisation.objects.get(pk=source.id),
                **values,  # type: ignore[arg-type]
            )
        )

    closures = []
    for line, row in read_rows(folder, "closures.csv", errors):
        r = at("closures.csv", line, row)
        start = r.read("start", date.fromisoformat)
        end = r.read("end", date.fromisoformat)
        if start is None:
            continue
        closures.append(ClosureInput(r.cell("from"), r.cell("to"), start, end, r.cell("label")))

    data = RouteInput(
        slug=slug,
        name=name,
        description=description,
        nodes=tuple(nodes),
        legs=tuple(legs),
        series=tuple(series),
        closures=tuple(closures),
    )
    if not errors:
        errors.extend(_graph_errors(data))
    if errors:
        raise RouteFilesRefused(errors)
    assert owner_id is not None
    return data, Organisation.objects.get(pk=owner_id), classification


_FILE_OF_PART = {
    "nodes": "nodes.csv",
    "legs": "links.csv",
    "series": "series.csv",
    "closures": "closures.csv",
}
_COLUMN_OF_FIELD = {"key": "", "origin": "from", "destination": "to"}


def _graph_errors(data: RouteInput) -> list[RouteFileError]:
    """The graph's problems (`legs.3.share`) as file, line and column (links.csv, line 5, share)."""
    from corridor.geo.routes import graph_problems

    found = []
    for path, messages in graph_problems(data).items():
        part, index, *rest = path.split(".")
        column = rest[0] if rest else ""
        column = {"key": {"nodes": "node", "series": "series"}.get(part, column)}.get(column, column)
        column = _COLUMN_OF_FIELD.get(column, column)
        for message in messages:
            found.append(RouteFileError(_FILE_OF_PART[part], int(index) + 2, column, "", message))
    return found


def import_route_folder(folder: Path, *, actor: Actor = PLATFORM) -> RouteOutcome:
    """Read `folder` and save its route as `actor` (the platform for an operator's command).

    `RouteFilesRefused` lists every problem of the files; `PermissionDenied` when the user may not write
    for the route's owner. Nothing is written unless the whole route is."""
    data, owner, classification = read_route_folder(Path(folder), actor=actor)
    if actor is not PLATFORM and not may_write_for(actor, owner.pk):
        raise PermissionDenied("you may import routes only for your own organisation, as an editor or above")
    try:
        return save_route(
            actor=None if actor is PLATFORM else actor,  # type: ignore[arg-type]
            owner=owner,
            data=data,
            classification=classification,
            as_operator=actor is PLATFORM,
        )
    except ValidationFailed as failed:
        raise RouteFilesRefused(
            [
                RouteFileError("", None, path, "", "; ".join(messages))
                for path, messages in failed.errors.items()
            ]
        ) from None


def export_route_folder(route: Route, folder: Path, *, actor: Actor) -> list[Path]:
    """Write `route` as the five files `import_route_folder` reads; the same files import to the same route.

    A series whose place `actor` may not read is left out, as the route page leaves it out."""
    if actor is not PLATFORM and not can_read(
        actor,  # type: ignore[arg-type]
        classification=route.classification,
        owner_id=route.owner_id,
    ):
        raise NotFound("no such route")
    folder.mkdir(parents=True, exist_ok=True)
    rows: dict[str, list[list[str]]] = {
        "route.csv": [[route.slug, route.name, route.owner.slug, route.classification, route.description]],
        "nodes.csv": [
            [
                n.key,
                n.label,
                n.country.code,
                _number(n.latitude),
                _number(n.longitude),
                _number(n.leave_rate),
                n.kind,
                n.place.slug if n.place else "",
                n.note,
            ]
            for n in RouteNode.objects.filter(route=route)
            .select_related("country", "place")
            .order_by("position")
        ],
        "links.csv": [
            [
                g.origin.key,
                g.destination.key,
                str(g.transit_days),
                "" if g.capacity is None else str(g.capacity),
                _number(g.share),
                _number(g.divert_weight),
                g.basis,
                g.note,
            ]
            for g in RouteLeg.objects.filter(route=route)
            .select_related("origin", "destination")
            .order_by("position")
        ],
        "series.csv": [
            [
                s.key,
                s.label,
                s.place.slug,
                s.metric,
                s.frequency,
                s.source_organisation.slug,
                s.node.key if s.node else "",
                "yes" if s.monitored else "no",
            ]
            for s in RouteSeries.objects.filter(route=route)
            .select_related("place", "source_organisation", "node")
            .order_by("position")
            if actor is PLATFORM
            or can_read(
                actor,  # type: ignore[arg-type]
                classification=s.place.classification,
                owner_id=s.place.owner_id,
            )
        ],
        "closures.csv": [
            [
                c.leg.origin.key,
                c.leg.destination.key,
                c.start.isoformat(),
                c.end.isoformat() if c.end else "",
                c.label,
            ]
            for c in RouteClosure.objects.filter(route=route)
            .select_related("leg__origin", "leg__destination")
            .order_by("position")
        ],
    }
    written = []
    for name, body in rows.items():
        path = folder / name
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(FILES[name])
            writer.writerows(body)
        written.append(path)
    return written


def _number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text
