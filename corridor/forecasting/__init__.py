"""Forecasts of arrivals along the route and route-shift scenarios.

`corridor.forecasting.engine` holds the numerical code: framework-free (numpy and pandas only, no Django),
arrays and frames in, frozen dataclasses out. Interfaces (CLI, pages, API, jobs) are built on its public
API, re-exported from `corridor.forecasting.engine`.
"""
