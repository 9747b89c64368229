"""Import a partner's spreadsheet (as a job, with its error report) and export records in a standard."""

from __future__ import annotations

import csv
import io
from typing import Any
from uuid import UUID

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from corridor.accounts.models import User
from corridor.exchange.choices import ExportFormat, ImportKind, ImportMode
from corridor.exchange.jobs import IMPORT_JOB, import_job_params
from corridor.exchange.report import REPORT_HEADER
from corridor.exchange.selectors import column_mappings_visible_to
from corridor.exchange.services import UploadTooLarge, export_records, stage_upload, upload_limit_bytes
from corridor.jobs.selectors import jobs_visible_to
from corridor.jobs.services import submit_job
from corridor.web.editing import require_may_import

CONTENT_TYPES = {
    "hxl": ("text/csv; charset=utf-8", "csv"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "json": ("application/json", "json"),
}


class UploadForm(forms.Form):
    file = forms.FileField(help_text="CSV or XLSX; a row of HXL hashtags under the header is recognised.")
    kind = forms.ChoiceField(choices=ImportKind.choices)
    mapping = forms.ChoiceField(
        required=False, help_text="A saved column mapping, when the headers are not HXL."
    )
    mode = forms.ChoiceField(choices=ImportMode.choices, initial=ImportMode.ALL_OR_NOTHING)
    dry_run = forms.BooleanField(required=False, initial=True, label="Check only (write nothing)")

    def __init__(self, *args: object, mappings: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["mapping"].choices = [("", "None: HXL hashtags or Corridor's own headers"), *mappings]  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        """Refuse a file over the import size limit before it is staged (`stage_upload` checks again)."""
        upload = self.cleaned_data["file"]
        limit = upload_limit_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                f"{upload.name} is {upload.size:,} bytes, over the upload limit of {limit:,} bytes: "
                "split it into smaller files"
            )
        return upload


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """Stage an uploaded file and import it as a job; the job page shows the report and its errors."""
    if request.method == "POST":
        require_may_import(request)
    mappings = [(m.slug, m.name) for m in column_mappings_visible_to(request.user)]
    form = UploadForm(request.POST or None, request.FILES or None, mappings=mappings)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload_file = data["file"]
        try:
            path = stage_upload(stream=upload_file, file_name=upload_file.name)
        except UploadTooLarge as too_large:
            form.add_error("file", str(too_large))
            return render(
                request,
                "web/exchange.html",
                {"form": form, "formats": ExportFormat.choices, "kinds": ImportKind.choices},
            )
        user = request.user
        assert isinstance(user, User)  # login_required
        job = submit_job(
            kind=IMPORT_JOB,
            submitted_by=user,
            params=import_job_params(
                path=path,
                file_name=upload_file.name,
                kind=data["kind"],
                mapping=data["mapping"] or None,
                mode=data["mode"],
                dry_run=data["dry_run"],
            ),
        )
        return redirect("web:job", job.uid)
    return render(
        request,
        "web/exchange.html",
        {"form": form, "formats": ExportFormat.choices, "kinds": ImportKind.choices},
    )


@login_required
def error_report(request: HttpRequest, uid: UUID) -> HttpResponse:
    """The errors of an import job as a CSV: row, column, value, reason."""
    job = jobs_visible_to(request.user).filter(uid=uid, kind=IMPORT_JOB).first()
    if job is None:
        raise Http404("no such import")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(REPORT_HEADER)
    writer.writerows(job.result.get("errors", []))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-errors-{uid}.csv"'
    return response


def export(request: HttpRequest) -> HttpResponse:
    """Download the records the reader may see as HXL, CSV, XLSX or JSON."""
    kind, chosen = request.GET.get("kind", ""), request.GET.get("format", "hxl")
    if kind not in ImportKind.values or chosen not in ExportFormat.values:
        return redirect("web:exchange")
    content_type, suffix = CONTENT_TYPES[chosen]
    response = HttpResponse(content_type=content_type)
    export_records(user=request.user, kind=kind, format=chosen, stream=response)  # type: ignore[arg-type]
    response["Content-Disposition"] = f'attachment; filename="corridor-{kind}.{suffix}"'
    return response
