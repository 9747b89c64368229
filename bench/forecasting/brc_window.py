"""Print the British Red Cross window error table (Markdown, or JSON with --json).

    .venv/bin/python bench/forecasting/brc_window.py [--json]

Rolling-origin forecasts of the transit-lag model and of persistence for 14 Dec 2015 – 16 Jan 2016,
horizons 1–5 days, scored on the days the BRC published a forecast (engine.benchmark).
"""

from __future__ import annotations

import argparse
import json

from corridor.forecasting.engine import brc_benchmark, evaluate_brc_window, route_counts, transit_model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the table as JSON")
    args = parser.parse_args()
    table = evaluate_brc_window(route_counts(), brc_benchmark(), transit_model())
    print(json.dumps(table.to_dict(), indent=2) if args.json else table.to_markdown())


if __name__ == "__main__":
    main()
