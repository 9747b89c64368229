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
from django.utils import timezone

from corridor.accounts.choices import RecordKind
from corridor.actors.models import Organisation
from corridor.actors.selectors import organisations_visible_to
from corridor.core.choices import Classification
from corridor.core.dates import DateSpan
from corridor.core.exceptions import NotFound
from corridor.geo.models import Country, Place
from corridor.monitoring.choices import Concern, FindingAspect, Metric
from corridor.monitoring.models import FlowObservation, MonitoringVisit
from corridor.monitoring.selectors import get_visit_for_user
from corridor.monitoring.services import FindingInput, TallyLine, log_visit, record_day, update_visit
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
    TALLY_PARTS,
    ActionPointFormSet,
    FindingFormSet,
    MeetingForm,
    TallySheetForm,
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
    form.fields["places"].yours = own_place_ids(operations)  # type: ignore[attr-defined]
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


TALLY_KEPT = "corridor.tally"
"""Session key of what a tally sheet keeps for the next day entered: operation, site, day and sources used."""


def own_place_ids(owners: Any) -> set[int]:
    """The places in the countries where these organisations work (a field operation's host country)."""
    countries = {
        *owners.exclude(country=None).values_list("country", flat=True),
        *owners.exclude(field_operation=None).values_list("field_operation__host_country", flat=True),
    }
    return set(Place.objects.filter(country__in=countries).values_list("pk", flat=True))


def recent_source_ids(request: HttpRequest, owners: Any) -> list[int]:
    """Sources the user chose lately on this device, then those of their organisations' latest counts."""
    mine = list(request.session.get(TALLY_KEPT, {}).get("sources", []))
    chosen = dict(Organisation.objects.filter(slug__in=mine).values_list("slug", "pk"))
    theirs = (
        FlowObservation.objects.filter(owner__in=owners)
        .order_by("-pk")
        .values_list("source_organisation", flat=True)[:500]
    )
    return list(dict.fromkeys([*(chosen[slug] for slug in mine if slug in chosen), *theirs]))[:6]


def _tally_form(request: HttpRequest, data: Any = None) -> TallySheetForm:
    owners = organisations_user_records_for(request.user)
    kept = request.session.get(TALLY_KEPT, {})
    first = owners.first()
    form = TallySheetForm(
        data,
        initial={
            "owner": kept.get("owner") or (first.slug if first else None),
            "place": request.GET.get("place") or kept.get("place"),
            "date": kept.get("date") or timezone.localdate().isoformat(),
            "source_organisation": kept.get("source"),
        },
        owners=owners,
        places=recordable_places(request.user),
        sources=organisations_visible_to(request.user).order_by("name"),
        nationalities=Country.objects.order_by("name"),
    )
    form.fields["place"].yours = own_place_ids(owners)  # type: ignore[attr-defined]
    recent = recent_source_ids(request, owners)
    form.fields["source_organisation"].recent = recent  # type: ignore[attr-defined]
    if not form.initial.get("source_organisation") and recent:
        readable = form.fields["source_organisation"].queryset.filter(pk=recent[0])  # type: ignore[attr-defined]
        form.initial["source_organisation"] = readable.values_list("slug", flat=True).first()
    chosen = form.initial.get("owner")
    offer_classification(
        form,
        user=request.user,
        owners=owners,
        kind=RecordKind.OBSERVATION,
        default_owner=owners.filter(slug=chosen).first() if chosen else None,
    )
    return form


def _said(line: TallyLine) -> str:
    what = Metric(line.metric).label if line.metric in Metric.values else line.metric
    part = next((label.lower() for _, label, breakdown in TALLY_PARTS if breakdown == line.breakdown), "")
    if line.breakdown.nationality:
        part = (
            Country.objects.filter(code=line.breakdown.nationality).values_list("name", flat=True).first()
            or ""
        )
    value = "not available" if line.value is None else f"{line.value:,}"
    return f"{what}{f' ({part})' if part else ''}: {value}"


@login_required
def count_new(request: HttpRequest) -> HttpResponse:
    """A site's day on one sheet: each metric with its parts; source and day kept for the next entry."""
    require_may_record(request)
    form = _tally_form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        typed = form.lines_with_fields()
        outcome = submitted(
            form,
            lambda: record_day(
                actor=request.user,
                owner=data["owner"],
                place=data["place"],
                span=data["date"],
                source_organisation=data["source_organisation"],
                lines=[line for line, _ in typed],
                classification=data["classification"],
                note=data["note"],
            ),
            refused_field="owner",
            aliases={
                **{f"lines.{index}.value": name for index, (_, name) in enumerate(typed)},
                **{f"lines.{index}": name for index, (_, name) in enumerate(typed)},
            },
        )
        if outcome is not None:
            kept = request.session.get(TALLY_KEPT, {})
            source = data["source_organisation"].slug
            request.session[TALLY_KEPT] = {
                "owner": data["owner"].slug,
                "place": data["place"].slug,
                "date": data["date"].start.isoformat(),
                "source": source,
                "sources": [source, *(slug for slug in kept.get("sources", []) if slug != source)][:5],
            }
            unchanged = len(outcome.outcomes) - outcome.written
            readers = Classification(data["classification"]).label.lower()
            messages.success(
                request,
                f"Saved for {data['place'].name}, {data['date'].text()} "
                f"(source: {data['source_organisation']}; {readers}): "
                + "; ".join(_said(line) for line, _ in typed)
                + (
                    f". {unchanged} of these figures were already recorded and are unchanged."
                    if unchanged
                    else "."
                ),
            )
            return redirect(reverse("web:count_new"))
    return render(request, "web/tally.html", {"form": form, "title": "Record a site's day"})


@login_required
def visit_restore(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    """Restore an earlier version of a visit as a new version."""
    try:
        visit = get_visit_for_user(request.user, slug=slug)
    except NotFound:
        raise Http404("no such visit") from None
    return restore_page(request, VisitEditing(), visit, version)
