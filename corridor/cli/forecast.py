"""`corridor forecast run|evaluate|alerts` and `corridor scenario run`: thin shells over forecasting services.

Without `--user`, forecasts, alerts and scenarios read as an anonymous visitor (public observations only).
`forecast run` and `scenario run` record their run. `forecast evaluate --window brc` reproduces the error
table of docs/benchmarks.md from the files shipped with the engine (it reads no records) and records it.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.forecasting.models import ForecastRun

READER_HELP = "read as this user (default: an anonymous visitor, public observations only)"
ROUTE_HELP = "the route's slug (default: the first route the reader may read, by name)"


def register(commands: argparse._SubParsersAction) -> None:
    forecast = commands.add_parser(
        "forecast", help="forecasts of daily arrivals, their evaluation and alerts"
    )
    actions = forecast.add_subparsers(dest="action", required=True)
    run = actions.add_parser(
        "run", help="forecast one place 1–14 days ahead, with intervals; records the run"
    )
    run.add_argument(
        "--place", required=True, help="a route series (fyrom, serbia, …) or its place (mk, rs, …)"
    )
    run.add_argument("--origin", type=date.fromisoformat, help="forecast from this day (default: the latest)")
    run.add_argument("--horizon", type=int, default=14, help="days ahead, 1–14 (default 14)")
    run.add_argument("--model", choices=["transit", "persistence", "seasonal"], default="transit")
    run.add_argument("--coverage", type=float, default=0.9, help="interval coverage (default 0.9)")
    run.add_argument("--user", help=READER_HELP)
    run.add_argument("--route", help=ROUTE_HELP)
    run.add_argument("--json", action="store_true", help="print the recorded run as JSON")
    run.set_defaults(handler=_run_forecast)

    evaluate = actions.add_parser("evaluate", help="the error table against the British Red Cross forecasts")
    evaluate.add_argument("--window", required=True, choices=["brc"], help="brc: 14 Dec 2015 – 16 Jan 2016")
    evaluate.add_argument("--json", action="store_true", help="print the table as JSON")
    evaluate.set_defaults(handler=_evaluate)

    alerts = actions.add_parser(
        "alerts", help="days whose counts left the forecast interval (closure period)"
    )
    alerts.add_argument("--from", dest="start", type=date.fromisoformat, default=date(2016, 2, 1))
    alerts.add_argument("--to", dest="end", type=date.fromisoformat, default=date(2016, 3, 31))
    alerts.add_argument("--user", help=READER_HELP)
    alerts.add_argument("--route", help=ROUTE_HELP)
    alerts.add_argument("--json", action="store_true", help="print the alerts as JSON")
    alerts.set_defaults(handler=_alerts)

    scenario = commands.add_parser("scenario", help="route-shift scenarios: close a border or link")
    scenario_actions = scenario.add_subparsers(dest="action", required=True)
    close = scenario_actions.add_parser("run", help="close a border or link; arrivals per place per day")
    close.add_argument("--close", required=True, help="a border (mk-rs) or a link (tabanovce>presevo)")
    close.add_argument("--from", dest="start", required=True, type=date.fromisoformat, help="YYYY-MM-DD")
    close.add_argument("--days", type=int, default=28, help="how long the closure lasts (default 28)")
    close.add_argument(
        "--agents", action="store_true", help="one agent per person instead of expected values"
    )
    close.add_argument("--user", help=READER_HELP)
    close.add_argument("--route", help=ROUTE_HELP)
    close.add_argument("--json", action="store_true", help="print the recorded run as JSON")
    close.set_defaults(handler=_run_scenario)


def _reader(username: str | None) -> tuple[Reader, bool]:
    from corridor.accounts.models import User

    if not username:
        return None, True
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        print(f"--user: no active user {username!r}", file=sys.stderr)
        return None, False
    return user, True


def _refused(error: Any) -> int:
    """Print each refusal under the option it concerns; exit status 2, as for a usage error."""
    for field, messages in error.errors.items():
        option = {"start": "from", "end": "to"}.get(field, field)
        for message in messages:
            print(f"--{option}: {message}", file=sys.stderr)
    return 2


def run_json(run: ForecastRun) -> dict[str, Any]:
    return {
        "uid": str(run.uid),
        "kind": run.kind,
        "model": run.model,
        "parameters": run.parameters,
        "data_cutoff": run.data_cutoff.isoformat() if run.data_cutoff else None,
        "places": run.places,
        "horizon": run.horizon,
        "input_hash": run.input_hash,
        "content_classification": run.content_classification,
        "result": run.result,
    }


def _no_route(slug: str | None) -> int:
    what = f"no route {slug!r}" if slug else "no route at all"
    print(
        f"corridor: {what} that this reader may read (corridor route import FOLDER adds one)", file=sys.stderr
    )
    return 1


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def _run_forecast(args: argparse.Namespace) -> int:
    from corridor.core.exceptions import NotFound, ValidationFailed
    from corridor.forecasting.routes import route_model_for
    from corridor.forecasting.services import run_forecast

    reader, found = _reader(args.user)
    if not found:
        return 1
    try:
        run = run_forecast(
            reader=reader,
            place=args.place,
            horizon=args.horizon,
            model=args.model,
            coverage=args.coverage,
            origin=args.origin,
            route=args.route,
        )
    except ValidationFailed as error:
        return _refused(error)
    except NotFound:
        return _no_route(args.route)
    if args.json:
        print(json.dumps(run_json(run), indent=2))
        return 0
    result = run.result
    series = route_model_for(reader, run.parameters.get("route")).series[result["place"]]
    print(
        f"{series.label} ({result['place']}): {run.model} forecast from "
        f"{result['origin']} (the last day of data read), {result['coverage']:.0%} intervals"
    )
    print(f"{'day':<12}{'forecast':>10}{'lower':>10}{'upper':>10}")
    for day, point, low, high in zip(
        result["days"], result["forecast"], result["lower"], result["upper"], strict=True
    ):
        print(f"{day:<12}{_number(point):>10}{_number(low):>10}{_number(high):>10}")
    print(f"Recorded run {run.uid} (input sha256 {run.input_hash[:16]}…).")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from corridor.forecasting.services import brc_error_table, record_evaluation

    table = brc_error_table()
    record_evaluation(table=table)
    print(json.dumps(table.to_dict(), indent=2) if args.json else table.to_markdown())
    return 0


def _alerts(args: argparse.Namespace) -> int:
    from corridor.core.exceptions import NotFound, ValidationFailed
    from corridor.forecasting.services import alerts_for

    reader, found = _reader(args.user)
    if not found:
        return 1
    try:
        result = alerts_for(reader=reader, first=args.start, last=args.end, route=args.route)
    except ValidationFailed as error:
        return _refused(error)
    except NotFound:
        return _no_route(args.route)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"Alerts {result['start']} – {result['end']}: observed outside the {result['coverage']:.0%} interval "
        f"of the {result['horizon']}-day-ahead transit-lag forecast ({', '.join(result['places'])})."
    )
    print(f"{'day':<12}{'series':<28}{'observed':>10}  {'interval':<18}{'side':<7}policy change nearby")
    for alert in result["alerts"]:
        interval = f"{alert['lower']:,.0f} – {alert['upper']:,.0f}"
        change = alert["policy_change"]
        nearby = f"{change['title']} ({change['when']})" if change else "—"
        print(
            f"{alert['day']:<12}{alert['place']:<28}{alert['observed']:>10,.0f}  {interval:<18}"
            f"{alert['direction']:<7}{nearby}"
        )
    rate = result["background_rate"]
    background = (
        "" if rate is None else f" {rate:.1%} of {result['scored_days']} place-days away from changes alert."
    )
    print(f"{len(result['alerts'])} alerts.{background}")
    return 0


def _run_scenario(args: argparse.Namespace) -> int:
    from corridor.core.exceptions import NotFound, ValidationFailed
    from corridor.forecasting.scenarios import ScenarioRequest
    from corridor.forecasting.services import run_closure_scenario

    reader, found = _reader(args.user)
    if not found:
        return 1
    request = ScenarioRequest(close=args.close, start=args.start, days=args.days, agents=args.agents)
    try:
        run = run_closure_scenario(reader=reader, request=request, route=args.route)
    except ValidationFailed as error:
        return _refused(error)
    except NotFound:
        return _no_route(args.route)
    if args.json:
        print(json.dumps(run_json(run), indent=2))
        return 0
    print_scenario(run.result)
    print(f"Recorded run {run.uid} (input sha256 {run.input_hash[:16]}…).")
    return 0


def print_scenario(result: dict[str, Any]) -> None:
    """Arrivals per place per day with the closure, then totals against the baseline and the diversions."""
    mode = "one agent per person" if result["agents"] else "expected values"
    print(
        f"Close {result['closure']['label']} from {result['start']} to {result['end']} ({mode}; inflow: "
        f"{result['inflow']['total']:,.0f} observed in those days, "
        f"{result['inflow'].get('label', result['inflow']['place'])})."
    )
    shown = [row["place"] for row in result["places"] if row["baseline"] or row["scenario"]]
    print("Expected arrivals per place per day with the closure:")
    print(f"{'day':<12}" + "".join(f"{place:>15}" for place in shown))
    for index, day in enumerate(result["dates"]):
        cells = "".join(f"{result['scenario'][place][index]:>15,.0f}" for place in shown)
        print(f"{day:<12}{cells}")
    print("Totals over the closure's days:")
    print(f"{'place':<16}{'baseline':>12}{'closure':>12}{'change':>12}")
    for row in result["places"]:
        if row["baseline"] or row["scenario"]:
            print(
                f"{row['place']:<16}{row['baseline']:>12,.0f}{row['scenario']:>12,.0f}{row['change']:>+12,.0f}"
            )
    print(
        f"Diverted: {result['diverted_total']:,.0f} persons set off on alternative paths "
        "(links unused while the route is open)."
    )
    for link in result["links"]:
        if link["change"] and link["alternative"]:
            print(f"  {link['link']}: {link['scenario']:,.0f} (baseline {link['baseline']:,.0f})")
    for row in result["waiting_at_end"]:
        print(
            f"Waiting at {row['place']} on {result['end']}: {row['scenario']:,.0f} "
            f"(baseline {row['baseline']:,.0f})"
        )
