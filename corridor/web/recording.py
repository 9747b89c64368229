"""Forms that record the daily work: monitoring visits, meetings, daily counts (events: `events`,
activities and trainings: `activity_forms`).

Each view parses its form, calls one service through `submitted` (refusals land on the form) and
redirects; edits go through `submitted_change`, which shows both versions when someone saved first.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from corridor.actors.selectors import organisations_visible_to
from corridor.core.exceptions import NotFound
from corridor.monitoring.models import MonitoringVisit
from corridor.monitoring.selectors import get_visit_for_user
from corridor.monitoring.services import FindingInput, log_visit, record_observation, update_visit
from corridor.operations.services import (
    ActionPointInput,
    record_meeting,
)
from corridor.web.editing import (
    event_places,
    kept_rows,
    organisations_user_records_for,
    recordable_places,
    submitted,
    submitted_change,
)
from corridor.web.forms import (
    ActionPointFormSet,
    DailyCountForm,
    FindingFormSet,
    MeetingForm,
    VisitForm,
)

VISIT_FIELDS = ("date", "team", "purpose", "follow_up", "classification")


def _findings(formset: Any) -> list[FindingInput]:
    return [FindingInput(f["aspect"], f["concern"], f["text"]) for f in kept_rows(formset)]


@login_required
def record(request: HttpRequest) -> HttpResponse:
    """Where a focal point starts recording."""
    return render(request, "web/record.html", {"operations": organisations_user_records_for(request.user)})


def _visit_form(request: HttpRequest, initial: Any = None) -> VisitForm:
    operations = organisations_user_records_for(request.user).filter(kind="osce_field_operation")
    return VisitForm(
        request.POST or None, initial=initial, operations=operations, places=recordable_places(request.user)
    )


def _visit_fields(visit: MonitoringVisit) -> dict[str, Any]:
    return {
        "operation": visit.operation.slug,
        "places": [p.slug for p in visit.places.all()],
        "date": visit.span.code,
        "team": visit.team,
        "overnight": visit.overnight,
        "purpose": visit.purpose,
        "follow_up": visit.follow_up,
        "classification": visit.classification,
        "version": visit.version,
    }


@login_required
def visit_new(request: HttpRequest) -> HttpResponse:
    form = _visit_form(request, initial={"operation": request.GET.get("operation")})
    findings = FindingFormSet(request.POST or None, prefix="findings")
    if request.method == "POST" and form.is_valid() and findings.is_valid():
        data = form.cleaned_data
        visit = submitted(
            form,
            lambda: log_visit(
                actor=request.user,
                operation=data["operation"],
                places=list(data["places"]),
                span=data["date"],
                team=data["team"],
                overnight=data["overnight"],
                purpose=data["purpose"],
                findings=_findings(findings),
                follow_up=data["follow_up"],
                classification=data["classification"],
            ),
            refused_field="operation",
        )
        if visit is not None:
            messages.success(request, "Visit recorded; it is on the timeline.")
            return redirect("web:visit", visit.slug)
    return render(
        request,
        "web/form.html",
        {"form": form, "formsets": [("Findings", findings)], "title": "Record a monitoring visit"},
    )


@login_required
def visit_edit(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        visit = get_visit_for_user(request.user, slug=slug)
    except NotFound:
        raise Http404("no such visit") from None
    form = _visit_form(request, initial=_visit_fields(visit))
    findings = FindingFormSet(
        request.POST or None,
        prefix="findings",
        initial=[
            {"aspect": f.aspect, "concern": f.concern, "text": f.text}
            for f in visit.findings.order_by("position")
        ],
    )
    conflict = None
    if request.method == "POST" and form.is_valid() and findings.is_valid():
        data = form.cleaned_data

        def saved() -> tuple[dict[str, Any], int]:
            visit.refresh_from_db()
            return {name: _visit_fields(visit)[name] for name in VISIT_FIELDS}, visit.version

        changed, conflict = submitted_change(
            form,
            lambda: update_visit(
                actor=request.user,
                visit=visit,
                expected_version=data["version"],
                places=list(data["places"]),
                span=data["date"],
                team=data["team"],
                overnight=data["overnight"],
                purpose=data["purpose"],
                follow_up=data["follow_up"],
                classification=data["classification"],
                findings=_findings(findings),
            ),
            mine={name: request.POST.get(name) for name in VISIT_FIELDS},
            saved=saved,
        )
        if changed is not None:
            messages.success(request, "Visit saved.")
            return redirect("web:visit", visit.slug)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "formsets": [("Findings", findings)],
            "conflict": conflict,
            "title": f"Edit the visit of {visit.span.text()}",
        },
    )


@login_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    visible = organisations_visible_to(request.user)
    form = MeetingForm(
        request.POST or None,
        owners=organisations_user_records_for(request.user),
        organisations=visible,
        places=event_places(request.user),
    )
    points = ActionPointFormSet(request.POST or None, prefix="points", form_kwargs={"organisations": visible})
    if request.method == "POST" and form.is_valid() and points.is_valid():
        data = form.cleaned_data
        meeting = submitted(
            form,
            lambda: record_meeting(
                actor=request.user,
                owner=data["owner"],
                title=data["title"],
                span=data["date"],
                convenor=data["convenor"],
                participants=list(data["participants"]),
                recurrence=data["recurrence"],
                place=data["place"],
                agenda=data["agenda"],
                decisions=form.decision_texts(),
                action_points=[
                    ActionPointInput(p["text"], p["responsible"], p["due"], p["status"])
                    for p in kept_rows(points)
                ],
                classification=data["classification"],
            ),
            refused_field="owner",
        )
        if meeting is not None:
            messages.success(request, "Meeting recorded; it is on the timeline.")
            return redirect("web:meeting", meeting.slug)
    return render(
        request,
        "web/form.html",
        {"form": form, "formsets": [("Action points", points)], "title": "Record a coordination meeting"},
    )


@login_required
def count_new(request: HttpRequest) -> HttpResponse:
    """Quick daily-count entry for a site."""
    owners = organisations_user_records_for(request.user)
    first = owners.first()
    initial = {
        "place": request.GET.get("place"),
        "owner": first.slug if first else None,
        "source_organisation": "unhcr",
    }
    form = DailyCountForm(
        request.POST or None,
        initial=initial,
        owners=owners,
        places=recordable_places(request.user),
        sources=organisations_visible_to(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = submitted(
            form,
            lambda: record_observation(
                actor=request.user,
                owner=data["owner"],
                place=data["place"],
                metric=data["metric"],
                span=data["date"],
                value=None if data["not_available"] else data["value"],
                value_status="not_available" if data["not_available"] else "reported",
                source_organisation=data["source_organisation"],
            ),
            refused_field="owner",
        )
        if outcome is not None:
            said = {
                "created": "Count recorded.",
                "revised": "Count revised; the earlier figure is kept.",
                "unchanged": "That count was already recorded.",
            }[outcome.outcome]
            messages.success(request, said)
            return redirect(reverse("web:count_new") + f"?place={data['place'].slug}")
    return render(request, "web/form.html", {"form": form, "title": "Enter a daily count"})
