"""Draw the route's countries and sites as an SVG map from the shipped outlines: no tiles, no network.

Projection: equirectangular scaled by cos(latitude of the map's centre), which keeps shapes honest at the
Balkans' latitudes (36°–49° N) without a GIS library. Outline points closer than half a pixel to the last
kept one are dropped, so the markup stays small.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from corridor.geo.outlines import outlines

# lon_min, lat_min, lon_max, lat_max of the drawn area: Aegean islands to Bavaria.
DEFAULT_BOUNDS = (12.5, 36.0, 29.0, 49.2)
WIDTH = 640


@dataclass(frozen=True)
class MapPoint:
    """A place to mark: its size grows with `value` (area proportional), `href` links it."""

    label: str
    latitude: float
    longitude: float
    value: int | None = None
    href: str = ""
    caption: str = ""


@dataclass(frozen=True)
class _Frame:
    lon_min: float
    lat_min: float
    lon_max: float
    lat_max: float

    @property
    def scale_x(self) -> float:
        return math.cos(math.radians((self.lat_min + self.lat_max) / 2))

    @property
    def height(self) -> int:
        return round(WIDTH * (self.lat_max - self.lat_min) / ((self.lon_max - self.lon_min) * self.scale_x))

    def xy(self, longitude: float, latitude: float) -> tuple[float, float]:
        x = (longitude - self.lon_min) / (self.lon_max - self.lon_min) * WIDTH
        y = (self.lat_max - latitude) / (self.lat_max - self.lat_min) * self.height
        return round(x, 1), round(y, 1)


@lru_cache(maxsize=4)
def _country_paths(bounds: tuple[float, float, float, float]) -> tuple[tuple[str, str], ...]:
    frame = _Frame(*bounds)
    paths = []
    for code, polygons in sorted(outlines().items()):
        parts = []
        for polygon in polygons:
            for ring in polygon:
                points: list[tuple[float, float]] = []
                for longitude, latitude in ring:
                    point = frame.xy(longitude, latitude)
                    if not points or abs(point[0] - points[-1][0]) + abs(point[1] - points[-1][1]) >= 0.5:
                        points.append(point)
                if len(points) >= 3:
                    parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
        paths.append((code, "".join(parts)))
    return tuple(paths)


def render_map(
    points: Sequence[MapPoint],
    *,
    highlight: Sequence[str] = (),
    country_names: dict[str, str] | None = None,
    title: str = "Map of the route",
    bounds: tuple[float, float, float, float] = DEFAULT_BOUNDS,
) -> str:
    """An accessible SVG: countries (route countries highlighted), sites as circles sized by value."""
    frame = _Frame(*bounds)
    names = country_names or {}
    largest = max((point.value or 0 for point in points), default=0)
    shapes = []
    for code, path in _country_paths(bounds):
        css = "country route" if code in highlight else "country"
        name = escape(names.get(code, code))
        shapes.append(f'<path class="{css}" d="{path}"><title>{name}</title></path>')
    marks = []
    for point in sorted(points, key=lambda p: -(p.value or 0)):
        x, y = frame.xy(point.longitude, point.latitude)
        radius = 2.5 + (9.0 * math.sqrt((point.value or 0) / largest) if largest else 0.0)
        css = "site" if point.value else "site quiet"
        tip = escape(point.caption or point.label)
        circle = f'<circle class="{css}" cx="{x}" cy="{y}" r="{radius:.1f}"><title>{tip}</title></circle>'
        label = f'<text x="{x + radius + 2:.1f}" y="{y + 3:.1f}">{escape(point.label)}</text>'
        mark = circle + label
        if point.href:
            mark = f'<a href="{escape(point.href)}" aria-label="{tip}">{mark}</a>'
        marks.append(mark)
    return (
        f'<svg class="map" viewBox="0 0 {WIDTH} {frame.height}" role="img" aria-labelledby="map-title" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="map-title">{escape(title)}</title>'
        + "".join(shapes)
        + "".join(marks)
        + "</svg>"
    )
