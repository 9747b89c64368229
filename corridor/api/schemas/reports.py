"""Report requests, their progress, and the runs they produce."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from corridor.api.inputs import (
    DateText,
    Input,
    Keys,
    LongText,
    RequiredText,
)


class ReportIn(Input):
    """A report to generate, built as the caller may see it; long runs are jobs (poll GET /reports/{uid})."""

    kind: RequiredText = Field(..., description="regional, mission, spot or update")
    start: DateText | None = Field(None, description="first day, YYYY-MM-DD (regional, mission, update)")
    end: DateText | None = Field(None, description="last day, YYYY-MM-DD (regional, mission, update)")
    operation: LongText = Field("", description="field operation slug (mission, update)")
    event: LongText = Field("", description="event slug (spot)")
    window_days: int = Field(14, description="days of context before and after the event (spot)")
    classification: LongText = Field(
        "", description="marking; never below the content's highest classification"
    )
    distribution: Keys | None = Field(None, description="addressees (default: OSCE Permanent Council)")
    formats: Keys = Field(["pdf"], description="html, pdf, docx")


class ReportRunOut(Schema):
    uid: UUID
    reference: str
    version: int
    kind: str
    classification: str
    content_classification: str
    issued_on: date
    created_at: datetime
    data_hash: str
    parameters: dict[str, Any]
    distribution: list[str]
    formats: list[str]
    downloads: dict[str, str]


class ReportStatusOut(Schema):
    """A report request's state: queued, running (with progress), succeeded (with its run) or failed."""

    uid: UUID
    status: str
    progress: float
    message: str
    error: str
    run: ReportRunOut | None
