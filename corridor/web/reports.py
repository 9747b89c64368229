"""Generate a report (as a job with progress) and download past reports in HTML, PDF or Word."""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from corridor.actors.selectors import field_operations_visible_to
from corridor.core.choices import Classification
from corridor.core.exceptions import NotFound
from corridor.reports.choices import CONTENT_TYPES, OutputFormat, ReportKind
from corridor.reports.jobs import submit_report
from corridor.reports.requests import ReportRequest
from corridor.reports.selectors import get_report_run_for_user, recent_runs_for
from corridor.reports.services import ensure_output
from corridor.web.editing import submitted
from corridor.web.forms import DateSpanField


class ReportForm(forms.Form):
    kind = forms.ChoiceField(choices=ReportKind.choices)
    start = DateSpanField(
        required=False,
        label="From",
        help_text="Regional, mission and update reports: 1.11.2015, November 2015, 2016.",
    )
    end = DateSpanField(required=False, label="To", help_text="The last day, month or year included.")
    operation = forms.ChoiceField(required=False, help_text="Mission background report and activity update.")
    event = forms.SlugField(required=False, help_text="Spot report: the event's slug (from the timeline).")
    classification = forms.ChoiceField(
        choices=[("", "As the content requires"), *Classification.choices],
        required=False,
        label="Marking",
        help_text="Never lower than the most protected record included.",
    )
    distribution = forms.CharField(
        required=False, initial="OSCE Permanent Council", help_text="Separate recipients with commas."
    )
    formats = forms.MultipleChoiceField(
        choices=OutputFormat.choices, initial=[OutputFormat.PDF], widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: object, operations: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["operation"].choices = [("", "—"), *operations]  # type: ignore[attr-defined]


@login_required
def reports(request: HttpRequest) -> HttpResponse:
    operations = [(o.slug, o.name) for o in field_operations_visible_to(request.user)]
    form = ReportForm(request.POST or None, operations=operations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        asked = ReportRequest(
            kind=data["kind"],
            start=data["start"].start if data["start"] else None,
            end=data["end"].end if data["end"] else None,
            operation=data["operation"],
            event=data["event"],
            classification=data["classification"],
            distribution=tuple(name.strip() for name in data["distribution"].split(",") if name.strip()),
        )
        job = submitted(
            form,
            lambda: submit_report(request=asked, reader=request.user, formats=data["formats"]),
            aliases={"from": "start", "to": "end"},
        )
        if job is not None:
            return redirect("web:job", job.uid)
    return render(
        request,
        "web/reports.html",
        {"form": form, "runs": recent_runs_for(request.user), "formats": OutputFormat.choices},
    )


@login_required
def download(request: HttpRequest, uid: UUID, output_format: str) -> HttpResponse:
    if output_format not in OutputFormat.values:
        raise Http404("no such format")
    try:
        run = get_report_run_for_user(request.user, uid=uid)
    except NotFound:
        raise Http404("no such report") from None
    output = ensure_output(run, output_format)
    response = HttpResponse(bytes(output.content), content_type=CONTENT_TYPES[OutputFormat(output_format)])
    response["Content-Disposition"] = f'attachment; filename="{output.filename}"'
    return response
