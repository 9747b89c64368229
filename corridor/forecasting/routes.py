"""A route as the engines read it: its series, graph, closures in force and map points, from the database.

Every forecast, alert scan and scenario starts here: `route_model_for(reader, slug)` reads the route through
the visibility funnel (`geo.selectors.get_route_for_user`: a hidden route is not found, a series at a place
the reader may not read is left out) and turns it into plain engine objects. No route, series or place of
any case is named in this code; they are data (`corridor route import`, docs/routes.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from corridor.core.exceptions import NotFound, ValidationFailed
from corridor.forecasting.engine import Closure, RouteGraph, TransitLagModel
from corridor.forecasting.engine.transit import upstream_along_route
from corridor.geo.choices import RouteNodeKind
from corridor.geo.selectors import get_route_for_user, places_visible_to, routes_visible_to

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.geo.models import Route, RouteNode


@dataclass(frozen=True)
class SeriesKey:
    """The observations of one series: place slug, metric, source organisation and frequency."""

    key: str
    place: str
    metric: str
    label: str
    source: str
    frequency: str
    node: str
    monitored: bool


@dataclass(frozen=True)
class RoutePoint:
    label: str
    latitude: float
    longitude: float
    slug: str = ""


@dataclass(frozen=True, eq=False)
class RouteModel:
    """A route's series (upstream first), graph, closures already in force and node points."""

    slug: str
    name: str
    series: dict[str, SeriesKey]
    graph: RouteGraph | None
    closures_in_force: tuple[Closure, ...]
    points: dict[str, RoutePoint]

    @property
    def monitored(self) -> tuple[str, ...]:
        """The series scanned for alerts, downstream first (as the error tables list them)."""
        return tuple(reversed([key for key, series in self.series.items() if series.monitored]))

    @property
    def inflow(self) -> SeriesKey | None:
        """The series that drives scenarios: the first counted at a node where people enter the route."""
        kinds = {node: kind for node, kind in self._node_kinds}
        for series in self.series.values():
            if series.node and kinds.get(series.node) == RouteNodeKind.SOURCE:
                return series
        return None

    _node_kinds: tuple[tuple[str, str], ...] = ()

    def series_for_place(self, place_slug: str) -> str | None:
        """The series of a place's arrivals (or its first series), or None if the route counts none there."""
        at_place = [key for key, series in self.series.items() if series.place == place_slug]
        arrivals = [key for key in at_place if self.series[key].metric == "arrivals"]
        found = arrivals or at_place
        return found[0] if found else None

    def series_named(self, text: str) -> str | None:
        """A series from its own key or from a place slug; None if neither."""
        return text if text in self.series else self.series_for_place(text)

    @property
    def countries(self) -> tuple[str, ...]:
        """The countries the route's nodes lie in, in the order of its nodes."""
        return tuple(dict.fromkeys(self.graph.countries)) if self.graph is not None else ()

    def transit_model(self) -> TransitLagModel:
        """The transit-lag model along the route's series, upstream first."""
        return TransitLagModel(upstream=upstream_along_route(tuple(self.series)))

    def point_for(self, node: str) -> RoutePoint:
        try:
            return self.points[node]
        except KeyError:
            raise ValueError(f"the route {self.slug!r} has no node {node!r}") from None

    def require_graph(self) -> RouteGraph:
        if self.graph is None:
            raise ValidationFailed({"route": [f"the route {self.slug!r} has no graph to run a scenario on"]})
        return self.graph


def default_route_slug(reader: Reader) -> str:
    """The route a reader's pages show when none is chosen: the first they may read that counts a series."""
    slug = (
        routes_visible_to(reader)
        .filter(series__isnull=False)
        .order_by("name", "slug")
        .values_list("slug", flat=True)
        .first()
    )
    if slug is None:
        raise NotFound("no route")
    return slug


def route_model_for(reader: Reader, slug: str | None = None) -> RouteModel:
    """The route `slug` (default: `default_route_slug`) as `reader` may see it; `NotFound` when hidden."""
    route = get_route_for_user(reader, slug=slug or default_route_slug(reader))
    node_places = [node.place_id for node in route.nodes.all() if node.place_id is not None]
    readable = set(places_visible_to(reader).filter(pk__in=node_places).values_list("pk", flat=True))
    return route_model(route, readable_places=readable)


def route_model(route: Route, *, readable_places: set[int] | None = None) -> RouteModel:
    """Engine objects from a route fetched with its graph (`get_route_for_user` prefetches it); a node's
    place is named only when it is in `readable_places` (None: all)."""
    nodes = list(route.nodes.all())
    legs = list(route.legs.all())
    series = {
        row.key: SeriesKey(
            key=row.key,
            place=row.place.slug,
            metric=row.metric,
            label=row.label,
            source=row.source_organisation.slug,
            frequency=row.frequency,
            node=row.node.key if row.node else "",
            monitored=row.monitored,
        )
        for row in route.series.all()
    }
    graph = None
    if nodes and legs:
        index = {node.key: i for i, node in enumerate(nodes)}
        graph = RouteGraph(
            places=tuple(node.key for node in nodes),
            countries=tuple(node.country.code for node in nodes),
            leave_rate=np.array([float(node.leave_rate) for node in nodes]),
            link_from=np.array([index[leg.origin.key] for leg in legs], dtype=np.int64),
            link_to=np.array([index[leg.destination.key] for leg in legs], dtype=np.int64),
            transit_days=np.array([leg.transit_days for leg in legs], dtype=np.int64),
            capacity=np.array([np.inf if leg.capacity is None else float(leg.capacity) for leg in legs]),
            share=np.array([float(leg.share) for leg in legs]),
            divert_weight=np.array([float(leg.divert_weight) for leg in legs]),
        )
    closures = tuple(
        Closure(closure.leg.origin.key, closure.leg.destination.key, closure.start, closure.end)
        for closure in route.closures.all()
    )

    def place_slug(node: RouteNode) -> str:
        if node.place is None or (readable_places is not None and node.place_id not in readable_places):
            return ""
        return node.place.slug

    points = {
        node.key: RoutePoint(node.label, float(node.latitude), float(node.longitude), place_slug(node))
        for node in nodes
    }
    return RouteModel(
        slug=route.slug,
        name=route.name,
        series=series,
        graph=graph,
        closures_in_force=closures,
        points=points,
        _node_kinds=tuple((node.key, node.kind) for node in nodes),
    )
