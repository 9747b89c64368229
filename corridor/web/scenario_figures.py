"""A scenario's map and table: where arrivals rose or fell, and the daily arrivals with and without it."""

from __future__ import annotations

import re
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from django.urls import reverse

from corridor.core.dates import DateSpan
from corridor.geo.selectors import country_display_name, list_countries, places_visible_to
from corridor.geo.svg_map import MapPoint, render_map
from corridor.web.context import CONVENTION_DAY

if TYPE_CHECKING:
    from corridor.accounts.access import Reader

MIN_SHOWN_CHANGE = 0.5


def scenario_map(user: Reader, result: dict[str, Any], *, audience: str) -> str:
    """Circles sized by how much a place's arrivals changed, labelled + (more) or − (fewer); the
    countries that receive diverted people shaded."""
    changed = [row for row in result["places"] if abs(row["change"]) >= MIN_SHOWN_CHANGE]
    slugs = {row["slug"] for row in changed if row["slug"]}
    pages = set(places_visible_to(user).filter(slug__in=slugs).values_list("slug", flat=True))
    points = []
    for row in changed:
        if row.get("latitude") is None:  # a run recorded before its result kept the points
            continue
        points.append(
            MapPoint(
                label=f"{row['label']} {row['change']:+,.0f}",
                latitude=row["latitude"],
                longitude=row["longitude"],
                value=round(abs(row["change"])),
                href=reverse("web:place", args=[row["slug"]]) if row["slug"] in pages else "",
                caption=(
                    f"{row['label']}: {row['scenario']:,.0f} arrivals with the closure, "
                    f"{row['baseline']:,.0f} without ({row['change']:+,.0f})"
                ),
            )
        )
    gaining = sorted({row["country"] for row in changed if row["change"] > 0})
    names = {
        country.code: country_display_name(country, audience=audience, on=CONVENTION_DAY.get(audience))
        for country in list_countries().prefetch_related("names")
    }
    drawn = render_map(
        points,
        highlight=gaining,
        country_names=names,
        title=(
            f"Change in arrivals per place, {result['start']} to {result['end']}, when closing "
            f"{result['closure']['label']}"
        ),
    )
    return _mark_gains(
        drawn, [point.caption for point, row in zip(points, changed, strict=True) if row["change"] > 0]
    )


def _mark_gains(svg: str, captions: list[str]) -> str:
    """Add the class `gain` to the circles of places that receive more people, so they draw in another
    colour than those that receive fewer (`render_map` gives every circle the class `site`)."""
    for caption in captions:
        svg = re.sub(
            r'<circle class="site"( [^>]*><title>' + re.escape(escape(caption)) + "</title>)",
            r'<circle class="site gain"\1',
            svg,
            count=1,
        )
    return svg


def scenario_table(result: dict[str, Any]) -> dict[str, Any]:
    """Rows of days × places that had arrivals (with the closure, and without), and per-place totals."""
    shown = [row for row in result["places"] if row["baseline"] or row["scenario"]]
    rows = []
    for index, day in enumerate(result["dates"]):
        cells = [
            (result["scenario"][row["place"]][index], result["baseline"][row["place"]][index])
            for row in shown
        ]
        rows.append({"day": DateSpan.on(date.fromisoformat(day)).text(), "cells": cells})
    return {"places": shown, "rows": rows}
