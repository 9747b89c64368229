"""Country outlines shipped with the product (Natural Earth, public domain): which country holds a point.

Plain ray casting over the shipped MultiPolygons; no GIS stack is needed for a few hundred places.
"""

from __future__ import annotations

import itertools
import json
import math
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

OUTLINES = Path(__file__).resolve().parent / "data" / "balkan-route-countries.geojson"

Ring = list[tuple[float, float]]  # (lon, lat) pairs
Polygon = list[Ring]  # outer ring, then holes


@lru_cache(maxsize=1)
def outlines() -> dict[str, list[Polygon]]:
    """Country code → its polygons, as (lon, lat) rings."""
    collection = json.loads(OUTLINES.read_text(encoding="utf-8"))
    shapes: dict[str, list[Polygon]] = {}
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        )
        shapes[feature["properties"]["iso2"]] = [
            [[(float(lon), float(lat)) for lon, lat in ring] for ring in polygon] for polygon in polygons
        ]
    return shapes


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    inside = False
    previous_lon, previous_lat = ring[-1]
    for current_lon, current_lat in ring:
        if (current_lat > lat) != (previous_lat > lat):
            crossing = previous_lon + (lat - previous_lat) * (current_lon - previous_lon) / (
                current_lat - previous_lat
            )
            if lon < crossing:
                inside = not inside
        previous_lon, previous_lat = current_lon, current_lat
    return inside


def contains(code: str, *, latitude: float, longitude: float) -> bool:
    """Whether the point lies inside country `code`'s outline (holes excluded)."""
    for polygon in outlines().get(code, []):
        outer, holes = polygon[0], polygon[1:]
        if _in_ring(longitude, latitude, outer) and not any(
            _in_ring(longitude, latitude, hole) for hole in holes
        ):
            return True
    return False


def distance_to_border_km(code: str, *, latitude: float, longitude: float) -> float:
    """Shortest distance from the point to country `code`'s outline, in kilometres (equirectangular)."""
    scale = math.cos(math.radians(latitude))
    best = math.inf
    for polygon in outlines().get(code, []):
        for ring in polygon:
            for (lon_a, lat_a), (lon_b, lat_b) in itertools.pairwise(ring):
                ax, ay = (lon_a - longitude) * scale, lat_a - latitude
                bx, by = (lon_b - longitude) * scale, lat_b - latitude
                dx, dy = bx - ax, by - ay
                length = dx * dx + dy * dy
                t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
                best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best * 111.32


def _area(ring: Ring) -> float:
    vertices = np.asarray(ring)
    following = np.roll(vertices, -1, axis=0)
    return 0.5 * abs(float(np.sum(vertices[:, 0] * following[:, 1] - following[:, 0] * vertices[:, 1])))


def _inside_and_clearance(polygon: Polygon, lons: np.ndarray, lats: np.ndarray, scale: float) -> np.ndarray:
    """Per grid point: its distance (degrees of latitude) to the polygon's rings if inside, else -1."""
    inside = np.zeros(lons.shape, dtype=bool)
    clearance = np.full(lons.shape, np.inf)
    for number, ring in enumerate(polygon):
        vertices = np.asarray(ring)
        a, b = vertices, np.roll(vertices, -1, axis=0)  # rings may or may not repeat their first point
        # Ray casting, as `_in_ring`, for every point against every edge at once.
        spans = (a[:, 1] > lats[:, None]) != (b[:, 1] > lats[:, None])
        with np.errstate(divide="ignore", invalid="ignore"):
            crossing = a[:, 0] + (lats[:, None] - a[:, 1]) * (b[:, 0] - a[:, 0]) / (b[:, 1] - a[:, 1])
        odd = (spans & (lons[:, None] < crossing)).sum(axis=1) % 2 == 1
        inside = inside | odd if number == 0 else inside & ~odd
        ax, ay = (a[:, 0] - lons[:, None]) * scale, a[:, 1] - lats[:, None]
        dx, dy = (b[:, 0] - a[:, 0]) * scale, b[:, 1] - a[:, 1]
        length = dx * dx + dy * dy
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.clip(np.where(length > 0, -(ax * dx + ay * dy) / length, 0.0), 0.0, 1.0)
        clearance = np.minimum(clearance, np.hypot(ax + t * dx, ay + t * dy).min(axis=1))
    return np.where(inside, clearance, -1.0)


@cache
def interior_point(code: str) -> tuple[float, float] | None:
    """Where a map marks country `code` as a whole, as (latitude, longitude); None without an outline.

    On the country's largest polygon (mainland Greece, not an island), the point farthest from the outline
    among a 24 × 24 grid over its bounding box, refined twice on finer grids around it: an approximate pole
    of inaccessibility, which unlike the centroid always lies inside (Croatia's centroid is in Bosnia and
    Herzegovina).
    """
    polygons = outlines().get(code)
    if not polygons:
        return None
    polygon = max(polygons, key=lambda shape: _area(shape[0]))
    outer = np.asarray(polygon[0])
    west, south = outer.min(axis=0)
    east, north = outer.max(axis=0)
    scale = math.cos(math.radians((south + north) / 2))
    steps = 24
    best_lon, best_lat = (west + east) / 2, (south + north) / 2
    half_width, half_height = (east - west) / 2, (north - south) / 2
    for _ in range(3):
        lons, lats = np.meshgrid(
            np.linspace(best_lon - half_width, best_lon + half_width, steps),
            np.linspace(best_lat - half_height, best_lat + half_height, steps),
        )
        clearance = _inside_and_clearance(polygon, lons.ravel(), lats.ravel(), scale)
        best = int(clearance.argmax())
        if clearance[best] < 0:
            return None
        best_lon, best_lat = float(lons.ravel()[best]), float(lats.ravel()[best])
        half_width, half_height = 2 * half_width / steps, 2 * half_height / steps
    return best_lat, best_lon
