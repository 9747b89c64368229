"""UNHCR's real route series written as observations, as `corridor realdata load` writes them, but in one
bulk insert (the full importer takes seconds per test). Shared by the forecasting, API and page tests."""

from __future__ import annotations

import csv
from datetime import date

from corridor.actors.models import Organisation
from corridor.forecasting.engine.shipped_data import ROUTE_COUNTS_CSV
from corridor.forecasting.routes import route_model_for
from corridor.geo.models import Place
from corridor.monitoring.models import FlowObservation

FIRST = date(2015, 12, 1)


def load_route_flows(first: date = FIRST, last: date | None = None, classification: str = "public") -> int:
    """Write the route's daily series between `first` and `last` as public UNHCR observations; the count."""
    series_keys = route_model_for(None, "western-balkans-2015-16").series
    places = {
        place.slug: place for place in Place.objects.filter(slug__in={k.place for k in series_keys.values()})
    }
    unhcr = Organisation.objects.get(slug="unhcr")
    owner = Organisation.objects.get(slug="osce-secretariat-cpc")
    rows = []
    with ROUTE_COUNTS_CSV.open(newline="") as handle:
        for line in csv.DictReader(handle):
            key = series_keys.get(line["country"])
            day = date.fromisoformat(line["date"])
            if key is None or line["flag"] == "missing" or day < first or (last and day > last):
                continue
            reported = line["flag"] == "reported"
            rows.append(
                FlowObservation(
                    place=places[key.place],
                    metric=key.metric,
                    value=int(float(line["arrivals"])) if reported else None,
                    value_status="reported" if reported else "not_available",
                    source_organisation=unhcr,
                    owner=owner,
                    classification=classification,
                    date_start=day,
                    date_end=day,
                    date_precision="day",
                )
            )
    FlowObservation.objects.bulk_create(rows)
    return len(rows)
