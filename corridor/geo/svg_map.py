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
LABEL_CHAR_WIDTH = 6.0  # a generous average advance of the labels' 11 px sans-serif, in map units
LABEL_HEIGHT = 11.0


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

    def holds(self, longitude: float, latitude: float) -> bool:
        return self.lon_min <= longitude <= self.lon_max and self.lat_min <= latitude <= self.lat_max

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
    full_size: int | None = None,
) -> str:
    """An accessible SVG: countries (route countries highlighted), sites as circles sized by value.

    A circle's area grows with its value; `full_size` is the value drawn at full size (by default the
    largest shown). Points outside `bounds` are left out (a circle there could not be seen), and do not
    set the scale.
    """
    frame = _Frame(*bounds)
    names = country_names or {}
    points = [point for point in points if frame.holds(point.longitude, point.latitude)]
    largest = full_size or max((point.value or 0 for point in points), default=0)
    shapes = []
    for code, path in _country_paths(bounds):
        css = "country route" if code in highlight else "country"
        name = escape(names.get(code, code))
        shapes.append(f'<path class="{css}" d="{path}"><title>{name}</title></path>')
    ordered = sorted(points, key=lambda p: -(p.value or 0))
    circles = []
    for point in ordered:
        x, y = frame.xy(point.longitude, point.latitude)
        radius = 2.5 + (9.0 * math.sqrt(min(1.0, (point.value or 0) / largest)) if largest else 0.0)
        circles.append((x, y, radius))
    placings = _place_labels([point.label for point in ordered], circles, frame.height)
    marks = []
    for point, (x, y, radius), placing in zip(ordered, circles, placings, strict=True):
        css = "site" if point.value else "site quiet"
        tip = escape(point.caption or point.label)
        circle = f'<circle class="{css}" cx="{x}" cy="{y}" r="{radius:.1f}"><title>{tip}</title></circle>'
        mark = circle + f"<text {placing}>{escape(point.label)}</text>"
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


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _overlap(a: Box, b: Box) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _place_labels(
    labels: Sequence[str], circles: Sequence[tuple[float, float, float]], height: int
) -> list[str]:
    """Where each circle's label goes, as the <text> element's placing attributes.

    Greedy, largest circle first (the order given): right of the circle, else left, above or below,
    whichever first stays on the map and clear of every circle and of the labels already placed; when none
    is clear, the one that covers least. Label boxes are estimated from LABEL_CHAR_WIDTH and LABEL_HEIGHT.
    """
    taken: list[Box] = [(x - r, y - r, x + r, y + r) for x, y, r in circles]
    placings = []
    for label, (x, y, r) in zip(labels, circles, strict=True):
        width = LABEL_CHAR_WIDTH * len(label)
        candidates: list[tuple[Box, str]] = [
            ((x + r + 2, y - 6, x + r + 2 + width, y + 5), f'x="{x + r + 2:.1f}" y="{y + 3:.1f}"'),
            (
                (x - r - 2 - width, y - 6, x - r - 2, y + 5),
                f'x="{x - r - 2:.1f}" y="{y + 3:.1f}" text-anchor="end"',
            ),
            (
                (x - width / 2, y - r - 2 - LABEL_HEIGHT, x + width / 2, y - r - 2),
                f'x="{x:.1f}" y="{y - r - 4:.1f}" text-anchor="middle"',
            ),
            (
                (x - width / 2, y + r + 2, x + width / 2, y + r + 2 + LABEL_HEIGHT),
                f'x="{x:.1f}" y="{y + r + 11:.1f}" text-anchor="middle"',
            ),
        ]

        def cover(box: Box, own: Box = (x - r, y - r, x + r, y + r)) -> float:
            outside = box[0] < 0 or box[2] > WIDTH or box[1] < 0 or box[3] > height
            return (1e9 if outside else 0.0) + sum(_overlap(box, other) for other in taken if other != own)

        box, placing = min(candidates, key=lambda candidate: cover(candidate[0]))
        taken.append(box)
        placings.append(placing)
    return placings
