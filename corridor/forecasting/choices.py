"""Vocabularies of recorded forecasting runs."""

from django.db import models


class RunKind(models.TextChoices):
    FORECAST = "forecast", "Forecast"
    SCENARIO = "scenario", "Scenario"
    EVALUATION = "evaluation", "Evaluation"


class ForecastModel(models.TextChoices):
    """The forecasters a user may choose (engine: TransitLagModel, Persistence, WeeklySeasonalNaive)."""

    TRANSIT = "transit", "Transit-lag model (learns the lags along the route)"
    PERSISTENCE = "persistence", "Persistence (tomorrow looks like the last reported day)"
    SEASONAL = "seasonal", "Weekly-seasonal naive (same weekday last week)"


class ScenarioMode(models.TextChoices):
    FLOW = "flow", "Expected values (flow model)"
    AGENTS = "agents", "One agent per person"
