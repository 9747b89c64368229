"""What a user may close in a scenario: a border between two countries, or one link of the route graph.

A border is named by the two countries' ISO codes, upstream first (`aa-bb`), and closes every link of the
graph that crosses it; a link is named `from>to` with the route's node keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from corridor.core.exceptions import ValidationFailed
from corridor.forecasting.routes import RouteModel


@dataclass(frozen=True)
class ClosureChoice:
    """One thing to close: its key (a border `aa-bb` or a link `from>to`), a label, the links it closes."""

    key: str
    label: str
    links: tuple[tuple[str, str], ...]


def closure_choices(route: RouteModel) -> list[ClosureChoice]:
    """Every border the route's graph crosses (in the order the links are listed), then every link."""
    graph, point_for = route.require_graph(), route.point_for
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


def resolve_closure(route: RouteModel, key: str) -> ClosureChoice:
    """The choice `key` names: a border `aa-bb` (either order, any case) or a link `from>to`/`from->to`."""
    wanted = key.strip().lower().replace("->", ">").replace("–", "-")
    choices = closure_choices(route)
    example = next((choice.key for choice in choices if ">" in choice.key), "from>to")
    reverse = "-".join(reversed(wanted.split("-"))) if ">" not in wanted else wanted
    for choice in choices:
        if choice.key in (wanted, reverse):
            return choice
    borders = ", ".join(choice.key for choice in choices if ">" not in choice.key)
    raise ValidationFailed(
        {
            "close": [
                f"{key!r} is neither a border the route graph crosses ({borders}) nor a link "
                f"written from>to with the route's nodes (e.g. {example})"
            ]
        }
    )
