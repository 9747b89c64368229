"""Print when alerts fired after each policy change of Nov 2015 – Mar 2016 (Markdown; --list for alerts).

    .venv/bin/python bench/forecasting/closure_alerts.py [--list]

One-day-ahead transit-lag forecasts with 90 % conformal intervals from 1 Nov 2015 to 17 Apr 2016 for the
six route countries; an alert is an observed count outside its interval (engine.alerts). The policy-change
dates come from corridor/casestudy/real/policy-changes-2015-16/policy_changes.csv.
"""

from __future__ import annotations

import argparse
from datetime import date

from corridor.forecasting.engine import monitor, policy_changes, route_counts, transit_model

PLACES = ["austria", "slovenia", "croatia", "serbia", "fyrom", "mainland_greece_departures"]
FIRST, LAST = date(2015, 11, 1), date(2016, 4, 17)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="also list every alert")
    args = parser.parse_args()
    report = monitor(route_counts(), transit_model(), policy_changes(), places=PLACES, first=FIRST, last=LAST)
    print(report.timing.to_markdown())
    if args.list:
        print()
        for alert in report.alerts:
            print(
                f"{alert.day} {alert.place}: {alert.observed:,.0f} {alert.direction} "
                f"[{alert.lower:,.0f}, {alert.upper:,.0f}]"
            )


if __name__ == "__main__":
    main()
