"""Where the scenario graph's places are on the map, and what to call them.

Editorial, like the graph itself (`engine/data/route_2015_16/PROVENANCE.md`): the coordinates of the
town or crossing each node stands for (to about 0.05°), and for the three country nodes (Hungary, "stays
in Austria", "continues to Germany") a point inside the country near where the route entered it. `slug` is
the place in the case study a node stands for, when there is one, so the map can link to its page.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RoutePoint:
    label: str
    latitude: float
    longitude: float
    slug: str = ""


ROUTE_POINTS: dict[str, RoutePoint] = {
    "greek-islands": RoutePoint("Greek islands", 39.10, 26.40, "greek-islands"),
    "piraeus": RoutePoint("Piraeus", 37.94, 23.64),
    "idomeni": RoutePoint("Idomeni", 41.12, 22.51, "idomeni"),
    "gevgelija": RoutePoint("Gevgelija", 41.14, 22.50, "gevgelija"),
    "tabanovce": RoutePoint("Tabanovce", 42.21, 21.70, "tabanovce"),
    "presevo": RoutePoint("Preševo", 42.31, 21.65, "presevo"),
    "belgrade": RoutePoint("Belgrade", 44.82, 20.46, "belgrade"),
    "horgos": RoutePoint("Horgoš", 46.15, 19.97, "horgos"),
    "sid": RoutePoint("Šid", 45.13, 19.23),
    "slavonski-brod": RoutePoint("Slavonski Brod", 45.16, 18.02),
    "hungary": RoutePoint("Hungary", 46.90, 19.20, "hu"),
    "dobova": RoutePoint("Dobova", 45.90, 15.65),
    "spielfeld": RoutePoint("Spielfeld", 46.71, 15.64),
    "nickelsdorf": RoutePoint("Nickelsdorf", 47.94, 17.07),
    "austria": RoutePoint("Austria (stays)", 47.50, 15.00, "at"),
    "germany": RoutePoint("Germany", 48.57, 13.43, "de"),
    "kapshtice": RoutePoint("Kapshticë", 40.58, 21.03),
    "tirana": RoutePoint("Tirana", 41.33, 19.82, "tirana"),
    "podgorica": RoutePoint("Podgorica", 42.44, 19.26, "podgorica"),
    "sarajevo": RoutePoint("Sarajevo", 43.86, 18.41, "sarajevo"),
}


def point_for(place: str) -> RoutePoint:
    """The point of a graph place; a place the table lacks is named in the error."""
    try:
        return ROUTE_POINTS[place]
    except KeyError:
        raise ValueError(
            f"the route graph's place {place!r} has no point in route_points.ROUTE_POINTS"
        ) from None
