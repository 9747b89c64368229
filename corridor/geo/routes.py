"""Writing routes: a route and its whole graph (nodes, legs, series, closures) saved as one.

A route is written whole, from its files or its edit page: `save_route` creates it, or replaces its graph
when anything differs, in one transaction (nothing half-written), and writes nothing when nothing differs.
An operator's command acts with `as_operator=True`, as for places.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction

from corridor.accounts.access import new_record_classification, require_may_reclassify
from corridor.accounts.choices import RecordKind
from corridor.actors.models import Organisation
from corridor.core.exceptions import ValidationFailed
from corridor.core.services import require_can_change, require_can_write, save_attributed, validated
from corridor.geo.models import Country, Place, Route, RouteClosure, RouteLeg, RouteNode, RouteSeries

if TYPE_CHECKING:
    from corridor.accounts.access import Reader

SHARE_TOLERANCE = Decimal("0.001")


@dataclass(frozen=True)
class NodeInput:
    key: str
    label: str
    country: Country
    leave_rate: Decimal
    latitude: Decimal
    longitude: Decimal
    kind: str = "transit"
    place: Place | None = None
    note: str = ""


@dataclass(frozen=True)
class LegInput:
    origin: str
    destination: str
    transit_days: int
    share: Decimal
    divert_weight: Decimal = Decimal(0)
    capacity: int | None = None
    basis: str = "editorial"
    note: str = ""


@dataclass(frozen=True)
class SeriesInput:
    key: str
    label: str
    place: Place
    metric: str
    frequency: str
    source_organisation: Organisation
    node: str = ""
    monitored: bool = False


@dataclass(frozen=True)
class ClosureInput:
    origin: str
    destination: str
    start: date
    end: date | None
    label: str


@dataclass(frozen=True)
class RouteInput:
    """A whole route as its files or its edit page give it; node keys tie legs, series and closures."""

    slug: str
    name: str
    description: str = ""
    nodes: tuple[NodeInput, ...] = ()
    legs: tuple[LegInput, ...] = ()
    series: tuple[SeriesInput, ...] = field(default=())
    closures: tuple[ClosureInput, ...] = ()


@dataclass(frozen=True)
class RouteOutcome:
    route: Route
    outcome: str  # created, changed or unchanged


def graph_problems(data: RouteInput) -> dict[str, list[str]]:
    """What makes the graph unusable, by field path: unknown or repeated keys, shares that do not sum to 1."""
    problems: dict[str, list[str]] = {}
    keys = [node.key for node in data.nodes]
    for index, key in enumerate(keys):
        if keys.index(key) != index:
            problems.setdefault(f"nodes.{index}.key", []).append(f"node {key!r} is given twice")
    known = set(keys)
    pairs = [(leg.origin, leg.destination) for leg in data.legs]
    for index, leg in enumerate(data.legs):
        for end in ("origin", "destination"):
            if getattr(leg, end) not in known:
                problems.setdefault(f"legs.{index}.{end}", []).append(f"unknown node {getattr(leg, end)!r}")
        if leg.origin == leg.destination:
            problems.setdefault(f"legs.{index}.destination", []).append("a leg joins two different nodes")
        if pairs.index((leg.origin, leg.destination)) != index:
            problems.setdefault(f"legs.{index}", []).append("the same leg is given twice")
    for origin in dict.fromkeys(leg.origin for leg in data.legs):
        total = sum((leg.share for leg in data.legs if leg.origin == origin), Decimal(0))
        if abs(total - 1) > SHARE_TOLERANCE:
            first = next(i for i, leg in enumerate(data.legs) if leg.origin == origin)
            problems.setdefault(f"legs.{first}.share", []).append(
                f"the shares of the legs leaving {origin!r} add up to {total}, not 1"
            )
    series_keys = [series.key for series in data.series]
    for index, series in enumerate(data.series):
        if series_keys.index(series.key) != index:
            problems.setdefault(f"series.{index}.key", []).append(f"series {series.key!r} is given twice")
        if series.node and series.node not in known:
            problems.setdefault(f"series.{index}.node", []).append(f"unknown node {series.node!r}")
    for index, closure in enumerate(data.closures):
        if (closure.origin, closure.destination) not in pairs:
            problems.setdefault(f"closures.{index}", []).append(
                f"no leg {closure.origin} → {closure.destination} to close"
            )
        if closure.end is not None and closure.end < closure.start:
            problems.setdefault(f"closures.{index}.end", []).append("ends before it starts")
    return problems


def _state(route: Route) -> tuple:
    """Everything a route's files say, to compare a stored route with new input."""
    nodes = tuple(
        (n.key, n.label, n.country_id, n.leave_rate, n.latitude, n.longitude, n.kind, n.place_id, n.note)
        for n in route.nodes.order_by("position")
    )
    legs = tuple(
        (
            g.origin.key,
            g.destination.key,
            g.transit_days,
            g.share,
            g.divert_weight,
            g.capacity,
            g.basis,
            g.note,
        )
        for g in route.legs.select_related("origin", "destination").order_by("position")
    )
    series = tuple(
        (
            s.key,
            s.label,
            s.place_id,
            s.metric,
            s.frequency,
            s.source_organisation_id,
            s.node.key if s.node else "",
            s.monitored,
        )
        for s in route.series.select_related("node").order_by("position")
    )
    closures = tuple(
        (c.leg.origin.key, c.leg.destination.key, c.start, c.end, c.label)
        for c in route.closures.select_related("leg__origin", "leg__destination").order_by("position")
    )
    return (route.name, route.description, nodes, legs, series, closures)


