"""Recording and editing activities and trainings (participants by sex and institution).

The edit form opens from the activity's state at its version; a save made meanwhile is merged, and what
both changed is asked about (`edit_flow`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from corridor.accounts.choices import RecordKind
from corridor.actors.models import Organisation
from corridor.actors.selectors import organisations_visible_to
from corridor.core.choices import Classification
from corridor.core.dates import DateSpan
from corridor.core.exceptions import NotFound
from corridor.geo.models import Place
from corridor.operations.choices import ActivityCategory, Funding
from corridor.operations.models import Activity
from corridor.operations.selectors import get_activity_for_user
from corridor.operations.services import ParticipationInput, TrainingInput, record_activity, update_activity
from corridor.operations.versions import ACTIVITIES
from corridor.web.edit_flow import describe_choice, describe_names, edit_page, require_may_change
from corridor.web.editing import (
    kept_rows,
    organisations_user_records_for,
    recordable_places,
    require_may_record,
    slugs_of,
    submitted,
    with_hidden,
)
from corridor.web.forms import ActivityForm, ParticipationFormSet, offer_classification
from corridor.web.history import restore_page


def _activity_form(
    request: HttpRequest, data: Any = None, initial: Any = None, lead: Any = None
) -> ActivityForm:
    leads = organisations_user_records_for(request.user)
    form = ActivityForm(
        data,
        initial=initial,
        leads=leads,
        places=recordable_places(request.user),
        partners=organisations_visible_to(request.user),
    )
    offer_classification(
        form,
        user=request.user,
        owners=[lead] if lead is not None else leads,
        kind=RecordKind.ACTIVITY,
        current=(initial or {}).get("classification", ""),
    )
    return form


def _participations(participants: Any) -> list[ParticipationInput]:
    return [
        ParticipationInput(
            total=r["total"],
            institution_name=r["institution_name"],
            female=r.get("female"),
            male=r.get("male"),
            uid=r.get("uid") or None,
        )
        for r in kept_rows(participants)
    ]


def _training(data: dict[str, Any], participants: Any) -> TrainingInput | None:
    rows = _participations(participants)
    if not data.get("training_audience") and not rows:
        return None
    return TrainingInput(
        audience=data.get("training_audience") or "not stated",
        target_total=data.get("training_target"),
        participations=rows,
    )


@login_required
def activity_new(request: HttpRequest) -> HttpResponse:
    require_may_record(request)
    form = _activity_form(request, request.POST or None)
    participants = ParticipationFormSet(request.POST or None, prefix="participants")
    if request.method == "POST" and form.is_valid() and participants.is_valid():
        data = form.cleaned_data
        activity = submitted(
            form,
            lambda: record_activity(
                actor=request.user,
                lead=data["lead"],
                title=data["title"],
                category=data["category"],
                span=data["date"],
                description=data["description"],
                funding=data["funding"],
                places=list(data["places"]),
                partners=list(data["partners"]),
                training=_training(data, participants),
                classification=data["classification"],
            ),
            refused_field="lead",
        )
        if activity is not None:
            messages.success(request, "Activity recorded.")
            return redirect("web:activity", activity.slug)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "formsets": [("Training participants", participants)],
            "title": "Record an activity or a training",
        },
    )


class ActivityEditing:
    """How an activity's state fills its form and comes back as changes (see `edit_flow`)."""

    kind = ACTIVITIES
    noun = "activity"

    def form(
        self, request: HttpRequest, record: Activity, data: Any, initial: dict[str, Any]
    ) -> ActivityForm:
        return _activity_form(request, data, {**initial, "lead": record.lead.slug}, lead=record.lead)

    def formsets(self, request: HttpRequest, data: Any, rows: dict[str, Any]) -> list[tuple[str, Any]]:
        participants = ParticipationFormSet(
            data, prefix="participants", initial=rows.get("participations", [])
        )
        return [("Training participants", participants)]

    def initial(self, request: HttpRequest, state: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        training = state["training"] or {}
        initial = {
            "title": state["title"],
            "category": state["category"],
            "date": state["date"],
            "places": slugs_of(Place, state["places"]),
            "partners": slugs_of(Organisation, state["partners"]),
            "funding": state["funding"],
            "description": state["description"],
            "classification": state["classification"],
            "training_audience": training.get("audience", ""),
            "training_target": training.get("target_total"),
        }
        names = dict(
            Organisation.objects.filter(
                pk__in=[row["institution"] for row in state["participations"] if row.get("institution")]
            ).values_list("pk", "name")
        )
        participations = [
            {
                **{key: row.get(key) for key in ("uid", "total", "female", "male")},
                "institution_name": row.get("institution_name") or names.get(row.get("institution"), ""),
            }
            for row in state["participations"]
        ]
        return initial, {"participations": participations}

    def changes(self, request: HttpRequest, record: Activity, form: Any, formsets: Any) -> dict[str, Any]:
        data = form.cleaned_data
        user = request.user
        changes: dict[str, Any] = {
            "title": data["title"],
            "category": data["category"],
            "span": data["date"],
            "description": data["description"],
            "funding": data["funding"],
            "places": with_hidden(data["places"], record.places.all(), recordable_places(user)),
            "partners": with_hidden(data["partners"], record.partners.all(), organisations_visible_to(user)),
            "classification": data["classification"],
        }
        participants = _participations(formsets[0][1])
        if data.get("training_audience") or participants or getattr(record, "training", None) is not None:
            saved = _saved_participants(record)
            # Participants recorded with an organisation or with unrecorded sexes keep what the form cannot
            # show: the form changes names, totals and counts by sex.
            changes["training_profile"] = (
                {
                    "audience": data.get("training_audience") or "not stated",
                    "target_total": data.get("training_target"),
                }
                if data.get("training_audience") or participants
                else None
            )
            changes["participations"] = [_keep_unshown(item, saved) for item in participants]
        return changes

    def save(
        self, request: HttpRequest, record: Activity, version: int | None, changes: dict[str, Any]
    ) -> Any:
        return update_activity(actor=request.user, activity=record, expected_version=version, **changes)

    def describe(self, request: HttpRequest, part: str, value: Any) -> str:
        if part in ("places",):
            return describe_names(Place, request, value)
        if part in ("partners",):
            return describe_names(Organisation, request, value)
        if part == "category":
            return describe_choice(ActivityCategory.choices, value)
        if part == "funding":
            return describe_choice(Funding.choices, value)
        if part == "classification":
            return describe_choice(Classification.choices, value)
        if part == "training":
            return (
                f"{value['audience']} (target {value.get('target_total') or '—'})" if value else "no training"
            )
        if part == "participations" and isinstance(value, dict):
            return f"{value.get('institution_name') or '—'}: {value.get('total')}"
        if part == "date" and value:
            return DateSpan.parse(value).text()
        return str(value) if value not in (None, "", []) else "—"

    def done(self, record: Activity) -> HttpResponse:
        return redirect("web:activity", record.slug)

    def title(self, record: Activity) -> str:
        return f"Edit “{record.title}”"

    def cancel_url(self, record: Activity) -> str:
        return reverse("web:activity", args=[record.slug])


def _saved_participants(record: Activity) -> dict[str, Any]:
    training = getattr(record, "training", None)
    return {str(p.uid): p for p in training.participations.all()} if training is not None else {}


def _keep_unshown(item: ParticipationInput, saved: dict[str, Any]) -> ParticipationInput:
    stored = saved.get(item.uid or "")
    if stored is None:
        return item
    named_by_institution = (
        stored.institution is not None
        and not stored.institution_name
        and item.institution_name == stored.institution.name
    )
    return ParticipationInput(
        total=item.total,
        institution=stored.institution,
        institution_name="" if named_by_institution else item.institution_name,
        female=item.female,
        male=item.male,
        sex_not_recorded=stored.sex_not_recorded,
        uid=item.uid,
    )


@login_required
def activity_edit(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        activity = get_activity_for_user(request.user, slug=slug)
    except NotFound:
        raise Http404("no such activity") from None
    require_may_change(request, activity, owner=activity.owner, noun="activity")
    return edit_page(request, ActivityEditing(), activity)


@login_required
def activity_restore(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    """Restore an earlier version of an activity as a new version."""
    try:
        activity = get_activity_for_user(request.user, slug=slug)
    except NotFound:
        raise Http404("no such activity") from None
    return restore_page(request, ActivityEditing(), activity, version)
