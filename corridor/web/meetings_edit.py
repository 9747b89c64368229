"""Changing a meeting and its action points: edit the meeting and its decisions, add an action point,
change one (text, who, due date, status) or close it from the meeting's page.

Each action point keeps its own version, so two people closing different points never collide; whoever
saves from an older version sees both versions side by side and nothing is overwritten.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from corridor.accounts.access import can_edit
from corridor.actors.selectors import organisations_visible_to
from corridor.core.exceptions import ConcurrentUpdate, NotFound
from corridor.operations.choices import ActionPointStatus
from corridor.operations.models import ActionPoint, Meeting
from corridor.operations.selectors import get_action_point_for_user, get_meeting_for_user
from corridor.operations.services import (
    ActionPointInput,
    open_action_point,
    set_action_point_status,
    update_action_point,
    update_meeting,
)
from corridor.web.editing import (
    as_text,
    differences,
    event_places,
    posted,
    submitted,
    submitted_change,
    with_hidden,
)
from corridor.web.forms import ActionPointEditForm, MeetingForm

MEETING_FIELDS = (
    "title",
    "date",
    "place",
    "convenor",
    "participants",
    "recurrence",
    "agenda",
    "decisions",
    "classification",
)
ACTION_POINT_FIELDS = ("text", "responsible", "due", "status")
DUE_ALIASES = {"date_start": "due", "date_end": "due", "date_precision": "due"}


def _changeable_meeting(request: HttpRequest, slug: str) -> Meeting:
    """The meeting if the user may read it (else 404) and change it (else 403)."""
    try:
        meeting = get_meeting_for_user(request.user, slug=slug)
    except NotFound:
        raise Http404("no such meeting") from None
    if not can_edit(request.user, owner_id=meeting.owner_id):
        raise PermissionDenied("only editors of the owning organisation change this meeting")
    return meeting


def _changeable_point(request: HttpRequest, uid: UUID) -> ActionPoint:
    try:
        point = get_action_point_for_user(request.user, uid=uid)
    except NotFound:
        raise Http404("no such action point") from None
    if not can_edit(request.user, owner_id=point.meeting.owner_id):
        raise PermissionDenied("only editors of the meeting's organisation change its action points")
    return point


def _meeting_fields(meeting: Meeting) -> dict[str, Any]:
    return {
        "title": meeting.title,
        "date": meeting.span.code,
        "place": meeting.place.slug if meeting.place else None,
        "convenor": meeting.convenor.slug if meeting.convenor else None,
        "participants": [organisation.slug for organisation in meeting.participants.all()],
        "recurrence": meeting.recurrence,
        "agenda": meeting.agenda,
        "decisions": "\n".join(meeting.decisions.order_by("position").values_list("text", flat=True)),
        "classification": meeting.classification,
        "version": meeting.version,
    }


@login_required
def meeting_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Change a meeting and its decisions; its timeline entry follows."""
    user = request.user
    meeting = _changeable_meeting(request, slug)
    organisations = organisations_visible_to(user)
    form = MeetingForm(
        request.POST or None,
        initial=_meeting_fields(meeting),
        organisations=organisations,
        places=event_places(user),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def saved() -> tuple[dict[str, Any], int]:
            meeting.refresh_from_db()
            fields = _meeting_fields(meeting)
            return {name: as_text(fields[name]) for name in MEETING_FIELDS}, meeting.version

        mine = posted(request.POST, MEETING_FIELDS, several=["participants"])
        mine["decisions"] = "\n".join(form.decision_texts())
        changed, conflict = submitted_change(
            form,
            lambda: update_meeting(
                actor=user,
                meeting=meeting,
                expected_version=data["version"],
                title=data["title"],
                span=data["date"],
                place=data["place"],
                convenor=data["convenor"],
                participants=with_hidden(data["participants"], meeting.participants.all(), organisations),
                recurrence=data["recurrence"],
                agenda=data["agenda"],
                decisions=form.decision_texts(),
                classification=data["classification"],
            ),
            mine=mine,
            saved=saved,
            aliases={"date_start": "date", "date_end": "date", "date_precision": "date"},
        )
        if changed is not None:
            messages.success(request, "Meeting saved; its timeline entry follows.")
            return redirect("web:meeting", meeting.slug)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "conflict": conflict,
            "title": f"Edit “{meeting.title}”",
            "cancel_url": reverse("web:meeting", args=[meeting.slug]),
        },
    )


