"""How far the BRC window's errors could fall: the day-by-day better of our forecast and the BRC's.

    .venv/bin/python bench/forecasting/brc_oracle.py

For each country × horizon of the British Red Cross window, on the days the table scores (see
brc_window.py), prints the MAE of our transit-lag model and of the BRC, and the MAE of an oracle that
takes, each day, whichever of the two forecasts was closer to the final count: mean_t min(|e_ours|,
|e_BRC|). No forecaster can do that (it needs the count it forecasts); a cell whose oracle is above
0.75 × the BRC's MAE needs a forecast better than the better of the two on most days. Also: the share of
the BRC's MAE from its five worst days, and of ours on the same days.
"""

from __future__ import annotations

import numpy as np

from corridor.forecasting.engine import brc_benchmark, route_counts, transit_model
from corridor.forecasting.engine.baselines import Persistence
from corridor.forecasting.engine.benchmark import (
    BRC_FIRST_TARGET,
    BRC_HORIZONS,
    BRC_LAST_TARGET,
    BRC_PLACES,
    GOAL_RATIO,
    scored_days,
)
from corridor.forecasting.engine.evaluation import origins_for_targets, rolling_origin


def main() -> None:
    series, benchmark = route_counts(), brc_benchmark()
    origins = origins_for_targets(BRC_FIRST_TARGET, BRC_LAST_TARGET, max(BRC_HORIZONS))
    ours, persistence = (
        rolling_origin(model, series, origins=origins, places=BRC_PLACES, horizons=BRC_HORIZONS)
        for model in (transit_model(), Persistence())
    )
    print(
        "| place | horizon (days) | days | MAE ours | MAE BRC | MAE oracle (better of the two each day) "
        "| oracle / BRC | BRC's 5 worst days: share of BRC's MAE | same days: share of ours |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    above = 0
    for place in BRC_PLACES:
        for k in BRC_HORIZONS:
            days = scored_days(series, benchmark, ours, persistence, place, k)
            mine, theirs = days.ours, days.benchmark
            oracle = np.minimum(mine, theirs).mean()
            worst = np.argsort(-theirs)[:5]
            above += oracle > GOAL_RATIO * theirs.mean()
            print(
                f"| {place} | {k} | {len(days.targets)} | {mine.mean():,.0f} | {theirs.mean():,.0f} "
                f"| {oracle:,.0f} | {oracle / theirs.mean():.2f} | {theirs[worst].sum() / theirs.sum():.2f} "
                f"| {mine[worst].sum() / mine.sum():.2f} |"
            )
    print()
    cells = len(BRC_PLACES) * len(BRC_HORIZONS)
    print(f"Cells whose oracle is above {GOAL_RATIO:g} × the BRC's MAE: {above} of {cells}.")


if __name__ == "__main__":
    main()
