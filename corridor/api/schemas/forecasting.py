"""Forecasts, scenarios, alerts and the BRC evaluation: requests, recorded runs and their jobs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from corridor.api.inputs import (
    DateText,
    Input,
    LongText,
    RequiredText,
)
from corridor.api.schemas.common import PERSON


# The ranges below are declared for readers of the schema and checked by the services, which report every
# bad field of a request at once rather than the first one pydantic meets.
class ForecastIn(Input):
    """A forecast of one place, made from the observations the caller may see; it runs as a job."""

    place: RequiredText = Field(..., description="a route series (fyrom, serbia, …) or its place (mk, rs, …)")
    horizon: int = Field(14, description="days ahead, 1–14", json_schema_extra={"minimum": 1, "maximum": 14})
    model: LongText = Field("transit", description="transit, persistence or seasonal")
    coverage: float = Field(
        0.9,
        description="coverage of the prediction intervals, 0.5–0.99",
        json_schema_extra={"minimum": 0.5, "maximum": 0.99},
    )
    route: LongText | None = Field(
        None, description="the route's slug (default: the first route the caller reads)"
    )
    origin: DateText | None = Field(
        None, description="forecast from this day, YYYY-MM-DD (default: the latest possible)"
    )


class ScenarioIn(Input):
    """Close a border (`mk-rs`) or a link (`tabanovce>presevo`) from `start` for `days` days; a job."""

    close: RequiredText = Field(..., description="a border between two countries (mk-rs) or a link (from>to)")
    start: DateText = Field(..., description="the first day of the closure, YYYY-MM-DD")
    days: int = Field(
        28,
        description="how long the closure lasts, 1–120 days",
        json_schema_extra={"minimum": 1, "maximum": 120},
    )
    agents: bool = Field(False, description="one agent per person instead of expected values")
    route: LongText | None = Field(
        None, description="the route's slug (default: the first route the caller reads)"
    )


class RunSummaryOut(Schema):
    """A recorded run without its result."""

    uid: UUID
    kind: str
    model: str
    parameters: dict[str, Any]
    data_cutoff: date | None
    places: list[str]
    horizon: int | None
    requested_by: str | None = Field(
        ..., description="who asked for the run (null for platform runs), " + PERSON
    )
    owner: str | None
    job: UUID | None
    input_hash: str
    content_classification: str
    created_at: datetime


class RunOut(RunSummaryOut):
    """A recorded run with its result (forecast: days, forecast, lower, upper, and the recent past;
    scenario: arrivals per place per day with and without the closure, totals and diversions;
    evaluation: the error table's rows)."""

    result: dict[str, Any]


class RunJobOut(Schema):
    """A forecast or scenario request's state: queued, running (with progress), succeeded (with its run)
    or failed (with the error)."""

    uid: UUID
    kind: str
    status: str
    progress: float
    message: str
    error: str
    run: RunOut | None


class ErrorRowOut(Schema):
    place: str
    horizon: int
    days: int
    ours: float
    benchmark: float
    persistence: float
    ratio: float
    meets_goal: bool
    beats_persistence: bool


class EvaluationOut(Schema):
    """Mean absolute errors per place × horizon on the BRC window: ours, the BRC's, persistence."""

    method: str
    benchmark: str
    goal_ratio: float
    rows: list[ErrorRowOut]


class PolicyChangeOut(Schema):
    slug: str
    title: str
    when: str
    start: date


class AlertOut(Schema):
    day: date
    place: str
    label: str
    observed: float
    lower: float
    upper: float
    direction: str
    policy_change: PolicyChangeOut | None


class AlertTimingOut(Schema):
    policy_change: PolicyChangeOut
    place: str
    first_alert: date | None
    days_after: int | None
    direction: str | None
    alerts_in_window: int


class AlertsOut(Schema):
    """Days whose observed count left the forecast interval, each with the policy change nearby."""

    start: date
    end: date
    horizon: int
    coverage: float
    places: list[str]
    alerts: list[AlertOut]
    timings: list[AlertTimingOut]
    background_rate: float | None
    scored_days: int
    input_hash: str


class ClosureOut(Schema):
    key: str
    label: str
    links: list[str]
