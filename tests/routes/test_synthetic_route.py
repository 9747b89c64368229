"""A third, synthetic route set up from files alone — its places, its counts and its route folder, each
imported as a user would — then forecast, scanned for alerts and closed in a scenario, with no code for it.

Runs on SQLite and PostgreSQL (no marker keeps it out of either pass).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from corridor.exchange.acting import PLATFORM
from corridor.exchange.route_files import import_route_folder
from corridor.exchange.services import import_file
from corridor.forecasting.scenarios import ScenarioRequest
from corridor.forecasting.services import alerts_for, run_closure_scenario, run_forecast

pytestmark = pytest.mark.django_db
FIRST = date(2021, 1, 1)
DAYS = 120
SLUG = "synthetic-desert-route"


def _write(folder: Path, name: str, lines: list[str]) -> Path:
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _counts() -> dict[str, np.ndarray]:
    """Entry counts with a weekly rhythm; each place downstream receives 80 % of them two days later."""
    rng = np.random.default_rng(7)
    days = np.arange(DAYS + 4)
    entry = 400 + 150 * np.sin(2 * np.pi * days / 7) + rng.normal(0, 20, len(days))
    crossing = 0.8 * np.roll(entry, 2)
    terminus = 0.8 * np.roll(crossing, 2)
    return {"zz-oasis": entry[4:], "zz-crossing": crossing[4:], "zz-terminus": terminus[4:]}


@pytest.fixture
def synthetic_route(tmp_path: Path) -> str:
    places = _write(
        tmp_path,
        "places.csv",
        [
            "slug,name,kind,country,latitude,longitude,owner,classification",
            "zz-oasis,Oasis reception point,reception_centre,ER,15.3,38.9,osce-secretariat-cpc,public",
            "zz-crossing,Desert crossing,border_crossing,SD,15.6,32.5,osce-secretariat-cpc,public",
            "zz-terminus,Coastal terminus,transit_centre,LY,32.9,13.2,osce-secretariat-cpc,public",
        ],
    )
    report = import_file(actor=PLATFORM, source=places, kind="places")
    assert report.errors == [] and report.created == 3
    rows = ["place,date,metric,value,source_organisation,owner,classification"]
    for place, values in _counts().items():
        for offset, value in enumerate(values):
            day = FIRST + timedelta(days=offset)
            rows.append(
                f"{place},{day.isoformat()},arrivals,{round(value)},unhcr,osce-secretariat-cpc,public"
            )
    report = import_file(actor=PLATFORM, source=_write(tmp_path, "counts.csv", rows), kind="observations")
    assert report.errors == [] and report.created == 3 * DAYS
    folder = tmp_path / SLUG
    folder.mkdir()
    _write(
        folder,
        "route.csv",
        [
            "slug,name,owner,classification,description",
            f"{SLUG},Synthetic desert route,osce-secretariat-cpc,public,",
        ],
    )
    _write(
        folder,
        "nodes.csv",
        [
            "node,label,country,latitude,longitude,leave_rate,kind,place,note",
            "oasis,Oasis,ER,15.3,38.9,1,source,zz-oasis,",
            "crossing,Crossing,SD,15.6,32.5,1,border,zz-crossing,",
            "detour,Detour,TD,13.0,20.0,0.5,alternative,,",
            "terminus,Terminus,LY,32.9,13.2,0,destination,zz-terminus,",
        ],
    )
    _write(
        folder,
        "links.csv",
        [
            "from,to,transit_days,capacity,share,divert_weight,basis,note",
            "oasis,crossing,2,,1,0,editorial,",
            "oasis,detour,4,300,0,1,editorial,",
            "crossing,terminus,2,,1,0,editorial,",
            "detour,terminus,3,,1,0,editorial,",
        ],
    )
    _write(
        folder,
        "series.csv",
        [
            "series,label,place,metric,frequency,source,node,monitored",
            "entries,Entries at the oasis,zz-oasis,arrivals,day,unhcr,oasis,no",
            "crossings,Arrivals at the crossing,zz-crossing,arrivals,day,unhcr,crossing,yes",
            "terminus,Arrivals at the terminus,zz-terminus,arrivals,day,unhcr,terminus,yes",
        ],
    )
    assert import_route_folder(folder).outcome == "created"
    return SLUG


def test_a_route_from_files_alone_forecasts_scans_for_alerts_and_runs_a_scenario(  # type: ignore[no-untyped-def]
    synthetic_route, vienna_analyst
) -> None:
    forecast = run_forecast(reader=vienna_analyst, place="zz-terminus", horizon=3, route=synthetic_route)
    alerts = alerts_for(reader=vienna_analyst, route=synthetic_route)
    scenario = run_closure_scenario(
        reader=vienna_analyst,
        request=ScenarioRequest(close="er-sd", start=FIRST + timedelta(days=60), days=14),
        route=synthetic_route,
    )

    assert forecast.places == ["terminus"] and forecast.parameters["route"] == synthetic_route
    assert len(forecast.result["forecast"]) == 3
    assert all(point is not None and 100 < point < 600 for point in forecast.result["forecast"])
    assert alerts["route"] == synthetic_route and alerts["places"] == ["terminus", "crossings"]
    assert alerts["scored_days"] > 0
    result = scenario.result
    assert result["route"] == synthetic_route and result["closure"]["links"] == ["oasis -> crossing"]
    by_place = {row["place"]: row for row in result["places"]}
    # Only those already on the closed leg when it closes still reach the crossing (two days' worth).
    assert by_place["crossing"]["scenario"] < by_place["crossing"]["baseline"] / 5
    assert by_place["detour"]["scenario"] > 0 and result["diverted_total"] > 0
