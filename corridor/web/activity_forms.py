"""Recording and editing activities and trainings (participants by sex and institution).

The edit form carries the version it started from; when someone saved first, both versions are shown.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from corridor.actors.selectors import organisations_visible_to
from corridor.core.exceptions import NotFound
from corridor.operations.models import Activity
from corridor.operations.selectors import get_activity_for_user
from corridor.operations.services import ParticipationInput, TrainingInput, record_activity, update_activity
from corridor.web.editing import (
    kept_rows,
    organisations_user_records_for,
    recordable_places,
    submitted,
    submitted_change,
)
from corridor.web.forms import ActivityForm, ParticipationFormSet

ACTIVITY_FIELDS = ("title", "category", "date", "description", "funding")


def _activity_form(request: HttpRequest, initial: Any = None) -> ActivityForm:
    return ActivityForm(
        request.POST or None,
        initial=initial,
        leads=organisations_user_records_for(request.user),
        places=recordable_places(request.user),
        partners=organisations_visible_to(request.user),
    )


def _activity_fields(activity: Activity) -> dict[str, Any]:
    return {
        "lead": activity.lead.slug,
        "title": activity.title,
        "category": activity.category,
        "date": activity.span.code,
        "description": activity.description,
        "funding": activity.funding,
        "places": [p.slug for p in activity.places.all()],
        "partners": [p.slug for p in activity.partners.all()],
        "classification": activity.classification,
        "version": activity.version,
    }


def _training(data: dict[str, Any], participants: Any) -> TrainingInput | None:
    rows = kept_rows(participants)
    if not data.get("training_audience") and not rows:
        return None
    return TrainingInput(
        audience=data.get("training_audience") or "not stated",
        target_total=data.get("training_target"),
        participations=[
            ParticipationInput(
                total=r["total"],
                institution_name=r["institution_name"],
                female=r.get("female"),
                male=r.get("male"),
            )
            for r in rows
        ],
    )


@login_required
def activity_new(request: HttpRequest) -> HttpResponse:
    form = _activity_form(request)
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


@login_required
def activity_edit(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        activity = get_activity_for_user(request.user, slug=slug)
    except NotFound:
        raise Http404("no such activity") from None
    form = _activity_form(request, initial=_activity_fields(activity))
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def saved() -> tuple[dict[str, Any], int]:
            activity.refresh_from_db()
            return {name: _activity_fields(activity)[name] for name in ACTIVITY_FIELDS}, activity.version

        changed, conflict = submitted_change(
            form,
            lambda: update_activity(
                actor=request.user,
                activity=activity,
                expected_version=data["version"],
                title=data["title"],
                category=data["category"],
                span=data["date"],
                description=data["description"],
                funding=data["funding"],
                places=list(data["places"]),
                partners=list(data["partners"]),
                classification=data["classification"],
            ),
            mine={name: request.POST.get(name) for name in ACTIVITY_FIELDS},
            saved=saved,
        )
        if changed is not None:
            messages.success(request, "Activity saved.")
            return redirect("web:activity", activity.slug)
    return render(
        request, "web/form.html", {"form": form, "conflict": conflict, "title": f"Edit “{activity.title}”"}
    )
