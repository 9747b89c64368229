"""Where things are: route order of places, and the map's countries, sites and route legs.

Route order: the route graph (`RouteLink`, projected to countries) orders what it links; everything else,
and every choice between unlinked places, goes south to north (the direction of travel on the Balkan
route), by the place's coordinates or else its country outline's centre.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from corridor.geo.choices import SITE_KINDS
from corridor.geo.models import Country, Place
from corridor.geo.outlines import outlines
from corridor.geo.selectors import places_visible_to, route_links_visible_to
from corridor.reports.builders.collect import Sources
from corridor.reports.data.flows import Flows, MapCountry, MapData, MapLink, MapSite

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


def _centre(place: Place) -> tuple[float, float] | None:
    """(longitude, latitude) of a place: its coordinates, else the centre of its country's outline (a
    country, or an area such as the Greek islands that has no single point)."""
    if place.latitude is not None and place.longitude is not None:
        return float(place.longitude), float(place.latitude)
    if place.country is not None:
        return country_centre(place.country.code)
    return None


def country_centre(code: str) -> tuple[float, float] | None:
    """The centre of the bounding box of a country's largest polygon (good enough to place a label)."""
    polygons = outlines().get(code)
    if not polygons:
        return None
    ring = max((polygon[0] for polygon in polygons), key=len)
    longitudes = [lon for lon, _ in ring]
    latitudes = [lat for _, lat in ring]
    return (min(longitudes) + max(longitudes)) / 2, (min(latitudes) + max(latitudes)) / 2


def route_order(places: Iterable[Place], reader: Reader) -> list[Place]:
    """Places in the order people travel: the route graph first, south to north where it is silent."""
    places = list(places)
    code_of = {place.pk: place.country.code if place.country else "" for place in places}
    latitude = {place.pk: (_centre(place) or (0.0, 90.0))[1] for place in places}
    country_edges: set[tuple[str, str]] = set()
    for origin_code, destination_code in route_links_visible_to(reader).values_list(
        "origin__country__code", "destination__country__code"
    ):
        if origin_code and destination_code and origin_code != destination_code:
            country_edges.add((origin_code, destination_code))
    incoming: dict[int, int] = {place.pk: 0 for place in places}
    following: dict[int, list[int]] = defaultdict(list)
    for a in places:
        for b in places:
            if (code_of[a.pk], code_of[b.pk]) in country_edges:
                following[a.pk].append(b.pk)
                incoming[b.pk] += 1
    by_pk = {place.pk: place for place in places}
    ready = [(latitude[pk], by_pk[pk].slug, pk) for pk, count in incoming.items() if count == 0]
    heapq.heapify(ready)
    ordered: list[Place] = []
    while ready:
        _, _, pk = heapq.heappop(ready)
        ordered.append(by_pk[pk])
        for after in following[pk]:
            incoming[after] -= 1
            if incoming[after] == 0:
                heapq.heappush(ready, (latitude[after], by_pk[after].slug, after))
    left = sorted((p for p in places if p not in ordered), key=lambda p: (latitude[p.pk], p.slug))
    return ordered + left


def build_map(
    reader: Reader, sources: Sources, *, flows: Flows, countries: Iterable[str], site_ids: Iterable[int] = ()
) -> MapData:
    """Countries shaded by their period total (the source with most reported days), sites, route legs."""
    shaded: dict[str, tuple[int, tuple[bool, int]]] = {}
    for row in flows.rows:
        if row.is_site or not row.country_code:
            continue
        # The country's own figure first; else the area within it with most reported days (Greek islands).
        rank = (row.place_kind == "country", row.days_reported)
        best = shaded.get(row.country_code)
        if best is None or rank > best[1]:
            shaded[row.country_code] = (row.total, rank)
    codes = sorted(set(countries) | set(shaded))
    country_names = dict(Country.objects.filter(code__in=codes).values_list("code", "name"))
    site_totals = {row.place_slug: row.total for row in flows.rows if row.is_site}
    wanted = set(site_ids)
    visible = places_visible_to(reader).filter(latitude__isnull=False, country__code__in=codes)
    sites = []
    for place in visible.order_by("slug"):
        if place.kind not in SITE_KINDS and place.pk not in wanted:
            continue
        sources.include(place.classification)
        sites.append(
            MapSite(
                slug=place.slug,
                name=place.name,
                kind=place.kind,
                role="site" if place.kind in SITE_KINDS else "headquarters",
                latitude=float(place.latitude or 0),
                longitude=float(place.longitude or 0),
                value=site_totals.get(place.slug),
            )
        )
    return MapData(
        countries=tuple(
            MapCountry(
                code=code,
                name=country_names.get(code, code),
                value=shaded[code][0] if code in shaded else None,
            )
            for code in codes
        ),
        sites=tuple(sites),
        links=_links(reader, sources),
        highlight_countries=tuple(sorted(set(countries))),
    )


def _links(reader: Reader, sources: Sources) -> tuple[MapLink, ...]:
    links = []
    for link in route_links_visible_to(reader).select_related("origin__country", "destination__country"):
        start, end = _centre(link.origin), _centre(link.destination)
        if start is None or end is None:
            continue
        sources.include(link.classification)
        links.append(
            MapLink(
                origin=link.origin.slug,
                destination=link.destination.slug,
                from_longitude=round(start[0], 4),
                from_latitude=round(start[1], 4),
                to_longitude=round(end[0], 4),
                to_latitude=round(end[1], 4),
            )
        )
    return tuple(sorted(links, key=lambda link: (link.origin, link.destination)))
