"""The route graph the scenario engine runs on: places, directed links, transit times, capacities.

Every place p has a daily leave rate r_p ∈ [0, 1] (the expected share of the persons present who set off
that day; a place without outgoing links is a destination and keeps everyone). Every link l = (a → b)
has a transit time τ_l ≥ 1 day, a capacity c_l (persons per day, ∞ allowed), a route-choice share s_l
(Σ_{l from a} s_l = 1 for every place a with outgoing links) and a diversion weight d_l ≥ 0 used when a
sibling link is closed (see `scenarios`). Graphs are read from two CSV files (`read_route_graph`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

PLACE_COLUMNS = ("place", "country", "leave_rate")
LINK_COLUMNS = ("from", "to", "transit_days", "capacity", "share", "divert_weight")
SHARE_TOLERANCE = 1e-6


@dataclass(frozen=True, eq=False)
class RouteGraph:
    """Places and directed links as parallel arrays (index = position in `places` / in the link arrays)."""

    places: tuple[str, ...]
    countries: tuple[str, ...]
    leave_rate: np.ndarray
    link_from: np.ndarray
    link_to: np.ndarray
    transit_days: np.ndarray
    capacity: np.ndarray
    share: np.ndarray
    divert_weight: np.ndarray

    def __post_init__(self) -> None:
        n_places, n_links = len(self.places), len(self.link_from)
        if len(set(self.places)) != n_places:
            raise ValueError(f"places must be unique: {self.places}")
        if len(self.countries) != n_places or self.leave_rate.shape != (n_places,):
            raise ValueError("countries and leave_rate need one entry per place")
        for name in ("link_to", "transit_days", "capacity", "share", "divert_weight"):
            if getattr(self, name).shape != (n_links,):
                raise ValueError(f"{name} needs one entry per link ({n_links})")
        problems = self._problems()
        if problems:
            raise ValueError("invalid route graph:\n" + "\n".join(problems))
        for array in (
            self.leave_rate,
            self.link_from,
            self.link_to,
            self.transit_days,
            self.capacity,
            self.share,
            self.divert_weight,
        ):
            array.setflags(write=False)

    def _problems(self) -> list[str]:
        problems = []
        for p in np.flatnonzero((self.leave_rate < 0) | (self.leave_rate > 1) | np.isnan(self.leave_rate)):
            problems.append(f"place {self.places[p]}: leave_rate {self.leave_rate[p]} is not in [0, 1]")
        for link in range(len(self.link_from)):
            name = self.link_name(link)
            if self.link_from[link] == self.link_to[link]:
                problems.append(f"link {name}: a link must join two different places")
            if self.transit_days[link] < 1:
                problems.append(f"link {name}: transit_days {self.transit_days[link]} must be >= 1")
            if not self.capacity[link] >= 0:
                problems.append(f"link {name}: capacity {self.capacity[link]} must be >= 0 (inf = unlimited)")
            if not (self.share[link] >= 0 and self.divert_weight[link] >= 0):
                problems.append(f"link {name}: share and divert_weight must be >= 0")
        totals = np.bincount(self.link_from, weights=self.share, minlength=len(self.places))
        for p in np.unique(self.link_from):
            if abs(totals[p] - 1) > SHARE_TOLERANCE:
                problems.append(
                    f"place {self.places[p]}: shares of its outgoing links sum to {totals[p]:g}, not 1"
                )
        pairs = list(zip(self.link_from.tolist(), self.link_to.tolist(), strict=True))
        if len(set(pairs)) != len(pairs):
            problems.append("a link (from, to) is listed twice")
        return problems

    @property
    def max_transit(self) -> int:
        return int(self.transit_days.max()) if len(self.transit_days) else 1

    def place_index(self, place: str) -> int:
        try:
            return self.places.index(place)
        except ValueError:
            raise ValueError(f"unknown place {place!r}; the graph has {', '.join(self.places)}") from None

    def link_index(self, origin: str, destination: str) -> int:
        a, b = self.place_index(origin), self.place_index(destination)
        found = np.flatnonzero((self.link_from == a) & (self.link_to == b))
        if not len(found):
            raise ValueError(f"no link {origin} -> {destination} in the graph")
        return int(found[0])

    def link_name(self, link: int) -> str:
        return f"{self.places[self.link_from[link]]} -> {self.places[self.link_to[link]]}"

    def links_between_countries(self, country_a: str, country_b: str) -> list[int]:
        """Links crossing the border between two countries, in either direction."""
        origin = np.array(self.countries)[self.link_from]
        destination = np.array(self.countries)[self.link_to]
        crossing = ((origin == country_a) & (destination == country_b)) | (
            (origin == country_b) & (destination == country_a)
        )
        return np.flatnonzero(crossing).tolist()


def read_route_graph(places_csv: Path | str, links_csv: Path | str) -> RouteGraph:
    """Read places.csv (place, or node as a route folder's nodes.csv names it; country, leave_rate) and
    links.csv (from, to, transit_days, capacity, share, divert_weight; empty capacity = unlimited). A
    ValueError names the file, line and column."""
    places = _read(places_csv, PLACE_COLUMNS)
    links = _read(links_csv, LINK_COLUMNS)
    names = tuple(places["place"])
    index = {name: i for i, name in enumerate(names)}
    problems = [
        f"{links_csv}, line {line}: column {column}: unknown place {name!r}"
        for column in ("from", "to")
        for line, name in enumerate(links[column], start=2)
        if name not in index
    ]
    if problems:
        raise ValueError("\n".join(problems))
    return RouteGraph(
        places=names,
        countries=tuple(places["country"]),
        leave_rate=_numbers(places, "leave_rate", places_csv),
        link_from=np.array([index[name] for name in links["from"]], dtype=np.int64),
        link_to=np.array([index[name] for name in links["to"]], dtype=np.int64),
        transit_days=_numbers(links, "transit_days", links_csv).astype(np.int64),
        capacity=_numbers(links, "capacity", links_csv, empty=np.inf),
        share=_numbers(links, "share", links_csv),
        divert_weight=_numbers(links, "divert_weight", links_csv),
    )


def _read(path: Path | str, columns: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
    if "node" in frame.columns:  # a route folder's nodes.csv: `node` is the graph's key, `place` a site's
        frame = frame.drop(columns=["place"], errors="ignore").rename(columns={"node": "place"})
    absent = [c for c in columns if c not in frame.columns]
    if absent:
        raise ValueError(f"{path}: missing column(s) {', '.join(absent)}")
    return frame


def _numbers(frame: pd.DataFrame, column: str, path: Path | str, empty: float | None = None) -> np.ndarray:
    values = np.empty(len(frame))
    for line, text in enumerate(frame[column], start=2):
        if text == "" and empty is not None:
            values[line - 2] = empty
            continue
        try:
            values[line - 2] = float(text)
        except ValueError:
            raise ValueError(f"{path}, line {line}: column {column}: {text!r} is not a number") from None
    return values
