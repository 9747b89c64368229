"""Charts drawn on the server as inline SVG: no charting script, nothing to download but the page.

A time chart (lines over days, with shaded intervals and marked days) and a bar chart. Each figure is an
`<svg role="img">` with its title and description for screen readers, a `<title>` on every line, band,
marked day and bar (the browser shows it on hover), and an HTML legend beside it; pages put the figures'
numbers in a table too. The colours, dashes and legend carry what the Plotly charts did (ADR 0016).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import dateformat
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from corridor.core.dates import DateSpan

WIDTH = 760
HEIGHT = 320
COMPACT_HEIGHT = 240
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 82, 12, 12, 34
LABEL_SPACE = 22  # above the plot, for the count axis's label and unit
EDGE = 40  # a month's label this near an end of the axis is aligned to that end, to stay in the figure
DASHES = {"solid": "", "dash": "7 4", "dot": "2 3"}
# Plotly's default colour sequence, which the flow chart used: readers who know the old chart keep theirs.
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22")
SCENARIO_PALETTE = ("#1f5f8b", "#9a4a08", "#2f7d4a", "#7b3f98", "#9b1c1c", "#4d5966")
MARK_COLOUR = "#9b1c1c"


@dataclass(frozen=True)
class Line:
    """A series over days; None is a day without a value (the line breaks there)."""

    name: str
    days: Sequence[str | date]
    values: Sequence[float | None]
    colour: str
    dash: str = "solid"
    width: float = 2
    markers: bool = False


@dataclass(frozen=True)
class Band:
    """An interval over days, shaded between its lower and upper values."""

    name: str
    days: Sequence[str | date]
    lower: Sequence[float | None]
    upper: Sequence[float | None]
    fill: str


@dataclass(frozen=True)
class Mark:
    """A day marked by a vertical line across the chart, explained by its title."""

    day: str | date
    title: str
    colour: str = MARK_COLOUR
    dash: str = "dot"
    dot: bool = True


def _day(value: str | date) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _count(value: float) -> str:
    return f"{value:,.0f}"


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round values from 0 up to at least `top`, about `count` (1, 2, 2.5 or 5 times a power of ten)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(power * f for f in (1, 2, 2.5, 5, 10) if power * f >= raw)
    return [step * i for i in range(math.ceil(top / step - 1e-9) + 1)]


def month_ticks(first: date, last: date, most: int = 6) -> list[date]:
    """The first days of months between `first` and `last`, every 1, 2, 3, 4, 6 or 12 months."""
    months = (last.year - first.year) * 12 + last.month - first.month
    step = next((s for s in (1, 2, 3, 4, 6, 12) if months / s <= most), 12 * math.ceil(months / (12 * most)))
    ticks: list[date] = []
    year, month = first.year, first.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        tick = date(year, month, 1)
        if tick > last:
            return ticks
        if (month - 1) % step == 0:
            ticks.append(tick)


def _segments(points: Iterable[tuple[float, float | None]]) -> list[list[tuple[float, float]]]:
    runs: list[list[tuple[float, float]]] = [[]]
    for x, y in points:
        if y is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((x, y))
    return [run for run in runs if run]


def _path(run: Sequence[tuple[float, float]]) -> str:
    return "M" + "L".join(f"{_n(x)} {_n(y)}" for x, y in run)


def _svg_open(chart_id: str, title: str, description: str, height: int) -> str:
    return format_html(
        '<svg class="chart-svg" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
    )


def _legend(entries: Sequence[tuple[str, str]]) -> str:
    """An HTML legend: (swatch SVG, name) per entry."""
    items = "".join(
        format_html(
            '<li><svg viewBox="0 0 28 12" aria-hidden="true">{}</svg>{}</li>', mark_safe(swatch), name
        )
        for swatch, name in entries
    )
    return f'<ul class="chart-legend">{items}</ul>'


def _line_swatch(line: Line) -> str:
    dash = DASHES[line.dash]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="1" y1="6" x2="27" y2="6" stroke="{line.colour}" stroke-width="{line.width}"{dash_attr}/>'
    )


def time_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    y_label: str,
    lines: Sequence[Line],
    bands: Sequence[Band] = (),
    marks: Sequence[Mark] = (),
    compact: bool = False,
    legend: bool = True,
) -> SafeString:
    """Lines and bands over days, with a day axis (months) and a count axis from 0, as inline SVG."""
    height = COMPACT_HEIGHT if compact else HEIGHT
    days = [_day(d) for line in lines for d in line.days] + [_day(d) for band in bands for d in band.days]
    days += [_day(mark.day) for mark in marks]
    values = [v for line in lines for v in line.values if v is not None]
    values += [v for band in bands for v in band.upper if v is not None]
    if not days:
        return mark_safe("")
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    ticks = nice_ticks(max(values, default=0))
    top = ticks[-1]
    left, right = MARGIN_LEFT, WIDTH - MARGIN_RIGHT
    upper, lower = MARGIN_TOP + (LABEL_SPACE if y_label else 0), height - MARGIN_BOTTOM

    def x(day: str | date) -> float:
        return left + (right - left) * (_day(day) - first).days / span

    def y(value: float) -> float:
        return lower - (lower - upper) * value / top

    parts = [_svg_open(chart_id, title, description, height), '<g class="axes">']
    for tick in ticks:
        parts.append(
            f'<line class="grid" x1="{left}" x2="{right}" y1="{_n(y(tick))}" y2="{_n(y(tick))}"/>'
            f'<text class="tick" x="{left - 6}" y="{_n(y(tick) + 4)}" text-anchor="end">{_count(tick)}</text>'
        )
    for index, tick_day in enumerate(month_ticks(first, last)):
        at = x(tick_day)
        label = dateformat.format(tick_day, "M Y" if index == 0 or tick_day.month == 1 else "M")
        anchor = "end" if at > right - EDGE else ("start" if at < left + EDGE else "middle")
        parts.append(
            f'<line class="tick" x1="{_n(at)}" x2="{_n(at)}" y1="{lower}" y2="{lower + 5}"/>'
            f'<text class="tick" x="{_n(at)}" y="{lower + 20}" text-anchor="{anchor}">'
            f"{escape(label)}</text>"
        )
    parts.append(f'<line class="axis" x1="{left}" x2="{right}" y1="{lower}" y2="{lower}"/>')
    if y_label:
        parts.append(f'<text class="axis-label" x="4" y="{MARGIN_TOP + 6}">{escape(y_label)}</text>')
    parts.append("</g>")
    for band in bands:
        for run in _band_runs(band):
            outline = [(x(d), y(hi)) for d, _, hi in run] + [(x(d), y(lo)) for d, lo, _ in reversed(run)]
            parts.append(
                format_html('<g class="band"><title>{}</title>', band.name)
                + f'<path d="{_path(outline)}Z" fill="{band.fill}" stroke="none"/></g>'
            )
    for line in lines:
        dash = DASHES[line.dash]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        paths = "".join(
            f'<path d="{_path(run)}" fill="none" stroke="{line.colour}" stroke-width="{line.width}"'
            f' stroke-linejoin="round"{dash_attr}/>'
            for run in _segments(
                (x(d), None if v is None else y(v)) for d, v in zip(line.days, line.values, strict=True)
            )
        )
        dots = ""
        if line.markers:
            dots = "".join(
                f'<circle cx="{_n(x(d))}" cy="{_n(y(v))}" r="2.5" fill="{line.colour}"/>'
                for d, v in zip(line.days, line.values, strict=True)
                if v is not None
            )
        parts.append(format_html('<g class="series"><title>{}</title>', line.name) + paths + dots + "</g>")
    for mark in marks:
        dash = DASHES[mark.dash]
        on = _n(x(mark.day))
        dot = f'<circle cx="{on}" cy="{upper + 4}" r="4" fill="{mark.colour}"/>' if mark.dot else ""
        parts.append(
            format_html('<g class="mark"><title>{}</title>', mark.title)
            + f'<line x1="{on}" x2="{on}" y1="{upper}" y2="{lower}" stroke="{mark.colour}" stroke-width="1"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + f"/>{dot}</g>"
        )
    parts.append("</svg>")
    if legend:
        entries = [
            (f'<rect x="1" y="1" width="26" height="10" fill="{band.fill}"/>', band.name) for band in bands
        ]
        entries += [(_line_swatch(line), line.name) for line in lines]
        parts.append(_legend(entries))
    return mark_safe("".join(parts))


def _band_runs(band: Band) -> list[list[tuple[str | date, float, float]]]:
    runs: list[list[tuple[str | date, float, float]]] = [[]]
    for day, low, high in zip(band.days, band.lower, band.upper, strict=True):
        if low is None or high is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((day, low, high))
    return [run for run in runs if run]


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    x_label: str,
    bars: Sequence[tuple[str, float]],
    colours: tuple[str, str] = ("#1f5f8b", "#9b1c1c"),
) -> SafeString:
    """Horizontal bars, one per label, from a zero line: `colours` for positive and negative values."""
    if not bars:
        return mark_safe("")
    row, label_width, top_margin = 24, 150, 8
    height = top_margin + row * len(bars) + 44
    low = min(0.0, *(value for _, value in bars))
    high = max(0.0, *(value for _, value in bars))
    reach = (high - low) or 1.0
    left, right = label_width + 8, WIDTH - 70

    def x(value: float) -> float:
        return left + (right - left) * (value - low) / reach

    parts = [_svg_open(chart_id, title, description, height)]
    for index, (label, value) in enumerate(bars):
        top = top_margin + index * row
        start, end = sorted((x(0), x(value)))
        sign = "+" if value > 0 else ("−" if value < 0 else "")
        shown = f"{sign}{_count(abs(value))}"
        parts.append(
            format_html('<g class="bar"><title>{}: {}</title>', label, shown)
            + format_html(
                '<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>', label_width, top + 16, label
            )
            + f'<rect x="{_n(start)}" y="{top + 4}" width="{_n(max(end - start, 1))}" height="{row - 8}"'
            f' fill="{colours[0] if value >= 0 else colours[1]}"/>'
            f'<text class="tick" x="{_n(end + 4 if value >= 0 else start - 4)}" y="{top + 16}"'
            f' text-anchor="{"start" if value >= 0 else "end"}">{shown}</text></g>'
        )
    bottom = top_margin + row * len(bars)
    parts.append(
        f'<line class="axis" x1="{_n(x(0))}" x2="{_n(x(0))}" y1="{top_margin}" y2="{bottom}"/>'
        f'<text class="axis-label" x="{_n((left + right) / 2)}" y="{bottom + 30}" text-anchor="middle">'
        f"{escape(x_label)}</text></svg>"
    )
    return mark_safe("".join(parts))


def day_table(
    *, caption: str, columns: Sequence[tuple[str, Sequence[str | date], Sequence[float | None]]]
) -> SafeString:
    """The numbers of a time chart as a table in a <details>: a row per day, a column per
    (name, days, values)."""
    by_column = [
        {_day(day): value for day, value in zip(days, values, strict=True)} for _, days, values in columns
    ]
    head = "".join(format_html('<th scope="col" class="num">{}</th>', name) for name, _, _ in columns)
    rows = []
    for day in sorted({day for column in by_column for day in column}):
        cells = "".join(f'<td class="num">{_cell(column.get(day))}</td>' for column in by_column)
        rows.append(format_html('<tr><th scope="row">{}</th>', DateSpan.on(day).text()) + cells + "</tr>")
    return mark_safe(
        '<details class="chart-data"><summary>The figures in a table</summary>'
        + format_html('<div class="table-scroll" role="region" tabindex="0" aria-label="{}">', caption)
        + format_html('<table><caption class="muted">{}</caption>', caption)
        + f'<thead><tr><th scope="col">Day</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'
        + "</table></div></details>"
    )


def _cell(value: float | None) -> str:
    return "—" if value is None else _count(value)


# The figures of Corridor's pages, from the data their views compose.


def flow_figure(chart: dict[str, Any]) -> SafeString:
    """The dashboard's daily arrivals per route country, policy events marked (web.dashboard.flow_chart)."""
    lines = [
        Line(trace["name"], trace["x"], trace["y"], PALETTE[index % len(PALETTE)], width=1.5)
        for index, trace in enumerate(chart["traces"])
    ]
    marks = [Mark(event["date"], f"{event['when']}: {event['title']}") for event in chart["events"]]
    figure = time_chart(
        chart_id="flow",
        title="Daily arrivals per country along the route",
        description=(
            f"{len(lines)} countries, "
            f"{_range_text(day for trace in chart['traces'] for day in trace['x'])}; "
            f"{len(marks)} policy changes, decisions and incidents marked by vertical lines."
        ),
        y_label="arrivals per day",
        lines=lines,
        marks=marks,
    )
    table = day_table(
        caption="Daily arrivals per country (UNHCR)",
        columns=[(trace["name"], trace["x"], trace["y"]) for trace in chart["traces"]],
    )
    return mark_safe(figure + table)


