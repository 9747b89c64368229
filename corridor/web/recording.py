"""Forms that record the daily work: monitoring visits, meetings, daily counts (events: `events`,
activities and trainings: `activity_forms`).

Each view parses its form, calls one service through `submitted` (refusals land on the form) and
redirects; edits go through `edit_flow.edit_page`, which merges a save made meanwhile and asks about what
both changed. Only those who may record see these forms (others get the 403 page saying why).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from corridor.accounts.choices import RecordKind
from corridor.actors.selectors import organisations_visible_to
from corridor.core.choices import Classification
from corridor.core.dates import DateSpan
from corridor.core.exceptions import NotFound
from corridor.geo.models import Place
from corridor.monitoring.choices import Concern, FindingAspect
from corridor.monitoring.models import MonitoringVisit
from corridor.monitoring.selectors import get_visit_for_user
from corridor.monitoring.services import FindingInput, log_visit, record_observation, update_visit
from corridor.monitoring.versions import VISITS
from corridor.operations.services import (
    ActionPointInput,
    record_meeting,
)
from corridor.web.edit_flow import (
    describe_choice,
    describe_names,
    edit_page,
    require_may_change,
)
from corridor.web.editing import (
    event_places,
    kept_rows,
    organisations_user_records_for,
    recordable_places,
    require_may_record,
    slugs_of,
    submitted,
    with_hidden,
)
from corridor.web.forms import (
    ActionPointFormSet,
    DailyCountForm,
    FindingFormSet,
    MeetingForm,
    VisitForm,
    offer_classification,
)
from corridor.web.history import restore_page


def _findings(formset: Any) -> list[FindingInput]:
    return [
        FindingInput(f["aspect"], f["concern"], f["text"], uid=f.get("uid") or None)
        for f in kept_rows(formset)
    ]


@login_required
def record(request: HttpRequest) -> HttpResponse:
    """Where a focal point starts recording."""
    return render(request, "web/record.html", {"operations": organisations_user_records_for(request.user)})


def _visit_form(request: HttpRequest, data: Any = None, initial: Any = None) -> VisitForm:
    operations = organisations_user_records_for(request.user).filter(kind="osce_field_operation")
    form = VisitForm(data, initial=initial, operations=operations, places=recordable_places(request.user))
    chosen = form.initial.get("operation")
    offer_classification(
        form,
        user=request.user,
        owners=operations,
        kind=RecordKind.VISIT,
        current=(initial or {}).get("classification", ""),
        default_owner=operations.filter(slug=chosen).first() if chosen else None,
    )
    return form


class VisitEditing:
    """How a visit's state fills its form and comes back as changes (see `edit_flow`)."""

    kind = VISITS
    noun = "visit"

    def form(self, request: HttpRequest, record: MonitoringVisit, data: Any, initial: dict[str, Any]) -> Any:
        return _visit_form(request, data, {**initial, "operation": record.operation.slug})

    def formsets(self, request: HttpRequest, data: Any, rows: dict[str, Any]) -> list[tuple[str, Any]]:
        return [("Findings", FindingFormSet(data, prefix="findings", initial=rows.get("findings", [])))]

    def initial(self, request: HttpRequest, state: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        initial = {
            "places": slugs_of(Place, state["places"]),
            "date": state["date"],
            "team": state["team"],
            "overnight": state["overnight"],
            "purpose": state["purpose"],
            "follow_up": state["follow_up"],
            "classification": state["classification"],
        }
        return initial, {"findings": [dict(row) for row in state["findings"]]}

    def changes(
        self, request: HttpRequest, record: MonitoringVisit, form: Any, formsets: Any
    ) -> dict[str, Any]:
        data = form.cleaned_data
        return {
            "places": with_hidden(data["places"], record.places.all(), recordable_places(request.user)),
            "span": data["date"],
            "team": data["team"],
            "overnight": data["overnight"],
            "purpose": data["purpose"],
            "follow_up": data["follow_up"],
            "classification": data["classification"],
            "findings": _findings(formsets[0][1]),
        }

    def save(
        self, request: HttpRequest, record: MonitoringVisit, version: int | None, changes: dict[str, Any]
    ) -> Any:
        return update_visit(actor=request.user, visit=record, expected_version=version, **changes)

    def describe(self, request: HttpRequest, part: str, value: Any) -> str:
        if part == "places":
            return describe_names(Place, request, value)
        if part == "overnight":
            return {True: "Yes", False: "No"}.get(value, "Not recorded")
        if part == "classification":
            return describe_choice(Classification.choices, value)
        if part == "findings.aspect":
            return describe_choice(FindingAspect.choices, value)
        if part == "findings.concern":
            return describe_choice(Concern.choices, value)
        if part == "findings" and isinstance(value, dict):
            aspect = describe_choice(FindingAspect.choices, value.get("aspect"))
            concern = describe_choice(Concern.choices, value.get("concern"))
            return f"{aspect}, {concern}: {value.get('text', '')}"
        if part == "date" and value:
            return DateSpan.parse(value).text()
        return str(value) if value not in (None, "") else "—"

    def done(self, record: MonitoringVisit) -> HttpResponse:
        return redirect("web:visit", record.slug)

    def title(self, record: MonitoringVisit) -> str:
        return f"Edit the visit of {record.span.text()}"

    def cancel_url(self, record: MonitoringVisit) -> str:
        return reverse("web:visit", args=[record.slug])


@login_required
def visit_new(request: HttpRequest) -> HttpResponse:
    require_may_record(request)
    form = _visit_form(request, request.POST or None, initial={"operation": request.GET.get("operation")})
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
    require_may_change(request, visit, owner=visit.owner, noun="visit")
    return edit_page(request, VisitEditing(), visit)


@login_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    require_may_record(request)
    visible = organisations_visible_to(request.user)
    owners = organisations_user_records_for(request.user)
    form = MeetingForm(
        request.POST or None, owners=owners, organisations=visible, places=event_places(request.user)
    )
    offer_classification(form, user=request.user, owners=owners, kind=RecordKind.MEETING)
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
    """Quick daily-count entry for a site; its classification is shown, starting at the owner's default."""
    require_may_record(request)
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
    offer_classification(form, user=request.user, owners=owners, kind=RecordKind.OBSERVATION)
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
                classification=data["classification"],
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


@login_required
def visit_restore(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    """Restore an earlier version of a visit as a new version."""
    try:
        visit = get_visit_for_user(request.user, slug=slug)
    except NotFound:
        raise Http404("no such visit") from None
    return restore_page(request, VisitEditing(), visit, version)
