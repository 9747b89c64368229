"""Changing a meeting and its action points: edit the meeting and its decisions, add an action point,
change one (text, who, due date, status) or close it from the meeting's page.

Each action point keeps its own version, so two people closing different points never collide; an edit
made from an older version is merged with what was saved meanwhile, and what both changed is asked about
(`edit_flow`).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from corridor.accounts.choices import RecordKind
from corridor.actors.models import Organisation
from corridor.actors.selectors import organisations_visible_to
from corridor.core.choices import Classification
from corridor.core.dates import DateSpan
from corridor.core.exceptions import ConcurrentUpdate, NotFound
from corridor.geo.models import Place
from corridor.operations.choices import ActionPointStatus, Recurrence
from corridor.operations.models import ActionPoint, Meeting
from corridor.operations.selectors import get_action_point_for_user, get_meeting_for_user
from corridor.operations.services import (
    ActionPointInput,
    open_action_point,
    set_action_point_status,
    update_action_point,
    update_meeting,
)
from corridor.operations.versions import ACTION_POINTS, MEETINGS
from corridor.web.edit_flow import describe_choice, describe_names, edit_page, require_may_change
from corridor.web.editing import event_places, slugs_of, submitted, with_hidden
from corridor.web.forms import ActionPointEditForm, MeetingForm, offer_classification
from corridor.web.history import restore_page


def _changeable_meeting(request: HttpRequest, slug: str) -> Meeting:
    """The meeting if the user may read it (else 404) and change it (else 403, saying why)."""
    try:
        meeting = get_meeting_for_user(request.user, slug=slug)
    except NotFound:
        raise Http404("no such meeting") from None
    require_may_change(request, meeting, owner=meeting.owner, noun="meeting")
    return meeting


def _changeable_point(request: HttpRequest, uid: UUID) -> ActionPoint:
    try:
        point = get_action_point_for_user(request.user, uid=uid)
    except NotFound:
        raise Http404("no such action point") from None
    require_may_change(request, point.meeting, owner=point.meeting.owner, noun="action point")
    return point


def _slug(model: Any, pk: int | None) -> str | None:
    return slugs_of(model, [pk])[0] if pk is not None and slugs_of(model, [pk]) else None


class MeetingEditing:
    """How a meeting's state fills its form and comes back as changes (see `edit_flow`)."""

    kind = MEETINGS
    noun = "meeting"

    def form(self, request: HttpRequest, record: Meeting, data: Any, initial: dict[str, Any]) -> MeetingForm:
        form = MeetingForm(
            data,
            initial=initial,
            organisations=organisations_visible_to(request.user),
            places=event_places(request.user),
        )
        offer_classification(
            form,
            user=request.user,
            owners=[record.owner],
            kind=RecordKind.MEETING,
            current=record.classification,
        )
        return form

    def formsets(self, request: HttpRequest, data: Any, rows: dict[str, Any]) -> list[tuple[str, Any]]:
        return []

    def initial(self, request: HttpRequest, state: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        return {
            "title": state["title"],
            "date": state["date"],
            "place": _slug(Place, state["place"]),
            "convenor": _slug(Organisation, state["convenor"]),
            "participants": slugs_of(Organisation, state["participants"]),
            "recurrence": state["recurrence"],
            "agenda": state["agenda"],
            "decisions": "\n".join(state["decisions"]),
            "classification": state["classification"],
        }, {}

    def changes(self, request: HttpRequest, record: Meeting, form: Any, formsets: Any) -> dict[str, Any]:
        data = form.cleaned_data
        organisations = organisations_visible_to(request.user)
        visible_places = event_places(request.user)
        return {
            "title": data["title"],
            "span": data["date"],
            # A place or convenor the editor cannot see stays as it is: the form could not show it.
            "place": data["place"] if _shown(record.place, visible_places) else record.place,
            "convenor": data["convenor"] if _shown(record.convenor, organisations) else record.convenor,
            "participants": with_hidden(data["participants"], record.participants.all(), organisations),
            "recurrence": data["recurrence"],
            "agenda": data["agenda"],
            "decisions": form.decision_texts(),
            "classification": data["classification"],
        }

    def save(
        self, request: HttpRequest, record: Meeting, version: int | None, changes: dict[str, Any]
    ) -> Any:
        return update_meeting(actor=request.user, meeting=record, expected_version=version, **changes)

    def describe(self, request: HttpRequest, part: str, value: Any) -> str:
        if part == "place":
            return describe_names(Place, request, value)
        if part in ("convenor", "participants"):
            return describe_names(Organisation, request, value)
        if part == "recurrence":
            return describe_choice(Recurrence.choices, value)
        if part == "classification":
            return describe_choice(Classification.choices, value)
        if part == "decisions":
            return "; ".join(value) if value else "—"
        if part == "date" and value:
            return DateSpan.parse(value).text()
        return str(value) if value not in (None, "", []) else "—"

    def done(self, record: Meeting) -> HttpResponse:
        return redirect("web:meeting", record.slug)

    def title(self, record: Meeting) -> str:
        return f"Edit “{record.title}”"

    def cancel_url(self, record: Meeting) -> str:
        return reverse("web:meeting", args=[record.slug])


def _shown(record: Any, visible: Any) -> bool:
    return record is None or visible.filter(pk=record.pk).exists()


@login_required
def meeting_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Change a meeting and its decisions; its timeline entry follows."""
    return edit_page(request, MeetingEditing(), _changeable_meeting(request, slug))


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


class ActionPointEditing:
    """How an action point's state fills its form and comes back as changes (see `edit_flow`)."""

    kind = ACTION_POINTS
    noun = "action point"

    def form(self, request: HttpRequest, record: ActionPoint, data: Any, initial: dict[str, Any]) -> Any:
        return ActionPointEditForm(
            data, initial=initial, organisations=organisations_visible_to(request.user)
        )

    def formsets(self, request: HttpRequest, data: Any, rows: dict[str, Any]) -> list[tuple[str, Any]]:
        return []

    def initial(self, request: HttpRequest, state: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        return {
            "text": state["text"],
            "responsible": _slug(Organisation, state["responsible"]),
            "due": state["due"] or "",
            "status": state["status"],
        }, {}

    def changes(self, request: HttpRequest, record: ActionPoint, form: Any, formsets: Any) -> dict[str, Any]:
        data = form.cleaned_data
        organisations = organisations_visible_to(request.user)
        return {
            "text": data["text"],
            "responsible": data["responsible"]
            if _shown(record.responsible, organisations)
            else record.responsible,
            "due": data["due"],
            "status": data["status"],
        }

    def save(
        self, request: HttpRequest, record: ActionPoint, version: int | None, changes: dict[str, Any]
    ) -> Any:
        return update_action_point(
            actor=request.user, action_point=record, expected_version=version, **changes
        )

    def describe(self, request: HttpRequest, part: str, value: Any) -> str:
        if part == "responsible":
            return describe_names(Organisation, request, value)
        if part == "status":
            return describe_choice(ActionPointStatus.choices, value)
        if part == "due":
            return DateSpan.parse(value).text() if value else "no due date"
        return str(value) if value not in (None, "") else "—"

    def done(self, record: ActionPoint) -> HttpResponse:
        return redirect("web:meeting", record.meeting.slug)

    def title(self, record: ActionPoint) -> str:
        return f"Action point of “{record.meeting.title}”"

    def cancel_url(self, record: ActionPoint) -> str:
        return reverse("web:meeting", args=[record.meeting.slug])


@login_required
def action_point_edit(request: HttpRequest, uid: UUID) -> HttpResponse:
    """Change an action point's text, who is responsible, its due date or its status."""
    return edit_page(request, ActionPointEditing(), _changeable_point(request, uid))


STATUS_CHANGES = {
    ActionPointStatus.DONE: ("Close this action point?", "Yes, it is done", "Action point closed."),
    ActionPointStatus.OPEN: ("Reopen this action point?", "Yes, reopen it", "Action point reopened."),
}


def _back(request: HttpRequest, point: ActionPoint) -> str:
    """Where to go after a status change: the page the user came from (on this site), else the meeting."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return wanted
    return reverse("web:meeting", args=[point.meeting.slug])


@login_required
def action_point_close(request: HttpRequest, uid: UUID) -> HttpResponse:
    """Ask, then mark an action point done (see `_set_status`)."""
    return _set_status(request, uid, ActionPointStatus.DONE)


@login_required
def action_point_reopen(request: HttpRequest, uid: UUID) -> HttpResponse:
    """Ask, then open a closed or dropped action point again."""
    return _set_status(request, uid, ActionPointStatus.OPEN)


def _set_status(request: HttpRequest, uid: UUID, status: str) -> HttpResponse:
    """GET asks (what the point is, who, when); POST changes its status from the version the page showed.

    When someone changed the point after the page was shown, the change is merged: the status is set and
    their change kept, unless they changed its status too, which is then said and nothing is done.
    """
    point = _changeable_point(request, uid)
    question, yes, done = STATUS_CHANGES[status]  # type: ignore[index]
    if request.method != "POST":
        return render(
            request,
            "web/action_point_status.html",
            {"point": point, "question": question, "yes": yes, "back": _back(request, point)},
        )
    version = request.POST.get("version", "")
    try:
        set_action_point_status(
            actor=request.user,
            action_point=point,
            status=status,
            expected_version=int(version) if version.isdigit() else None,
        )
    except ConcurrentUpdate:
        point.refresh_from_db()
        if point.status == status:
            messages.info(
                request, f"Someone else set this action point to “{point.get_status_display()}” first."
            )
        else:
            messages.info(
                request,
                "Someone changed this action point's status after you opened the page: it is "
                f"now “{point.get_status_display()}”. Nothing was changed; try again if you still want to.",
            )
        return redirect(_back(request, point))
    messages.success(request, done)
    return redirect(_back(request, point))


@login_required
def meeting_restore(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    """Restore an earlier version of a meeting (its fields, participants and decisions) as a new version."""
    try:
        meeting = get_meeting_for_user(request.user, slug=slug)
    except NotFound:
        raise Http404("no such meeting") from None
    return restore_page(request, MeetingEditing(), meeting, version)
