"""Load the reference kinds: sources, countries, organisations, places, the route and field operations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from corridor.actors.choices import OrganisationKind
from corridor.actors.models import FieldOperation, Interview, Organisation
from corridor.casestudy.context import LoadContext, unique_slugs
from corridor.casestudy.reading import RawRecord
from corridor.core.choices import SourceKind
from corridor.core.dates import DateSpan, DateSpanError
from corridor.core.models import Source
from corridor.geo.choices import LinkMode, NameAudience, OsceStatus, PlaceKind
from corridor.geo.models import Country, CountryName, Place, RouteLink
from corridor.geo.services import sync_iso_countries


def load_sources(ctx: LoadContext, records: list[RawRecord]) -> None:
    def load(record: RawRecord) -> None:
        kind = ctx.choice(record, "kind", SourceKind)
        title = ctx.text(record, "title", required=True)
        if kind is None or not title:
            return
        source = ctx.syncer.upsert(
            Source,
            key={"slug": record.get("slug")},
            values={
                "kind": kind,
                "title": title,
                "reference": ctx.text(record, "reference"),
                "licence": ctx.text(record, "licence"),
            },
        )
        ctx.register("source", source.slug, source)

    ctx.each(unique_slugs(ctx, records, "source"), load)


def _period(
    ctx: LoadContext, record: RawRecord, where: str, text: str | None
) -> tuple[date | None, date | None]:
    """'1993/2019-02', '2019-02/' or '/1993': the first and last day a name was in use (open ends None)."""
    if not text:
        return None, None
    first, _, last = str(text).partition("/")
    try:
        start = DateSpan.parse(first).start if first.strip() else None
        end = DateSpan.parse(last).end if last.strip() else None
    except DateSpanError as error:
        ctx.problem(record, where, str(error))
        return None, None
    return start, end


ISO_SOURCE = "iso-3166"


def load_countries(ctx: LoadContext, records: list[RawRecord]) -> None:
    """Every ISO country is kept (the list is the library's); the files add OSCE status and period names."""
    sync_iso_countries()

    def load(record: RawRecord) -> None:
        code = ctx.text(record, "code", required=True)
        status = ctx.choice(record, "osce_status", OsceStatus, default=OsceStatus.NONE)
        if not code or status is None:
            return
        if code in ctx.registry.get("country", {}):
            ctx.problem(record, "code", f"country {code!r} is defined twice")
            return
        country = ctx.syncer.upsert(
            Country,
            key={"code": code},
            values={
                "alpha3": ctx.text(record, "alpha3", required=True),
                "name": ctx.text(record, "name", required=True),
                "osce_status": status,
            },
        )
        ctx.register("country", code, country)
        names = []
        for index, entry in enumerate(record.get("names") or []):
            where = f"names[{index}]"
            audience = entry.get("audience")
            if audience not in NameAudience.values:
                ctx.problem(
                    record,
                    f"{where}.audience",
                    f"{audience!r} is not one of: {', '.join(NameAudience.values)}",
                )
                continue
            valid_from, valid_to = _period(ctx, record, f"{where}.period", entry.get("period"))
            names.append(
                {
                    "name": " ".join(str(entry.get("name", "")).split()),
                    "audience": audience,
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                }
            )
        _sync_country_names(ctx, country, names)
        ctx.syncer.cite(country, ctx.citations(record))

    ctx.each(records, load)
    _cite_the_standard(ctx)


def _cite_the_standard(ctx: LoadContext) -> None:
    """Countries the files do not describe come from the ISO 3166 list: each cites it by its code."""
    standard = ctx.registry.get("source", {}).get(ISO_SOURCE)
    if standard is None:
        return
    described = ctx.registry.get("country", {})
    for country in Country.objects.exclude(code__in=list(described)).order_by("code"):
        ctx.syncer.cite(country, [(standard, country.code, "")])


def load_country_places(ctx: LoadContext, records: list[RawRecord]) -> None:
    """Every country is also a place (slug: its lower-case code), so flows and events can be placed there."""

    def load(record: RawRecord) -> None:
        country = ctx.registry.get("country", {}).get(record.get("code"))
        if country is None:
            return
        place = ctx.syncer.upsert(
            Place,
            key={"slug": country.code.lower()},
            values={
                "name": country.name,
                "kind": PlaceKind.COUNTRY,
                "country": country,
                "parent": None,
                **ctx.handling(record),
            },
        )
        ctx.register("place", place.slug, place)
        ctx.syncer.cite(place, ctx.citations(record))

    ctx.each(records, load)


def _sync_country_names(ctx: LoadContext, country: Country, names: list[dict]) -> None:
    stored = {(n.audience, n.name): n for n in country.names.all()}
    wanted = {(n["audience"], n["name"]): n for n in names}
    for key, row in wanted.items():
        ctx.syncer.upsert(
            CountryName,
            key={"country": country, "audience": key[0], "name": key[1]},
            values={"valid_from": row["valid_from"], "valid_to": row["valid_to"]},
            existing=stored.get(key),
        )
    for key, stale in stored.items():
        if key not in wanted:
            stale.delete()
            ctx.syncer.counts.deleted["geo.CountryName"] += 1


def _in_parent_order(
    ctx: LoadContext, records: list[RawRecord], kind: str, preloaded: set[str]
) -> list[RawRecord]:
    """Records ordered so that each comes after its parent; unknown parents and cycles become problems."""
    by_slug = {record.get("slug"): record for record in records}
    ordered: list[RawRecord] = []
    placed = set(preloaded)
    pending = list(records)
    while pending:
        progress = [r for r in pending if not r.get("parent") or r.get("parent") in placed]
        if not progress:
            for record in pending:
                parent = record.get("parent")
                reason = "is part of a parent cycle" if parent in by_slug else "is not defined"
                ctx.problem(record, "parent", f"{kind} {parent!r} {reason}")
            break
        for record in progress:
            ordered.append(record)
            placed.add(record.get("slug"))
        pending = [r for r in pending if r not in progress]
    return ordered


def load_organisations(ctx: LoadContext, records: list[RawRecord]) -> None:
    records = unique_slugs(ctx, records, "organisation")
    ctx.registry.setdefault("organisation", {})

    def load(record: RawRecord) -> None:
        kind = ctx.choice(record, "kind", OrganisationKind)
        name = ctx.text(record, "name", required=True)
        country = None
        if record.get("country"):
            country = ctx.registry.get("country", {}).get(record.get("country"))
            if country is None:
                ctx.problem(record, "country", f"unknown country {record.get('country')!r}")
        parent = ctx.registry["organisation"].get(record.get("parent")) if record.get("parent") else None
        if kind is None or not name:
            return
        organisation = ctx.syncer.upsert(
            Organisation,
            key={"slug": record.get("slug")},
            values={
                "name": name,
                "short_name": ctx.text(record, "short_name"),
                "kind": kind,
                "parent": parent,
                "country": country,
                "hq_city": ctx.text(record, "hq_city"),
                "established_text": ctx.text(record, "established"),
                "description": ctx.text(record, "description"),
                "note": ctx.text(record, "note"),
                "classification": ctx.classification(record),
                "owner": None,
            },
        )
        ctx.register("organisation", organisation.slug, organisation)
        ctx.syncer.cite(organisation, ctx.citations(record))

    ctx.each(_in_parent_order(ctx, records, "organisation", set()), load)


def load_places(ctx: LoadContext, records: list[RawRecord]) -> None:
    records = unique_slugs(ctx, records, "place")
    preloaded = set(ctx.registry.get("place", {}))
    for record in records:
        if record.get("slug") in preloaded:
            ctx.problem(record, "slug", f"{record.get('slug')!r} is a country's place, made from countries/")

    def load(record: RawRecord) -> None:
        kind = ctx.choice(record, "kind", PlaceKind)
        name = ctx.text(record, "name", required=True)
        country = None
        if record.get("country"):
            country = ctx.lookup(record, "country", "country", record.get("country"))
        elif kind != PlaceKind.REGION:
            ctx.problem(record, "country", "is required for every place but a region")
        parent = ctx.registry["place"].get(record.get("parent")) if record.get("parent") else None
        latitude, longitude = record.get("lat"), record.get("lon")
        if (latitude is None) != (longitude is None):
            ctx.problem(record, "lat" if latitude is None else "lon", "give both coordinates or neither")
            return
        for field_name, value, limit in (("lat", latitude, 90), ("lon", longitude, 180)):
            if value is not None and (not isinstance(value, int | float) or not -limit <= value <= limit):
                ctx.problem(record, field_name, f"{value!r} is not a number between -{limit} and {limit}")
                return
        names = record.get("names") or []
        if kind is None or not name:
            return
        if latitude is not None:  # the model keeps 5 decimals (about a metre); finer is noise
            latitude, longitude = (Decimal(str(round(float(value), 5))) for value in (latitude, longitude))
        place = ctx.syncer.upsert(
            Place,
            key={"slug": record.get("slug")},
            values={
                "name": name,
                "alternative_names": [str(n) for n in names],
                "kind": kind,
                "country": country,
                "parent": parent,
                "latitude": latitude,
                "longitude": longitude,
                "coordinates_source": ctx.text(record, "coordinates_source"),
                **ctx.handling(record),
            },
        )
        ctx.register("place", place.slug, place)
        ctx.syncer.cite(place, ctx.citations(record))

    fresh = [record for record in records if record.get("slug") not in preloaded]
    ctx.each(_in_parent_order(ctx, fresh, "place", preloaded), load)


def load_route_links(ctx: LoadContext, records: list[RawRecord]) -> None:
    seen: dict[tuple[str, str, str], RawRecord] = {}

    def load(record: RawRecord) -> None:
        origin = ctx.lookup(record, "from", "place", record.get("from"))
        destination = ctx.lookup(record, "to", "place", record.get("to"))
        mode = ctx.choice(record, "mode", LinkMode, default=LinkMode.LAND)
        if origin is None or destination is None or mode is None:
            return
        key = (origin.slug, destination.slug, mode)
        if key in seen:
            ctx.problem(
                record, "from", f"the link {key} is already defined at {seen[key].file}:{seen[key].line}"
            )
            return
        seen[key] = record
        link = ctx.syncer.upsert(
            RouteLink,
            key={"origin": origin, "destination": destination, "mode": mode},
            values={"distance_km": record.get("distance_km"), **ctx.handling(record)},
        )
        ctx.syncer.cite(link, ctx.citations(record))

    ctx.each(records, load)


def load_field_operations(ctx: LoadContext, records: list[RawRecord]) -> None:
    """The `field_operation:` blocks of organisation records: profile, offices and study interview."""

    def load(record: RawRecord) -> None:
        block = record.get("field_operation")
        organisation = ctx.registry["organisation"].get(record.get("slug"))
        if organisation is None:
            return
        if organisation.kind != OrganisationKind.OSCE_FIELD_OPERATION:
            ctx.problem(record, "field_operation", "only an osce_field_operation has a field_operation block")
            return
        if organisation.country is None:
            ctx.problem(record, "country", "a field operation needs its host country")
            return
        headquarters = ctx.lookup(record, "field_operation.headquarters", "place", block.get("headquarters"))
        found = [
            ctx.lookup(record, "field_operation.offices", "place", slug)
            for slug in block.get("offices") or []
        ]
        offices = [office for office in found if office is not None]
        if headquarters is None or len(offices) < len(found):
            return
        ctx.syncer.upsert(
            FieldOperation,
            key={"organisation": organisation},
            values={
                "host_country": organisation.country,
                "headquarters": headquarters,
                "engagement_note": " ".join(str(block.get("engagement_note", "")).split()),
            },
            m2m={"offices": offices},
        )
        _load_interview(ctx, record, organisation, block)

    ctx.each([r for r in records if r.get("field_operation")], load)


def _load_interview(ctx: LoadContext, record: RawRecord, organisation: Organisation, block: dict) -> None:
    if not block.get("interviewed"):
        return
    try:
        span = DateSpan.parse(str(block["interviewed"]))
    except DateSpanError as error:
        ctx.problem(record, "field_operation.interviewed", str(error))
        return
    positions = [" ".join(str(position).split()) for position in block.get("interviewees") or []]
    interview = ctx.syncer.upsert(
        Interview,
        key={"organisation": organisation},
        values={
            "date_start": span.start,
            "date_end": span.end,
            "date_precision": span.precision,
            "positions": positions,
        },
    )
    annex = [c for c in ctx.citations(record) if c[1].lower() == "annex"]
    if not annex:
        ctx.problem(record, "sources", "a field operation with an interview must cite the annex")
    ctx.syncer.cite(interview, annex)
