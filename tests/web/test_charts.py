"""Charts drawn on the server (corridor.web.charts): what each figure shows, for sighted readers and for
screen readers, and that it needs no script."""

from __future__ import annotations

import re
from datetime import date

from corridor.web import charts


def _path_points(svg: str) -> list[list[tuple[float, float]]]:
    return [
        [tuple(float(n) for n in point.split()) for point in d[1:].split("L")]  # type: ignore[misc]
        for d in re.findall(r'<path d="(M[^"Z]*)" fill="none"', svg)
    ]


def test_a_time_chart_is_an_svg_image_with_its_title_description_axes_and_legend() -> None:
    svg = charts.time_chart(
        chart_id="demo",
        title="Daily arrivals <north>",
        description="Two series & one mark.",
        y_label="arrivals per day",
        lines=[
            charts.Line("Serbia", ["2015-10-01", "2015-10-02", "2015-10-03"], [100, 250, 5_000], "#111111"),
            charts.Line("Croatia", ["2015-10-01", "2015-10-03"], [50, None], "#222222", dash="dot"),
        ],
        marks=[charts.Mark("2015-10-02", "2 October 2015: Border closed")],
    )

    assert svg.startswith('<svg class="chart-svg" viewBox="0 0 760 320" role="img"')
    assert 'aria-labelledby="demo-title demo-desc"' in svg
    assert '<title id="demo-title">Daily arrivals &lt;north&gt;</title>' in svg
    assert '<desc id="demo-desc">Two series &amp; one mark.</desc>' in svg
    assert ">arrivals per day</text>" in svg
    assert ">5,000</text>" in svg and ">0</text>" in svg  # the count axis from 0 to a round top
    assert (
        '<g class="series"><title>Serbia</title>' in svg and '<g class="series"><title>Croatia</title>' in svg
    )
    assert '<g class="mark"><title>2 October 2015: Border closed</title>' in svg
    assert 'stroke-dasharray="2 3"' in svg  # the dotted series, and the mark
    legend = svg.split('<ul class="chart-legend">', 1)[1]
    assert legend.index("Serbia") < legend.index("Croatia")
    assert "<script" not in svg and " on" not in svg.replace(" one ", "")


def test_values_are_placed_on_the_axes_and_a_missing_day_breaks_the_line() -> None:
    svg = charts.time_chart(
        chart_id="t",
        title="t",
        description="d",
        y_label="",
        lines=[
            charts.Line(
                "a", ["2016-01-01", "2016-01-02", "2016-01-03", "2016-01-05"], [0, 10, None, 20], "#000"
            )
        ],
    )

    runs = _path_points(svg)
    assert len(runs) == 2 and [len(run) for run in runs] == [2, 1]  # split at the day without a value
    (first, second), (last,) = runs
    assert first[0] == charts.MARGIN_LEFT and last[0] == charts.WIDTH - charts.MARGIN_RIGHT
    bottom = charts.HEIGHT - charts.MARGIN_BOTTOM
    assert first[1] == bottom and last[1] == charts.MARGIN_TOP  # 0 on the axis, 20 (the top tick) at the top
    assert abs(second[1] - (bottom + charts.MARGIN_TOP) / 2) < 0.1  # 10: half way
    assert abs(second[0] - (first[0] + (last[0] - first[0]) / 4)) < 0.1  # 2 January: a quarter of 4 days


def test_bands_shade_between_lower_and_upper_and_skip_days_without_an_interval() -> None:
    svg = charts.time_chart(
        chart_id="f",
        title="f",
        description="d",
        y_label="",
        lines=[],
        bands=[
            charts.Band(
                "90 % interval", ["2016-04-18", "2016-04-19", "2016-04-20"], [1, None, 2], [3, 4, 5], "red"
            )
        ],
    )

    assert svg.count('<g class="band"><title>90 % interval</title>') == 2  # two runs around the gap
    assert '<rect x="1" y="1" width="26" height="10" fill="red"/>' in svg  # its legend swatch


def test_a_bar_chart_shows_each_change_signed_in_its_colour() -> None:
    svg = charts.bar_chart(
        chart_id="b",
        title="Change",
        description="d",
        x_label="change in arrivals",
        bars=[("Tirana", 12_345.4), ("Preševo", -9_000)],
    )

    assert '<g class="bar"><title>Tirana: +12,345</title>' in svg and ">+12,345</text>" in svg
    assert '<g class="bar"><title>Preševo: −9,000</title>' in svg
    assert 'fill="#1f5f8b"' in svg and 'fill="#9b1c1c"' in svg
    assert ">change in arrivals</text>" in svg


def test_the_table_beside_a_chart_has_a_row_per_day_and_a_dash_where_a_series_has_no_count() -> None:
    table = charts.day_table(
        caption="Daily arrivals",
        columns=[("Serbia", ["2015-10-01", "2015-10-02"], [100, 2_500]), ("Croatia", ["2015-10-02"], [7])],
    )

    assert table.startswith('<details class="chart-data">')
    assert '<th scope="col" class="num">Serbia</th><th scope="col" class="num">Croatia</th>' in table
    assert (
        '<tr><th scope="row">1 October 2015</th><td class="num">100</td><td class="num">—</td></tr>' in table
    )
    assert (
        '<tr><th scope="row">2 October 2015</th><td class="num">2,500</td><td class="num">7</td></tr>'
        in table
    )


def test_round_ticks_and_month_ticks() -> None:
    assert charts.nice_ticks(9_300) == [0, 2_000, 4_000, 6_000, 8_000, 10_000]
    assert charts.nice_ticks(0) == [0.0, 1.0]
    assert charts.month_ticks(date(2015, 9, 15), date(2015, 12, 31)) == [
        date(2015, 10, 1),
        date(2015, 11, 1),
        date(2015, 12, 1),
    ]
    assert len(charts.month_ticks(date(2015, 1, 1), date(2016, 12, 31))) <= 6
