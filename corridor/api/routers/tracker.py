"""The recommendations tracker: a recommendation's status, follow-ups and the work that answers it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from corridor.accounts.access import Reader, person_label, person_labels
from corridor.api.auth import caller
from corridor.api.concurrency import created
from corridor.api.schemas.basis import ResponseIn, ResponseOut, TrackerOut
from corridor.api.schemas.common import date_of
from corridor.api.shown import slug_of
from corridor.basis.selectors import responses_visible_to, tracker_for
from corridor.basis.services import link_response, unlink_response
from corridor.core.exceptions import NotFound, ValidationFailed
from corridor.knowledge.selectors import recommendations_visible_to
from corridor.operations.selectors import activities_visible_to
from corridor.timeline.selectors import events_visible_to

router = Router(tags=["recommendations tracker"])


def _recommendation(request: HttpRequest, slug: str) -> Any:
    recommendation = recommendations_visible_to(caller(request)).filter(slug=slug).first()
    if recommendation is None:
        raise NotFound("no such recommendation")
    return recommendation


def _response(viewer: Reader, response: Any, citations: list[Any]) -> dict[str, Any]:
    answer = response.activity or response.event
    return {
        "uid": response.uid,
        "kind": "activity" if response.activity_id else "event",
        "key": answer.slug,
        "title": answer.title,
        "date": date_of(answer),
        "note": response.note,
        "linked_by": person_label(viewer, response.linked_by),
        "linked_at": response.linked_at,
        "citations": [{"source": c.source.slug, "locator": c.locator, "quote": c.quote} for c in citations],
    }


@router.get("/recommendations/{slug}/tracker", response=TrackerOut)
def get_tracker(request: HttpRequest, slug: str) -> dict[str, Any]:
    """Status, follow-ups, and the activities and events that answer the recommendation."""
    tracker = tracker_for(caller(request), _recommendation(request, slug))
    person_labels(caller(request), (response.linked_by for response in tracker.responses))
    recommendation = tracker.recommendation
    return {
        "recommendation": {
            "slug": recommendation.slug,
            "text": recommendation.text,
            "status": recommendation.status,
            "issuer": slug_of({"request": request}, recommendation.issuer),
            "addressee": recommendation.addressee,
        },
        "follow_ups": [{"date": date_of(f), "text": f.text} for f in tracker.follow_ups],
        "responses": [
            _response(caller(request), r, tracker.citations.get(r.pk, [])) for r in tracker.responses
        ],
    }


@router.post("/recommendations/{slug}/tracker", response={201: ResponseOut})
def link_to_recommendation(request: HttpRequest, slug: str, body: ResponseIn) -> HttpResponse:
    """Say that an activity or event answers the recommendation (an editor of its owner may)."""
    user = caller(request)
    recommendation = _recommendation(request, slug)
    if (body.activity is None) == (body.event is None):
        raise ValidationFailed({"activity": ["name one activity or one event"]})
    activity = event = None
    if body.activity is not None:
        activity = activities_visible_to(user).filter(slug=body.activity).first()
        if activity is None:
            raise ValidationFailed({"activity": [f"unknown activity {body.activity!r}"]})
    else:
        event = events_visible_to(user).filter(slug=body.event).first()
        if event is None:
            raise ValidationFailed({"event": [f"unknown event {body.event!r}"]})

    def create() -> tuple[int, dict[str, Any]]:
        response = link_response(
            actor=user, recommendation=recommendation, activity=activity, event=event, note=body.note
        )
        return 201, ResponseOut(**_response(user, response, [])).model_dump(mode="json")

    return created(request, create)


@router.delete("/recommendations/{slug}/tracker/{uid}", response={204: None})
def unlink_from_recommendation(request: HttpRequest, slug: str, uid: UUID) -> Status[None]:
    """Remove a link (the same rule as for linking)."""
    recommendation = _recommendation(request, slug)
    response = responses_visible_to(caller(request)).filter(recommendation=recommendation, uid=uid).first()
    if response is None:
        raise NotFound("no such response")
    unlink_response(actor=caller(request), response=response)
    return Status(204, None)
