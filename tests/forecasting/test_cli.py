"""`corridor forecast …` and `corridor scenario …`, and the error table of docs/benchmarks.md."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from corridor.cli.main import main
from corridor.forecasting.models import ForecastRun
from corridor.forecasting.services import brc_error_table
from tests.forecasting.flows import load_route_flows

BENCHMARKS = Path(__file__).resolve().parents[2] / "docs" / "benchmarks.md"


def documented_error_table() -> str:
    """The Markdown table (and its summary line) under "Forecasting: BRC window error table"."""
    section = (
        BENCHMARKS.read_text().split("## Forecasting: BRC window error table", 1)[1].split("\n## ", 1)[0]
    )
    lines = section.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("| place | horizon"))
    last = next(i for i, line in enumerate(lines) if line.startswith("Goal ≤"))
    return "\n".join(lines[first : last + 1])


@pytest.mark.django_db
def test_the_error_table_in_the_docs_is_what_forecast_evaluate_prints(capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(["forecast", "evaluate", "--window", "brc"])

    assert code == 0
    assert capsys.readouterr().out.strip() == documented_error_table()
    run = ForecastRun.objects.get(kind="evaluation")
    assert run.result == json.loads(json.dumps(brc_error_table().to_dict()))
    assert run.requested_by is None and len(run.input_hash) == 64


@pytest.mark.django_db
def test_forecast_evaluate_json_prints_every_country_and_horizon_with_ours_brc_and_persistence(
    capsys,
) -> None:  # type: ignore[no-untyped-def]
    main(["forecast", "evaluate", "--window", "brc", "--json"])

    table = json.loads(capsys.readouterr().out)
    cells = {(row["place"], row["horizon"]) for row in table["rows"]}
    assert len(cells) == 30 and ("fyrom", 5) in cells and ("mainland_greece_departures", 1) in cells
    austria = next(row for row in table["rows"] if row["place"] == "austria" and row["horizon"] == 1)
    assert (round(austria["ours"]), round(austria["benchmark"]), round(austria["persistence"])) == (
        357,
        356,
        593,
    )
    assert table["benchmark"] == "British Red Cross" and table["goal_ratio"] == 0.75


@pytest.mark.django_db
def test_forecast_run_prints_each_day_with_its_interval_and_records_the_run(capsys) -> None:  # type: ignore[no-untyped-def]
    load_route_flows()

    code = main(["forecast", "run", "--place", "mk", "--origin", "2016-01-10", "--horizon", "3"])

    out = capsys.readouterr().out
    assert code == 0
    assert "Arrivals in North Macedonia (fyrom): transit forecast from 2016-01-10" in out
    assert out.count("\n2016-01-1") == 3 and "2016-01-13" in out
    run = ForecastRun.objects.get()
    assert f"Recorded run {run.uid}" in out and run.data_cutoff == date(2016, 1, 10)


@pytest.mark.django_db
def test_forecast_run_json_is_the_recorded_run(capsys, vienna_analyst) -> None:  # type: ignore[no-untyped-def]
    load_route_flows()

    main(
        [
            "forecast",
            "run",
            "--place",
            "serbia",
            "--model",
            "seasonal",
            "--horizon",
            "2",
            "--user",
            "vienna.analyst",
            "--json",
        ]
    )

    printed = json.loads(capsys.readouterr().out)
    run = ForecastRun.objects.get()
    assert (
        printed["uid"] == str(run.uid)
        and printed["model"] == "seasonal"
        and run.requested_by == vienna_analyst
    )
    assert printed["result"]["days"] == ["2016-04-19", "2016-04-20"]


@pytest.mark.django_db
def test_forecast_run_puts_a_refusal_on_the_option(capsys) -> None:  # type: ignore[no-untyped-def]
    load_route_flows()

    code = main(["forecast", "run", "--place", "vienna", "--horizon", "30"])

    err = capsys.readouterr().err
    assert code == 2
    assert "--place: 'vienna' is not a series of Western Balkans route, 2015–16" in err
    assert "--horizon: 30 is outside 1–14 days" in err
    assert not ForecastRun.objects.exists()


@pytest.mark.django_db
def test_forecast_alerts_lists_the_closure_period_alerts(capsys) -> None:  # type: ignore[no-untyped-def]
    load_route_flows()

    code = main(["forecast", "alerts"])

    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("Alerts 2016-02-01 – 2016-03-31")
    assert "2016-02-19  austria" in out and "below" in out
    assert "Closing of the Balkans route (winter 2016)" in out


@pytest.mark.django_db
def test_forecast_alerts_json_with_a_window(capsys) -> None:  # type: ignore[no-untyped-def]
    load_route_flows()

    main(["forecast", "alerts", "--from", "2016-03-15", "--to", "2016-03-25", "--json"])

    result = json.loads(capsys.readouterr().out)
    assert (result["start"], result["end"]) == ("2016-03-15", "2016-03-25")
    assert {"day": "2016-03-20", "place": "mainland_greece_departures"}.items() <= next(
        a for a in result["alerts"] if a["day"] == "2016-03-20"
    ).items()


@pytest.mark.django_db
def test_scenario_run_prints_arrivals_per_place_per_day_and_the_diverted_totals(capsys) -> None:  # type: ignore[no-untyped-def]
    load_route_flows()

    code = main(["scenario", "run", "--close", "mk-rs", "--from", "2016-03-09", "--days", "28"])

    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("Close MK–RS border: Tabanovce → Preševo from 2016-03-09 to 2016-04-05")
    header = next(line for line in out.splitlines() if line.startswith("day "))
    assert "kapshtice" in header and "tirana" in header and "podgorica" in header and "sarajevo" in header
    assert sum(line[:10].startswith("2016-") for line in out.splitlines()) == 28
    tirana = next(line for line in out.splitlines() if line.startswith("tirana "))
    baseline, closure, change = (int(v.replace(",", "")) for v in tirana.split()[1:])
    assert baseline == 0 and closure == change > 10_000
    assert "Diverted: 13,378 persons set off on alternative paths" in out
    assert "idomeni -> kapshtice: 14,000 (baseline 0)" in out
    assert ForecastRun.objects.get().kind == "scenario"


@pytest.mark.django_db
def test_scenario_run_with_agents_and_json(capsys) -> None:  # type: ignore[no-untyped-def]
    load_route_flows()

    main(["scenario", "run", "--close", "mk-rs", "--from", "2016-03-09", "--days", "7", "--agents", "--json"])

    printed = json.loads(capsys.readouterr().out)
    assert printed["model"] == "agents" and printed["result"]["agents"] is True
    assert printed["result"]["dates"][0] == "2016-03-09" and len(printed["result"]["dates"]) == 7


@pytest.mark.django_db
def test_scenario_run_refuses_an_unknown_border_and_a_day_without_data(capsys) -> None:  # type: ignore[no-untyped-def]
    load_route_flows()

    code = main(["scenario", "run", "--close", "xx-yy", "--from", "2016-06-01"])

    err = capsys.readouterr().err
    assert code == 2
    assert "--close: 'xx-yy' is neither a border" in err
    assert "--from: 2016-06-01 is outside" in err


@pytest.mark.django_db
def test_an_unknown_user_is_named(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["forecast", "alerts", "--user", "nobody"]) == 1
    assert "--user: no active user 'nobody'" in capsys.readouterr().err
