"""Readers for countries, places and the route graph."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q, QuerySet

from corridor.accounts.access import get_visible, restrict
from corridor.core.text import fold
from corridor.geo.choices import NameAudience, PlaceKind
from corridor.geo.models import (
    Country,
    Place,
    Route,
    RouteClosure,
    RouteLeg,
    RouteLink,
    RouteNode,
    RouteSeries,
)
from corridor.geo.outlines import interior_point

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


def list_countries() -> QuerySet[Country]:
    return Country.objects.order_by("name")


def places_visible_to(user: Reader) -> QuerySet[Place]:
    return restrict(Place.objects.select_related("country", "parent"), user)


def visible_places(user: Reader, relation: str = "places") -> Prefetch[Any]:
    """Prefetch a record's `relation` limited to the places `user` may read, by name: a public record
    listing its places must not name a restricted one."""
    return Prefetch(relation, queryset=places_visible_to(user).order_by("name"))


def get_place_for_user(user: Reader, *, slug: str) -> Place:
    return get_visible(Place.objects.select_related("country", "parent"), user, slug=slug)


def route_links_visible_to(user: Reader) -> QuerySet[RouteLink]:
    links = restrict(RouteLink.objects.select_related("origin", "destination"), user)
    return links.filter(origin__in=places_visible_to(user), destination__in=places_visible_to(user))


def places_named(user: Reader, text: str) -> QuerySet[Place]:
    """The places `text` names among those `user` may read: by slug ("presevo"), by a country's ISO code
    ("rs", "SRB"), or by name written with or without its marks ("Preševo", "Presevo"). A hidden place is
    named by nothing."""
    visible = places_visible_to(user)
    wanted = text.strip()
    if not wanted:
        return visible.none()
    by_slug = visible.filter(slug=wanted.lower())
    if by_slug.exists():
        return by_slug
    if len(wanted) in (2, 3) and wanted.isalpha():
        code = Q(country__code__iexact=wanted) | Q(country__alpha3__iexact=wanted)
        by_code = visible.filter(code, kind=PlaceKind.COUNTRY)
        if by_code.exists():
            return by_code
    folded = fold(wanted)
    names = [
        (pk, [fold(name), *(fold(str(other)) for other in others or [])])
        for pk, name, others in visible.values_list("pk", "name", "alternative_names")
    ]
    matching = [pk for pk, known in names if folded in known]
    if not matching:
        matching = [pk for pk, known in names if known[0].startswith(folded + " ")]
    return visible.filter(pk__in=matching)


def places_within(user: Reader, text: str) -> QuerySet[Place]:
    """The place `text` names (`places_named`: a slug, a country's code, a name), the places within it (two
    levels down: a country's border area and its crossing) and, for a country, every place kept in that
    country (a site's parent may be a border area or none) — as far as `user` may read them: a hidden
    place is unknown, and nothing is within it."""
    named = places_named(user, text)
    in_country = Q(country__places__in=named.filter(kind=PlaceKind.COUNTRY))
    return places_visible_to(user).filter(
        Q(pk__in=named.values("pk")) | Q(parent__in=named) | Q(parent__parent__in=named) | in_country
    )


def map_position(place: Place) -> tuple[float, float] | None:
    """Where a map marks `place`, as (latitude, longitude): its coordinates, or for a country kept without
    any, a point well inside its shipped outline; None when neither exists."""
    if place.latitude is not None and place.longitude is not None:
        return float(place.latitude), float(place.longitude)
    if place.kind == "country" and place.country is not None:
        return interior_point(place.country.code)
    return None


def country_display_name(
    country: Country, *, audience: str = NameAudience.NEUTRAL, on: date | None = None
) -> str:
    """The name `audience` used for `country` on `on` (today if None); the neutral name when none is kept."""
    if audience == NameAudience.NEUTRAL:
        return country.name
    candidates = [name for name in country.names.all() if name.audience == audience]
    for name in candidates:
        starts_ok = on is None or name.valid_from is None or name.valid_from <= on
        ends_ok = name.valid_to is None if on is None else (name.valid_to is None or on <= name.valid_to)
        if starts_ok and ends_ok:
            return name.name
    return country.name


def routes_visible_to(user: Reader) -> QuerySet[Route]:
    return restrict(Route.objects.all(), user)


def get_route_for_user(user: Reader, *, slug: str) -> Route:
    """The route `slug` with its graph, if `user` may read it; `NotFound` otherwise (hidden means not found).

    A route's series name places: a series whose place the reader may not read is left out of it."""
    visible = places_visible_to(user)
    return get_visible(
        Route.objects.prefetch_related(
            Prefetch("nodes", RouteNode.objects.select_related("country", "place").order_by("position")),
            Prefetch("legs", RouteLeg.objects.select_related("origin", "destination").order_by("position")),
            Prefetch(
                "series",
                RouteSeries.objects.filter(place__in=visible)
                .select_related("place", "node", "source_organisation")
                .order_by("position"),
            ),
            Prefetch(
                "closures",
                RouteClosure.objects.select_related("leg__origin", "leg__destination").order_by("position"),
            ),
        ),
        user,
        slug=slug,
    )
