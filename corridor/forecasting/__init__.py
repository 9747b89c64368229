"""Forecasts of arrivals along the route and route-shift scenarios.

`corridor.forecasting.engine` holds the numerical code: framework-free (numpy and pandas only, no Django),
arrays and frames in, frozen dataclasses out. Interfaces (CLI, pages, API, jobs) are built on its public
API, re-exported from `corridor.forecasting.engine`.

The Django app around it reads the daily counts through the visibility funnel (`selectors`), runs and
records forecasts, scenarios and the BRC evaluation (`services`, `jobs`, `models.ForecastRun`), and shapes
what the pages show (`forecasts`, `scenarios`, `alert_summaries`, `latest`). See docs/forecasting.md.
"""