@login_required
def action_point_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Add an action point to a meeting."""
    meeting = _changeable_meeting(request, slug)
    form = ActionPointEditForm(request.POST or None, organisations=organisations_visible_to(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        point = submitted(
            form,
            lambda: open_action_point(
                actor=request.user,
                meeting=meeting,
                item=ActionPointInput(data["text"], data["responsible"], data["due"], data["status"]),
            ),
        )
        if point is not None:
            messages.success(request, "Action point added.")
            return redirect("web:meeting", meeting.slug)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": f"Add an action point to “{meeting.title}”",
            "cancel_url": reverse("web:meeting", args=[meeting.slug]),
        },
    )


def _point_fields(point: ActionPoint) -> dict[str, Any]:
    return {
        "text": point.text,
        "responsible": point.responsible.slug if point.responsible else None,
        "due": point.span.code if point.span else "",
        "status": point.status,
        "version": point.version,
    }


def _point_form_page(
    request: HttpRequest, point: ActionPoint, form: ActionPointEditForm, conflict: dict[str, Any] | None
) -> HttpResponse:
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "conflict": conflict,
            "title": f"Action point of “{point.meeting.title}”",
            "cancel_url": reverse("web:meeting", args=[point.meeting.slug]),
        },
    )


def _saved_point(point: ActionPoint) -> tuple[dict[str, Any], int]:
    point.refresh_from_db()
    fields = _point_fields(point)
    return {name: as_text(fields[name]) for name in ACTION_POINT_FIELDS}, point.version


@login_required
def action_point_edit(request: HttpRequest, uid: UUID) -> HttpResponse:
    """Change an action point's text, who is responsible, its due date or its status."""
    point = _changeable_point(request, uid)
    form = ActionPointEditForm(
        request.POST or None,
        initial=_point_fields(point),
        organisations=organisations_visible_to(request.user),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changed, conflict = submitted_change(
            form,
            lambda: update_action_point(
                actor=request.user,
                action_point=point,
                expected_version=data["version"],
                text=data["text"],
                responsible=data["responsible"],
                due=data["due"],
                status=data["status"],
            ),
            mine=posted(request.POST, ACTION_POINT_FIELDS),
            saved=lambda: _saved_point(point),
            aliases=DUE_ALIASES,
        )
        if changed is not None:
            messages.success(request, "Action point saved.")
            return redirect("web:meeting", point.meeting.slug)
    return _point_form_page(request, point, form, conflict)


@require_POST
@login_required
def action_point_close(request: HttpRequest, uid: UUID) -> HttpResponse:
    """Mark an action point done from the meeting's page, from the version the page showed.

    When someone changed the point after the page was shown, nothing changes: the point's form opens with
    both versions side by side (unless they closed it too, which is what was asked).
    """
    point = _changeable_point(request, uid)
    version = request.POST.get("version", "")
    try:
        set_action_point_status(
            actor=request.user,
            action_point=point,
            status=ActionPointStatus.DONE,
            expected_version=int(version) if version.isdigit() else None,
        )
    except ConcurrentUpdate:
        theirs, current = _saved_point(point)
        if theirs["status"] == ActionPointStatus.DONE:
            messages.info(request, "Someone else closed this action point first.")
            return redirect("web:meeting", point.meeting.slug)
        rows = differences({**theirs, "status": ActionPointStatus.DONE.value}, theirs)
        form = ActionPointEditForm(
            initial={**_point_fields(point), "status": ActionPointStatus.DONE},
            organisations=organisations_visible_to(request.user),
        )
        return _point_form_page(request, point, form, {"rows": rows, "version": current})
    messages.success(request, "Action point closed.")
    return redirect("web:meeting", point.meeting.slug)
