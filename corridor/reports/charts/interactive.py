"""Plotly figures (as plain JSON-ready dicts) for the standalone HTML report.

The map is drawn on plain axes from the shipped outlines rather than plotly's geo layer, which would
fetch its base map from the network.
"""

from __future__ import annotations

import math
from typing import Any

from corridor.reports.charts.geometry import country_shapes, frame
from corridor.reports.data.flows import Flows, MapData

FONT = {"family": "DejaVu Sans, sans-serif", "size": 11}


def flows_figure(flows: Flows) -> dict[str, Any]:
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines",
                "name": series.label,
                "x": [point.day.isoformat() for point in series.points],
                "y": [point.value for point in series.points],
                "hovertemplate": "%{x|%d %b %Y}: %{y:,}<extra>" + series.label + "</extra>",
            }
            for series in flows.series
        ],
        "layout": {
            "font": FONT,
            "margin": {"l": 60, "r": 10, "t": 10, "b": 40},
            "height": 360,
            "yaxis": {"title": {"text": f"{flows.metric_label} per day"}, "tickformat": ","},
            "legend": {"orientation": "h"},
        },
    }


def map_figure(data: MapData) -> dict[str, Any]:
    lon_min, lat_min, lon_max, lat_max = frame(data)
    values = {c.code: c for c in data.countries}
    traces: list[dict[str, Any]] = []
    top = max((c.value or 0 for c in data.countries), default=0) or 1
    for code, polygons in sorted(country_shapes().items()):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for polygon in polygons:
            xs.extend([lon for lon, _ in polygon[0]] + [None])
            ys.extend([lat for _, lat in polygon[0]] + [None])
        country = values.get(code)
        shade = 0.15 + 0.7 * (country.value / top) if country and country.value is not None else 0.0
        label = f"{country.name}: {country.value:,}" if country and country.value is not None else code
        traces.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "fill": "toself",
                "mode": "lines",
                "line": {"color": "#9a9a9a", "width": 0.6},
                "fillcolor": f"rgba(31, 90, 160, {shade:.2f})" if shade else "rgba(230, 230, 230, 1)",
                "hoverinfo": "text",
                "text": label,
                "showlegend": False,
            }
        )
    for link in data.links:
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": [link.from_longitude, link.to_longitude],
                "y": [link.from_latitude, link.to_latitude],
                "line": {"color": "#b03030", "width": 1.5},
                "hoverinfo": "text",
                "text": f"{link.origin} → {link.destination}",
                "showlegend": False,
            }
        )
    for role, symbol, colour, name in (
        ("headquarters", "square", "#1f3b73", "Field operation seat"),
        ("site", "circle", "#d9822b", "Site"),
    ):
        sites = [site for site in data.sites if site.role == role]
        if not sites:
            continue
        largest = max((site.value or 0 for site in sites), default=0) or 1
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": name,
                "x": [site.longitude for site in sites],
                "y": [site.latitude for site in sites],
                "marker": {
                    "symbol": symbol,
                    "color": colour,
                    "size": [8 if s.value is None else 8 + 20 * math.sqrt(s.value / largest) for s in sites],
                },
                "text": [
                    site.name + (f": {site.value:,}" if site.value is not None else "") for site in sites
                ],
                "hoverinfo": "text",
            }
        )
    scale = math.cos(math.radians((lat_min + lat_max) / 2))
    return {
        "data": traces,
        "layout": {
            "font": FONT,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "height": 560,
            "xaxis": {"range": [lon_min, lon_max], "visible": False},
            "yaxis": {
                "range": [lat_min, lat_max],
                "visible": False,
                "scaleanchor": "x",
                "scaleratio": 1 / scale,
            },
            "legend": {"orientation": "h"},
            "hovermode": "closest",
        },
    }
