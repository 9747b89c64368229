"""Static PNG images for PDF and Word, drawn with matplotlib's Agg canvas (no display, no network).

Figures are made directly on an Agg canvas rather than through pyplot, which needs no global state or
backend switch and imports in half the time.

Output is deterministic: the same data give the same bytes (no timestamp or version in the metadata).
"""

from __future__ import annotations

import io
import math
from typing import Any

from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from corridor.reports.charts.geometry import country_shapes, frame
from corridor.reports.data.flows import Flows, MapData

DPI = 150
COLOURS = colormaps["tab10"].colors  # type: ignore[attr-defined]
MAX_HEIGHT = 5.6
LAND = "#eeeeee"
HOST = "#dde6ee"
BORDER = "#9a9a9a"
# (is a field operation's seat, colour, marker, legend label)
MARKS = (
    (True, "#1f3b73", "s", "Field operation's seat"),
    (False, "#d9822b", "o", "Site (sized by its total, where counted)"),
)


def _figure(width: float, height: float, *, fill: bool = False) -> tuple[Figure, Any]:
    """A figure with one axes: a chart's (room for its labels), or, with `fill`, one covering it all."""
    figure = Figure(figsize=(width, height))
    FigureCanvasAgg(figure)
    return figure, figure.add_axes((0, 0, 1, 1)) if fill else figure.add_subplot()


def _png(figure: Figure, *, tight: bool = True) -> bytes:
    """The figure as PNG; `tight` crops it to what is drawn, at the cost of drawing it twice."""
    buffer = io.BytesIO()
    figure.savefig(
        buffer, format="png", dpi=DPI, metadata={"Software": None}, bbox_inches="tight" if tight else None
    )
    return buffer.getvalue()


def flows_png(flows: Flows) -> bytes:
    """Daily counts per place and source, one line each, in route order."""
    figure, axes = _figure(7.2, 3.4)
    for index, series in enumerate(flows.series):
        days = [point.day for point in series.points]
        values = [math.nan if point.value is None else point.value for point in series.points]
        axes.plot(days, values, label=series.label, linewidth=1.1, color=COLOURS[index % len(COLOURS)])
    axes.set_ylabel(f"{flows.metric_label} per day")
    axes.grid(axis="y", linewidth=0.4, color="#cccccc")
    axes.spines[["top", "right"]].set_visible(False)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    figure.autofmt_xdate()
    if flows.series:
        axes.legend(fontsize=7, frameon=False, ncol=2)
    return _png(figure)


def map_png(data: MapData) -> bytes:
    """Countries (shaded by their total), the route legs, field operations' seats and sites."""
    lon_min, lat_min, lon_max, lat_max = frame(data)
    scale = math.cos(math.radians((lat_min + lat_max) / 2))
    width = 7.0
    height = width * (lat_max - lat_min) / ((lon_max - lon_min) * scale)
    if height > MAX_HEIGHT:
        width, height = width * MAX_HEIGHT / height, MAX_HEIGHT
    # The figure has the frame's aspect and the axes fill it, so there is nothing to crop.
    figure, axes = _figure(width, height, fill=True)
    values = {c.code: c.value for c in data.countries if c.value is not None}
    top = max(values.values(), default=0) or 1
    shades = colormaps["Blues"]
    highlighted = set(data.highlight_countries)
    rings: list[Any] = []
    colours: list[Any] = []
    for code, polygons in sorted(country_shapes().items()):
        if code in values:
            colour: Any = shades(0.2 + 0.7 * (values[code] or 0) / top)
        else:
            colour = HOST if code in highlighted else LAND
        rings.extend(polygon[0] for polygon in polygons)
        colours.extend(colour for _ in polygons)
    axes.add_collection(PolyCollection(rings, facecolors=colours, edgecolors=BORDER, linewidths=0.4))
    for country in data.countries:
        if country.value is not None:
            ring = max(
                (polygon[0] for polygon in country_shapes().get(country.code, [])), key=len, default=[]
            )
            if ring:
                lon = (min(p[0] for p in ring) + max(p[0] for p in ring)) / 2
                lat = (min(p[1] for p in ring) + max(p[1] for p in ring)) / 2
                axes.text(
                    lon,
                    lat,
                    f"{country.name}\n{country.value:,}",
                    ha="center",
                    va="center",
                    fontsize=6.5,
                    zorder=5,
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "alpha": 0.75, "linewidth": 0},
                )
    for link in data.links:
        axes.annotate(
            "",
            xy=(link.to_longitude, link.to_latitude),
            xytext=(link.from_longitude, link.from_latitude),
            arrowprops={"arrowstyle": "->", "color": "#b03030", "linewidth": 1.0},
        )
    largest = max(1, _largest_site(data))
    for seat, colour, marker, _ in MARKS:
        # One collection per kind of mark: matplotlib's cost is per collection, not per point.
        group = [site for site in data.sites if (site.role == "headquarters") == seat]
        if not group:
            continue
        axes.scatter(
            [site.longitude for site in group],
            [site.latitude for site in group],
            s=[18 if site.value is None else 18 + 120 * math.sqrt(site.value / largest) for site in group],
            marker=marker,
            color=colour,
            edgecolors="white",
            linewidths=0.5,
            zorder=3,
        )
    for site in data.sites:
        if site.role == "headquarters":
            axes.text(site.longitude + 0.08, site.latitude + 0.05, site.name, fontsize=5.5, zorder=4)
    if data.sites:
        for _, colour, marker, label in MARKS:  # legend entries of one size, whatever the sites' sizes
            axes.scatter([], [], marker=marker, color=colour, s=18, label=label)
        axes.legend(loc="lower left", fontsize=6, frameon=True)
    axes.set_xlim(lon_min, lon_max)
    axes.set_ylim(lat_min, lat_max)
    axes.set_aspect(1 / scale)
    axes.set_axis_off()
    return _png(figure, tight=False)


def warm_up() -> None:
    """Load what the first figure of a process would: the country outlines, the font and its glyphs."""
    country_shapes()
    figure, axes = _figure(1, 1)
    axes.text(0, 0, "Arrivals 0123456789")
    figure.canvas.draw()


def _largest_site(data: MapData) -> int:
    return max((site.value or 0 for site in data.sites), default=1)