def _wanted(data: RouteInput) -> tuple:
    quantised = Decimal("0.0001")
    nodes = tuple(
        (
            n.key,
            n.label,
            n.country.pk,
            n.leave_rate.quantize(quantised),
            n.latitude.quantize(Decimal("0.00001")),
            n.longitude.quantize(Decimal("0.00001")),
            n.kind,
            n.place.pk if n.place else None,
            n.note,
        )
        for n in data.nodes
    )
    legs = tuple(
        (
            g.origin,
            g.destination,
            g.transit_days,
            g.share.quantize(quantised),
            g.divert_weight.quantize(quantised),
            g.capacity,
            g.basis,
            g.note,
        )
        for g in data.legs
    )
    series = tuple(
        (s.key, s.label, s.place.pk, s.metric, s.frequency, s.source_organisation.pk, s.node, s.monitored)
        for s in data.series
    )
    closures = tuple((c.origin, c.destination, c.start, c.end, c.label) for c in data.closures)
    return (data.name, data.description, nodes, legs, series, closures)


@transaction.atomic
def save_route(
    *,
    actor: Reader,
    owner: Organisation,
    data: RouteInput,
    classification: str | None = None,
    as_operator: bool = False,
) -> RouteOutcome:
    """Create the route `data.slug` for `owner`, or replace its graph where it differs; all or nothing.

    `ValidationFailed` names each problem's field path (`legs.3.share`); nothing is written then.
    """
    problems = graph_problems(data)
    if problems:
        raise ValidationFailed(problems)
    route = Route.objects.select_for_update().filter(slug=data.slug).first()
    if route is None:
        if not as_operator:
            require_can_write(actor, owner_id=owner.pk)
        chosen = new_record_classification(
            actor, owner_id=owner.pk, kind=RecordKind.PLACE, chosen=classification, as_operator=as_operator
        )
        route = Route(slug=data.slug, owner=owner, classification=chosen)
        outcome = "created"
    else:
        if not as_operator:
            require_can_change(actor, route)
            if classification:
                require_may_reclassify(
                    actor, owner_id=route.owner_id, old=route.classification, new=classification
                )
        if _state(route) == _wanted(data) and classification in (None, route.classification):
            return RouteOutcome(route, "unchanged")
        if classification:
            route.classification = classification
        route.version += 1
        outcome = "changed"
    route.name, route.description = data.name, data.description
    save_attributed(validated(route), actor=actor, reason=f"route {outcome}")
    _replace_graph(route, data)
    return RouteOutcome(route, outcome)


def _replace_graph(route: Route, data: RouteInput) -> None:
    route.closures.all().delete()
    route.series.all().delete()
    route.legs.all().delete()
    route.nodes.all().delete()
    nodes = {}
    for position, node in enumerate(data.nodes):
        row = RouteNode(
            route=route,
            position=position,
            key=node.key,
            label=node.label,
            country=node.country,
            place=node.place,
            kind=node.kind,
            leave_rate=node.leave_rate,
            latitude=node.latitude,
            longitude=node.longitude,
            note=node.note,
        )
        validated(row, prefix=f"nodes.{position}.", exclude=["route"]).save()
        nodes[node.key] = row
    legs = {}
    for position, leg in enumerate(data.legs):
        row_leg = RouteLeg(
            route=route,
            position=position,
            origin=nodes[leg.origin],
            destination=nodes[leg.destination],
            transit_days=leg.transit_days,
            capacity=leg.capacity,
            share=leg.share,
            divert_weight=leg.divert_weight,
            basis=leg.basis,
            note=leg.note,
        )
        validated(row_leg, prefix=f"legs.{position}.", exclude=["route", "origin", "destination"]).save()
        legs[(leg.origin, leg.destination)] = row_leg
    for position, series in enumerate(data.series):
        row_series = RouteSeries(
            route=route,
            position=position,
            key=series.key,
            label=series.label,
            place=series.place,
            metric=series.metric,
            frequency=series.frequency,
            source_organisation=series.source_organisation,
            node=nodes.get(series.node),
            monitored=series.monitored,
        )
        validated(row_series, prefix=f"series.{position}.", exclude=["route"]).save()
    for position, closure in enumerate(data.closures):
        row_closure = RouteClosure(
            route=route,
            position=position,
            leg=legs[(closure.origin, closure.destination)],
            start=closure.start,
            end=closure.end,
            label=closure.label,
        )
        validated(row_closure, prefix=f"closures.{position}.", exclude=["route", "leg"]).save()
