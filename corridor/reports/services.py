"""Generate reports: build as the reader, store the run under its reference and version, render files.

`generate_report` is what every interface calls (CLI, API job, a page): it checks the request, builds the
data through the visibility funnel as the reader, and then either returns the run that already holds the
same data for the same parameters (same reference, same version, same files), or issues a new version of
that reference when the data changed, or a new reference when the parameters are new.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from corridor.core.choices import Classification
from corridor.reports.builders import build
from corridor.reports.canonical import canonical_json
from corridor.reports.charts import drawing
from corridor.reports.choices import OutputFormat
from corridor.reports.models import ReportOutput, ReportRun
from corridor.reports.rendering import render
from corridor.reports.requests import ReportRequest, checked, checked_formats

if TYPE_CHECKING:
    from corridor.accounts.access import Reader

ProgressFn = Callable[[float, str], None]
_ATTEMPTS = 3
STATIC_FIGURES = {OutputFormat.PDF, OutputFormat.DOCX}  # formats whose figures are drawn as images


def _silent(fraction: float, message: str = "") -> None:
    """Progress nobody watches."""


def generate_report(
    *,
    request: ReportRequest,
    reader: Reader,
    formats: Sequence[str] = (OutputFormat.PDF,),
    progress: ProgressFn = _silent,
) -> ReportRun:
    """Build, store and render the report `request` names, holding only what `reader` may read."""
    request = checked(request, reader)
    formats = checked_formats(list(formats))
    if set(formats) & STATIC_FIGURES:
        drawing.start()  # the figures' worker starts while the records are read
    progress(0.05, "reading the records")
    data = build(request, reader)
    progress(0.4, "storing the run")
    run = _store(request, reader, canonical_json(data), data.classification)
    for index, output_format in enumerate(formats):
        progress(0.45 + 0.5 * index / len(formats), f"rendering {output_format}")
        ensure_output(run, output_format)
    progress(1.0, f"{run.reference} version {run.version}")
    return run


def _store(request: ReportRequest, reader: Reader, data: str, content_classification: str) -> ReportRun:
    parameters = request.parameters(reader)
    key = hashlib.sha256(json.dumps(parameters, sort_keys=True).encode()).hexdigest()
    digest = hashlib.sha256(data.encode("utf-8")).hexdigest()
    marking = max(
        request.classification or Classification.PUBLIC, content_classification, key=Classification.rank
    )
    for attempt in range(_ATTEMPTS):
        try:
            with transaction.atomic():
                latest = ReportRun.objects.filter(parameters_key=key).order_by("-version").first()
                if latest is not None and latest.data_hash == digest:
                    return latest
                today = timezone.localdate()
                if latest is None:
                    year = today.year
                    issued = ReportRun.objects.filter(kind=request.kind, year=year).aggregate(
                        top=Max("sequence")
                    )
                    sequence, version = (issued["top"] or 0) + 1, 1
                else:
                    year, sequence, version = latest.year, latest.sequence, latest.version + 1
                return ReportRun.objects.create(
                    uid=uuid.uuid4(),
                    kind=request.kind,
                    parameters=parameters,
                    parameters_key=key,
                    data=data,
                    data_hash=digest,
                    year=year,
                    sequence=sequence,
                    version=version,
                    classification=marking,
                    content_classification=content_classification,
                    distribution=list(request.distribution),
                    issued_on=today,
                    created_by=reader if reader is not None and reader.is_authenticated else None,
                )
        except IntegrityError:
            if attempt == _ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def ensure_output(run: ReportRun, output_format: str) -> ReportOutput:
    """The run's file in `output_format`, rendered from its stored data the first time it is asked for."""
    checked_formats([output_format])
    existing = run.outputs.filter(format=output_format).first()
    if existing is not None:
        return existing
    content = render(run, output_format)
    try:
        with transaction.atomic():
            return ReportOutput.objects.create(
                run=run,
                format=output_format,
                content=content,
                sha256=hashlib.sha256(content).hexdigest(),
                size=len(content),
            )
    except IntegrityError:
        return run.outputs.get(format=output_format)
