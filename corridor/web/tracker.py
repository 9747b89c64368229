"""The recommendations tracker: every recommendation with its status, follow-ups and the work that answers
it; a recommendation's page, where an editor links an activity or event of their organisation, or unlinks
one."""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Refused
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from corridor.accounts.access import may_change, may_record, recording_organisation_ids
from corridor.basis.selectors import responses_visible_to, tracker_for
from corridor.basis.services import link_response, unlink_response
from corridor.core.exceptions import PermissionDenied
from corridor.knowledge.choices import RecommendationStatus
from corridor.knowledge.models import Recommendation
from corridor.knowledge.selectors import follow_ups_visible_to, recommendations_visible_to
from corridor.operations.selectors import activities_visible_to
from corridor.timeline.selectors import events_visible_to
from corridor.web.editing import submitted
from corridor.web.search_page import record_url


class ResponseForm(forms.Form):
    """Which activity or event of the user's organisations answers the recommendation, and how."""

    answer = forms.ChoiceField(label="Activity or event that answers it")
    note = forms.CharField(
        label="How it answers the recommendation", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, activities: list[Any], events: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.records = {f"activity:{a.slug}": a for a in activities} | {f"event:{e.slug}": e for e in events}
        self.fields["answer"].choices = [  # type: ignore[attr-defined]
            ("", "Choose one"),
            ("Activities", [(f"activity:{a.slug}", a.title) for a in activities]),
            ("Events", [(f"event:{e.slug}", e.title) for e in events]),
        ]


def _may_link(user: Any) -> bool:
    return may_record(user)


def _answerable(user: Any) -> tuple[list[Any], list[Any]]:
    """The activities and events the user may change, hence say what they answer."""
    activities, events = activities_visible_to(user), events_visible_to(user)
    recording = recording_organisation_ids(user)
    if recording is not None:
        owners = sorted(recording)
        activities, events = activities.filter(owner_id__in=owners), events.filter(owner_id__in=owners)
    return list(activities.order_by("title")), list(events.order_by("-date_start", "title"))


def _recommendation(request: HttpRequest, slug: str) -> Recommendation:
    found = recommendations_visible_to(request.user).filter(slug=slug).first()
    if found is None:
        raise Http404("no such recommendation")
    return found


def recommendations(request: HttpRequest) -> HttpResponse:
    """Every recommendation the reader may see, by issuer: status, follow-ups, and the answers."""
    user = request.user
    status = request.GET.get("status", "")
    found = recommendations_visible_to(user).order_by("issuer__name", "slug")
    if status in RecommendationStatus.values:
        found = found.filter(status=status)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    shown = [recommendation.pk for recommendation in page]
    follow_ups: dict[int, list[Any]] = defaultdict(list)
    for follow_up in follow_ups_visible_to(user).filter(recommendation_id__in=shown):
        follow_ups[follow_up.recommendation_id].append(follow_up)
    answers: dict[int, list[Any]] = defaultdict(list)
    for response in (
        responses_visible_to(user).filter(recommendation_id__in=shown).order_by("linked_at", "id")
    ):
        answers[response.recommendation_id].append(response)
    return render(
        request,
        "web/tracker.html",
        {
            "page": page,
            "rows": [(r, follow_ups[r.pk], answers[r.pk]) for r in page],
            "statuses": RecommendationStatus.choices,
            "status": status,
        },
    )


def recommendation(request: HttpRequest, slug: str) -> HttpResponse:
    """One recommendation's tracker; a POST (an editor) links an activity or event that answers it."""
    user = request.user
    found = _recommendation(request, slug)
    form = None
    if _may_link(user):
        activities, events = _answerable(user)
        form = ResponseForm(request.POST or None, activities=activities, events=events)
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        if form is None:
            raise Refused("only an editor may say what answers a recommendation")
        if form.is_valid():
            record = form.records[form.cleaned_data["answer"]]
            is_activity = form.cleaned_data["answer"].startswith("activity:")
            linked = submitted(
                form,
                lambda: link_response(
                    actor=user,
                    recommendation=found,
                    activity=record if is_activity else None,
                    event=None if is_activity else record,
                    note=form.cleaned_data["note"],
                ),
                refused_field="answer",
            )
            if linked is not None:
                messages.success(request, f"“{record.title}” is recorded as answering this recommendation.")
                return redirect(reverse("web:recommendation", args=[found.slug]) + "#answers")
    tracker = tracker_for(user, found)
    answers = [
        (
            response,
            record_url("activity" if response.activity_id else "event", response.activity or response.event),
            tracker.citations.get(response.pk, []),
            _can_unlink(user, response),
        )
        for response in tracker.responses
    ]
    return render(
        request,
        "web/knowledge_recommendation.html",
        {"tracker": tracker, "recommendation": found, "answers": answers, "form": form},
    )


def _can_unlink(user: Any, response: Any) -> bool:
    answer = response.activity or response.event
    return may_change(user, classification=answer.classification, owner_id=answer.owner_id)


@login_required
@require_POST
def unlink(request: HttpRequest, slug: str, uid: UUID) -> HttpResponse:
    """Remove a link: a hidden recommendation or link answers 404; a reader who may not change the
    answering record, 403."""
    found = _recommendation(request, slug)
    response = responses_visible_to(request.user).filter(recommendation=found, uid=uid).first()
    if response is None:
        raise Http404("no such answer")
    try:
        unlink_response(actor=request.user, response=response)
    except PermissionDenied as error:
        raise Refused(str(error)) from None
    answer = response.activity or response.event
    messages.success(request, f"“{answer.title}” no longer recorded as answering this recommendation.")  # type: ignore[union-attr]
    return redirect(reverse("web:recommendation", args=[found.slug]) + "#answers")
