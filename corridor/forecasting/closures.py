"""What a user may close in a scenario: a border between two countries, or one link of the route graph.

A border is named by the two countries' ISO codes, upstream first (`mk-rs`), and closes every link of the
graph that crosses it; a link is named `from>to` with the graph's place names (`tabanovce>presevo`).
"""

from __future__ import annotations

from dataclasses import dataclass

from corridor.core.exceptions import ValidationFailed
from corridor.forecasting.engine import RouteGraph
from corridor.forecasting.route_points import point_for


@dataclass(frozen=True)
class ClosureChoice:
    """One thing to close: its key (`mk-rs`, `tabanovce>presevo`), a label, and the links it closes."""

    key: str
    label: str
    links: tuple[tuple[str, str], ...]


def closure_choices(graph: RouteGraph) -> list[ClosureChoice]:
    """Every border the graph crosses (in the order the links are listed), then every link."""
    borders: dict[str, list[tuple[str, str]]] = {}
    for link in range(len(graph.link_from)):
        origin, destination = int(graph.link_from[link]), int(graph.link_to[link])
        a, b = graph.countries[origin], graph.countries[destination]
        if a != b:
            borders.setdefault(f"{a.lower()}-{b.lower()}", []).append(
                (graph.places[origin], graph.places[destination])
            )
    choices = [
        ClosureChoice(
            key,
            f"{key.upper().replace('-', '–')} border: "
            + ", ".join(f"{point_for(a).label} → {point_for(b).label}" for a, b in links),
            tuple(links),
        )
        for key, links in borders.items()
    ]
    for link in range(len(graph.link_from)):
        a, b = graph.places[graph.link_from[link]], graph.places[graph.link_to[link]]
        choices.append(
            ClosureChoice(f"{a}>{b}", f"Link {point_for(a).label} → {point_for(b).label}", ((a, b),))
        )
    return choices


def resolve_closure(graph: RouteGraph, key: str) -> ClosureChoice:
    """The choice `key` names (`mk-rs`, `MK-RS`, `rs-mk`, `tabanovce>presevo`, `tabanovce->presevo`)."""
    wanted = key.strip().lower().replace("->", ">").replace("–", "-")
    choices = closure_choices(graph)
    reverse = "-".join(reversed(wanted.split("-"))) if ">" not in wanted else wanted
    for choice in choices:
        if choice.key in (wanted, reverse):
            return choice
    borders = ", ".join(choice.key for choice in choices if ">" not in choice.key)
    raise ValidationFailed(
        {
            "close": [
                f"{key!r} is neither a border the route graph crosses ({borders}) nor a link "
                "written from>to with the graph's places (e.g. tabanovce>presevo)"
            ]
        }
    )