def place_figure(series: dict[str, Any]) -> SafeString:
    """A place's daily arrivals (web.pages.place)."""
    line = Line(series["name"], series["x"], series["y"], PALETTE[0])
    figure = time_chart(
        chart_id="place",
        title=f"Daily arrivals at {series['name']}",
        description=f"{len(series['x'])} daily counts, {_range_text(series['x'])}.",
        y_label="arrivals per day",
        lines=[line],
        legend=False,
    )
    table = day_table(
        caption=f"Daily arrivals at {series['name']}", columns=[("Arrivals", series["x"], series["y"])]
    )
    return mark_safe(figure + table)


def forecast_figure(chart: dict[str, Any], *, compact: bool = False) -> SafeString:
    """The observed past, recent one-day-ahead intervals and the forecast with its interval
    (web.forecast_charts); the compact one, on the dashboard, without its legend and axis title."""
    share = f"{round(chart['coverage'] * 100)} % interval"
    bands = [
        Band(
            f"{share}, one day ahead",
            chart["backtest_days"],
            chart["backtest_lower"],
            chart["backtest_upper"],
            "rgba(31,95,139,0.18)",
        ),
        Band(share, chart["days"], chart["lower"], chart["upper"], "rgba(180,83,9,0.22)"),
    ]
    lines = [
        Line("observed", chart["history_days"], chart["history"], "#1b1f24"),
        Line("forecast", chart["days"], chart["forecast"], "#9a4a08", dash="dash", markers=True),
    ]
    origin = Mark(chart["origin"], f"Forecast from {chart['origin_text']}", colour="#6b7785", dot=False)
    return time_chart(
        chart_id="forecast-small" if compact else "forecast",
        title=f"Forecast: {chart['name']}",
        description=(
            f"Observed daily counts to {chart['origin_text']} and the {chart['model_name']}'s forecast "
            f"for the {len(chart['days'])} days after, with its {share}; the blue band: one-day-ahead "
            "intervals of recent weeks."
        ),
        y_label="" if compact else "arrivals per day",
        lines=lines,
        bands=bands,
        marks=[origin],
        compact=compact,
        legend=not compact,
    )


