"""What the job page and the job list say of a job: what it is about, what came of it, what it produced.

Built from the job's status, parameters and result alone (no query), so a list of jobs is described with
the queries that list it. Words only, as people say them: never a field name, a Python value or a code.
Where a job's output has a page or a file, a `Link` names it; the web interface knows its address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from django.utils.dateformat import format as format_date

from corridor.core.exceptions import NotFound, ValidationFailed
from corridor.exchange.choices import ImportKind, ImportMode
from corridor.exchange.jobs import IMPORT_JOB
from corridor.forecasting.closures import resolve_closure
from corridor.forecasting.jobs import FORECAST_JOB, SCENARIO_JOB
from corridor.forecasting.routes import RouteModel, SeriesKey, route_model_for
from corridor.jobs.choices import JobStatus
from corridor.jobs.models import Job
from corridor.jobs.services import UNEXPECTED
from corridor.reports.choices import OutputFormat, ReportKind
from corridor.reports.jobs import JOB_KIND as REPORT_JOB

ERRORS_SHOWN = 200


class Target(StrEnum):
    """What a link leads to."""

    ERROR_REPORT = "error report"  # an import job's errors as CSV (key: the job)
    REPORTS = "reports"  # the Reports page
    REPORT_FILE = "report file"  # a report in one format (key: the report, format)
    SCENARIO = "scenario"  # a scenario's page (key: the run)
    PLACE = "place"  # a place's page (key: its slug)
    RUN_DATA = "run data"  # a forecast run as data (key: the run)


@dataclass(frozen=True)
class Link:
    label: str
    target: Target
    key: str = ""
    format: str = ""


@dataclass(frozen=True)
class Outcome:
    """A job in words. `headline` is what came of it ("Refused: 2 errors, nothing written"), or "Queued"
    and "Running" until it ends; `state` says more while it waits or runs."""

    headline: str
    subject: str
    state: str = ""
    details: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    errors: tuple[tuple[str, str, str, str], ...] = ()
    more_errors: int = 0
    running: bool = False


def describe(job: Job, *, worker_running: bool) -> Outcome:
    """`job` in words; `worker_running` says whether a queued job will be taken up."""
    subject = _subject(job)
    if job.status == JobStatus.QUEUED:
        waiting = "Waiting for a free worker" if worker_running else "Waiting for a worker: none is running"
        return Outcome("Queued", subject, f"{waiting}.", _earlier(job), running=True)
    if job.status == JobStatus.RUNNING:
        return Outcome("Running", subject, job.message, running=True)
    if job.status == JobStatus.FAILED:
        return Outcome(f"Failed: {_failure(job)}", subject)
    describer = _DESCRIBERS.get(job.kind)
    if describer is None:
        return Outcome("Refused" if job.status == JobStatus.REFUSED else "Done", subject)
    return describer(job, subject, job.result or {})


def _earlier(job: Job) -> tuple[str, ...]:
    """What an earlier attempt left to say (a job queued again after its worker stopped)."""
    return (_sentence(job.message),) if job.message else ()


def _failure(job: Job) -> str:
    reason = job.message if job.message and job.message != "failed" else UNEXPECTED
    return reason[:1].lower() + reason[1:] if reason[1:2].islower() else reason


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "…", "!", "?")) else f"{text}."


def _count(number: int, noun: str, plural: str = "") -> str:
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


def _day(value: str | None) -> str:
    if not value:
        return ""
    try:
        return format_date(date.fromisoformat(value), "j F Y")
    except ValueError:
        return ""


# Subjects: the file, report, forecast or scenario a job is about.


def _subject(job: Job) -> str:
    params, result = job.params or {}, job.result or {}
    if job.kind == IMPORT_JOB:
        what = _label(ImportKind, params.get("kind"))
        return f"{params.get('file_name', 'A file')}" + (f" — {what.lower()}" if what else "")
    if job.kind == REPORT_JOB:
        return _report_subject(params.get("request", {}), result)
    if job.kind == FORECAST_JOB:
        series = _series(job, str(params.get("place")))
        horizon = params.get("horizon")
        named = series.label if series else "Arrivals"
        return f"{named}, {_count(int(horizon), 'day')} ahead" if horizon else named
    if job.kind == SCENARIO_JOB:
        start, days = _day(params.get("start")), params.get("days")
        closed = _closure_label(job, str(params.get("close", "")))
        return (
            f"Closing {closed}"
            + (f" from {start}" if start else "")
            + (f" for {_count(int(days), 'day')}" if days else "")
        )
    return ""


def _report_subject(asked: dict[str, Any], result: dict[str, Any]) -> str:
    kind = _label(ReportKind, asked.get("kind")) or "Report"
    if result.get("reference"):
        return f"{kind} {result['reference']}, version {result.get('version', 1)}"
    start, end = _day(asked.get("start")), _day(asked.get("end"))
    return f"{kind}, {start} to {end}" if start and end else kind


def _label(choices: Any, value: object) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return ""


def _route(job: Job) -> RouteModel | None:
    """The route a forecasting job ran on, as its submitter may see it (None once hidden or gone)."""
    try:
        return route_model_for(job.submitted_by, (job.params or {}).get("route"))
    except NotFound:
        return None


def _series(job: Job, key: str) -> SeriesKey | None:
    route = _route(job)
    return route.series.get(key) if route is not None else None


def _closure_label(job: Job, key: str) -> str:
    route = _route(job)
    try:
        return resolve_closure(route, key).label if route is not None else "a border"
    except (ValueError, ValidationFailed):
        return "a border"


# What came of each kind of job, once it ended.


def _import_outcome(job: Job, subject: str, result: dict[str, Any]) -> Outcome:
    rows, errors = int(result.get("rows_read", 0)), int(result.get("error_count", 0))
    created, revised, updated = (int(result.get(key, 0)) for key in ("created", "revised", "updated"))
    unchanged, written = int(result.get("unchanged", 0)), created + revised + updated
    changes = ", ".join(
        f"{number:,} {word}"
        for number, word in ((created, "new"), (revised, "revised"), (updated, "updated"))
        if number
    )
    all_or_nothing = result.get("mode", ImportMode.ALL_OR_NOTHING) == ImportMode.ALL_OR_NOTHING
    details: list[str] = []
    if result.get("dry_run"):
        if errors:
            headline = f"Checked: {_count(errors, 'error')}"
            if all_or_nothing:
                details.append("The file would be refused: it is written only when every row is valid.")
            elif written:
                details.append(
                    f"{_count(written, 'row')} would be written ({changes}); the rows with errors would not."
                )
        else:
            headline = f"Checked (dry run): {_count(written, 'row')} would be written, nothing written"
            if changes:
                details.append(f"It would write {changes}.")
        details.append(
            "Nothing was written: this was a check. Upload it again without “Check only” to import it."
        )
    elif job.status == JobStatus.REFUSED:
        headline = f"Refused: {_count(errors, 'error')}, nothing written"
        if all_or_nothing:
            details.append("All or nothing: a file is written only when every row is valid.")
        details.append("Correct the rows the error report names, then upload the file again.")
    else:
        parts = [_count(rows, "row"), f"{written:,} written" + (f" ({changes})" if changes else "")]
        if unchanged:
            parts.append(f"{unchanged:,} unchanged")
        if errors:
            parts.append(f"{int(result.get('refused_rows', 0)) or errors:,} refused with errors")
        headline = "Imported: " + ", ".join(parts)
    mode = _label(ImportMode, result.get("mode"))
    if mode:
        details.append(f"Mode: {mode[:1].lower()}{mode[1:]}.")
    ignored = [str(column) for column in result.get("ignored_columns") or []]
    if ignored:
        details.append(f"Columns not read: {', '.join(ignored)}.")
    kept = [tuple(str(cell) for cell in error) for error in result.get("errors") or []]
    return Outcome(
        headline,
        subject,
        details=tuple(details),
        links=(Link("Download the error report (CSV)", Target.ERROR_REPORT, str(job.uid)),) if errors else (),
        errors=tuple(
            (row or "file", column, value, reason) for row, column, value, reason in kept[:ERRORS_SHOWN]
        ),
        more_errors=max(errors - min(len(kept), ERRORS_SHOWN), 0),
    )


def _report_outcome(job: Job, subject: str, result: dict[str, Any]) -> Outcome:
    run = str(result.get("run", ""))
    formats = [
        value
        for value in result.get("formats") or job.params.get("formats") or []
        if value in OutputFormat.values
    ]
    links = [Link("Open Reports", Target.REPORTS)]
    links += [
        Link(f"Download {_label(OutputFormat, value)}", Target.REPORT_FILE, run, value) for value in formats
    ]
    return Outcome("Report ready", subject, links=tuple(links) if run else ())


def _forecast_outcome(job: Job, subject: str, result: dict[str, Any]) -> Outcome:
    run = str(result.get("run", ""))
    series = _series(job, str(result.get("place") or job.params.get("place")))
    cutoff = _day(result.get("data_cutoff"))
    links = [Link("Download it as data (JSON)", Target.RUN_DATA, run)] if run else []
    if series:
        links.insert(0, Link("Open the place's page, where it is drawn", Target.PLACE, series.place))
    details = (f"From the daily counts up to {cutoff}.",) if cutoff else ()
    return Outcome("Forecast ready", subject, details=details, links=tuple(links))


def _scenario_outcome(job: Job, subject: str, result: dict[str, Any]) -> Outcome:
    run = str(result.get("run", ""))
    links = (Link("Open the scenario", Target.SCENARIO, run),) if run else ()
    return Outcome("Scenario ready", subject, links=links)


_DESCRIBERS = {
    IMPORT_JOB: _import_outcome,
    REPORT_JOB: _report_outcome,
    FORECAST_JOB: _forecast_outcome,
    SCENARIO_JOB: _scenario_outcome,
}
