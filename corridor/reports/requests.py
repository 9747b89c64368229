"""What a reader asks for, checked before any work starts; the same for the CLI, the API, a page or a job."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from corridor.core.choices import Classification
from corridor.core.dates import DateSpan, DateSpanError
from corridor.core.exceptions import NotFound, ValidationFailed
from corridor.reports.choices import OutputFormat, ReportKind

if TYPE_CHECKING:
    from corridor.accounts.access import Reader

DEFAULT_DISTRIBUTION = ("OSCE Permanent Council",)
DEFAULT_WINDOW_DAYS = 14
MAX_WINDOW_DAYS = 90
MAX_PERIOD_DAYS = 366 * 5
ANONYMOUS = "anonymous public reader"
SIGNED_IN = "a signed-in reader"


@dataclass(frozen=True)
class ReportRequest:
    """A report to build: its kind, period or subject, requested marking and distribution."""

    kind: str
    start: date | None = None
    end: date | None = None
    operation: str = ""
    event: str = ""
    window_days: int = DEFAULT_WINDOW_DAYS
    classification: str = ""
    distribution: tuple[str, ...] = field(default=DEFAULT_DISTRIBUTION)

    def parameters(self, reader: Reader) -> dict[str, Any]:
        """The run's parameters, which name the report series (the reader too: content depends on it)."""
        values: dict[str, Any] = {"kind": self.kind, "reader": reader_label(reader)}
        if self.kind == ReportKind.SPOT:
            values.update(event=self.event, window_days=self.window_days)
        else:
            values.update({"from": _iso(self.start), "to": _iso(self.end)})
        if self.kind in (ReportKind.MISSION, ReportKind.UPDATE):
            values["operation"] = self.operation
        values.update(classification=self.classification, distribution=list(self.distribution))
        return values


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def reader_label(reader: Reader) -> str:
    if reader is None or not reader.is_authenticated:
        return ANONYMOUS
    return str(reader.get_username())


def parse_day(text: str, path: str) -> date:
    """A day as YYYY-MM-DD; ValidationFailed naming the field otherwise."""
    try:
        span = DateSpan.parse(text)
    except DateSpanError as error:
        raise ValidationFailed({path: [str(error)]}) from None
    if span.start != span.end:
        raise ValidationFailed({path: [f"{text!r} is not a single day: use YYYY-MM-DD"]})
    return span.start


def checked(request: ReportRequest, reader: Reader) -> ReportRequest:
    """The request with its text normalised, or ValidationFailed listing every bad field by name."""
    errors: dict[str, list[str]] = {}
    if request.kind not in ReportKind.values:
        errors["kind"] = [f"{request.kind!r} is not a report kind: one of {', '.join(ReportKind.values)}"]
        raise ValidationFailed(errors)
    if request.kind == ReportKind.SPOT:
        if not request.event:
            errors["event"] = ["a spot report needs the event's slug"]
        elif not _visible_event(reader, request.event):
            errors["event"] = [f"no event {request.event!r}"]
        if not 1 <= request.window_days <= MAX_WINDOW_DAYS:
            errors["window_days"] = [f"between 1 and {MAX_WINDOW_DAYS} days"]
    else:
        if request.start is None:
            errors["start"] = ["the first day of the period is required"]
        if request.end is None:
            errors["end"] = ["the last day of the period is required"]
        if request.start and request.end:
            if request.end < request.start:
                errors["end"] = ["the period ends before it starts"]
            elif (request.end - request.start).days > MAX_PERIOD_DAYS:
                errors["end"] = ["a report covers at most five years"]
    if request.kind in (ReportKind.MISSION, ReportKind.UPDATE):
        if not request.operation:
            errors["operation"] = ["name the field operation by its slug"]
        elif not _visible_operation(reader, request.operation):
            errors["operation"] = [f"no field operation {request.operation!r}"]
    if request.classification and request.classification not in Classification.values:
        errors["classification"] = [f"one of {', '.join(Classification.values)}"]
    distribution = tuple(" ".join(name.split()) for name in request.distribution if name.strip())
    if any(len(name) > 200 for name in distribution):
        errors["distribution"] = ["keep each addressee to 200 characters"]
    if errors:
        raise ValidationFailed(errors)
    return replace(request, distribution=distribution, operation=request.operation.strip())


def checked_formats(formats: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    unknown = [f for f in formats if f not in OutputFormat.values]
    if unknown or not formats:
        raise ValidationFailed({"formats": [f"choose from {', '.join(OutputFormat.values)}"]})
    return tuple(dict.fromkeys(formats))


def _visible_event(reader: Reader, slug: str) -> bool:
    from corridor.timeline.selectors import get_event_for_user

    try:
        get_event_for_user(reader, slug=slug)
    except NotFound:
        return False
    return True


def _visible_operation(reader: Reader, slug: str) -> bool:
    from corridor.reports.builders.common import field_operation

    try:
        field_operation(reader, slug)
    except NotFound:
        return False
    return True
