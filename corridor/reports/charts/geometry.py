"""The map's frame and shapes from the shipped country outlines (no tiles, no network)."""

from __future__ import annotations

from corridor.geo.outlines import Polygon, outlines
from corridor.reports.data.flows import MapData

PADDING = 0.8
# When a map has nothing to frame, show the Western Balkans route from the Aegean to Bavaria.
DEFAULT_FRAME = (12.5, 36.0, 29.0, 49.2)


def frame(data: MapData) -> tuple[float, float, float, float]:
    """lon_min, lat_min, lon_max, lat_max around the highlighted and shaded countries and the sites."""
    longitudes: list[float] = []
    latitudes: list[float] = []
    shapes = outlines()
    codes = set(data.highlight_countries) | {c.code for c in data.countries if c.value is not None}
    for code in codes:
        for polygon in shapes.get(code, []):
            longitudes.extend(lon for lon, _ in polygon[0])
            latitudes.extend(lat for _, lat in polygon[0])
    for site in data.sites:
        longitudes.append(site.longitude)
        latitudes.append(site.latitude)
    if not longitudes:
        return DEFAULT_FRAME
    return (
        min(longitudes) - PADDING,
        min(latitudes) - PADDING,
        max(longitudes) + PADDING,
        max(latitudes) + PADDING,
    )


def country_shapes() -> dict[str, list[Polygon]]:
    return outlines()


def outer_rings(code: str) -> list[list[tuple[float, float]]]:
    return [polygon[0] for polygon in outlines().get(code, [])]