def scenario_figures(chart: dict[str, Any]) -> tuple[SafeString, SafeString]:
    """A scenario's daily arrivals with and without the closure, and the change per place (web.scenarios)."""
    lines = []
    for index, place in enumerate(chart["places"]):
        colour = SCENARIO_PALETTE[index % len(SCENARIO_PALETTE)]
        lines.append(Line(f"{place['label']} (closure)", chart["dates"], place["scenario"], colour))
        lines.append(Line(f"{place['label']} (without)", chart["dates"], place["baseline"], colour, "dot", 1))
    daily = time_chart(
        chart_id="scenario",
        title="Daily arrivals with and without the closure",
        description=(
            f"Daily arrivals at the {len(chart['places'])} places the closure changes most, "
            f"{_range_text(chart['dates'])}: with the closure (solid) and without it (dotted)."
        ),
        y_label="arrivals per day",
        lines=lines,
    )
    totals = bar_chart(
        chart_id="scenario-totals",
        title="Change in arrivals per place over the closure's days",
        description="Blue bars: more arrivals than without the closure; red bars: fewer.",
        x_label="change in arrivals",
        bars=[(row["label"], row["change"]) for row in chart["totals"]],
    )
    return daily, totals


def _range_text(days: Iterable[str | date]) -> str:
    found = [_day(day) for day in days]
    if not found:
        return "no days"
    return f"from {DateSpan.on(min(found)).text()} to {DateSpan.on(max(found)).text()}"
