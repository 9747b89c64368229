"""Country outlines shipped with the product (Natural Earth, public domain): which country holds a point.

Plain ray casting over the shipped MultiPolygons; no GIS stack is needed for a few hundred places.
"""

from __future__ import annotations

import itertools
import json
import math
from functools import lru_cache
from pathlib import Path

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
