"""Activities and trainings, meetings and their action points."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from corridor.accounts.access import shown
from corridor.actors.selectors import organisations_visible_to
from corridor.api import references
from corridor.api.auth import caller
from corridor.api.concurrency import created, etag, expected_version
from corridor.api.inputs import DateText, date_range, span
from corridor.api.pagination import page
from corridor.api.querying import by_key, having_key, keys, named, rows
from corridor.api.routers.reference import ListParams
from corridor.api.schemas.common import Page
from corridor.api.schemas.operations import (
    ActionPointIn,
    ActionPointOut,
    ActionPointPatch,
    ActivityIn,
    ActivityOut,
    ActivityPatch,
    MeetingIn,
    MeetingOut,
    TrainingIO,
    TrainingOut,
)
from corridor.core.exceptions import NotFound
from corridor.geo.models import Country
from corridor.geo.selectors import places_visible_to
from corridor.knowledge.selectors import clauses_visible_to, commitments_visible_to
from corridor.operations.models import ActionPoint, ActivityQuantity, MeetingDecision, TrainingParticipation
from corridor.operations.selectors import ActivityFilters as SharedActivityFilters
from corridor.operations.selectors import MeetingFilters as SharedMeetingFilters
from corridor.operations.selectors import (
    action_points_visible_to,
    activities_matching,
    activities_visible_to,
    get_activity_for_user,
    meetings_matching,
    meetings_visible_to,
    trainings_visible_to,
)
from corridor.operations.services import (
    ActionPointInput,
    ParticipationInput,
    QuantityInput,
    TrainingInput,
    open_action_point,
    record_activity,
    record_meeting,
    set_action_point_status,
    update_activity,
)

router = Router(tags=["operations"])


class ActivityFilters(ListParams):
    operation: str | None = None
    category: str | None = None
    partner: str | None = None
    funding: str | None = None
    place: str | None = None
    start: DateText | None = None
    end: DateText | None = None


def _activities(request: HttpRequest):  # type: ignore[no-untyped-def]
    user = caller(request)
    return (
        activities_visible_to(user)
        .select_related("owner", "training")
        .prefetch_related(
            keys("partners", organisations_visible_to(user)),
            keys("places", places_visible_to(user)),
            keys("countries", Country.objects.all(), key="code"),
            rows("mandate_clauses", clauses_visible_to(user).order_by("ref")),
            keys("commitments", commitments_visible_to(user)),
            rows("quantities", ActivityQuantity.objects.order_by("position")),
            rows("training__participations", TrainingParticipation.objects.select_related("institution")),
        )
    )


@router.get("/activities", response=Page[ActivityOut])
def list_activities(request: HttpRequest, filters: Query[ActivityFilters]) -> dict:
    start, end = date_range(filters.start, filters.end)
    # The same filters as the activities page (one definition: `operations.selectors.ActivityFilters`),
    # then those only the API offers (partner, funding).
    shared = SharedActivityFilters(
        operation=filters.operation or "",
        category=filters.category or "",
        place=filters.place or "",
        start=start,
        end=end,
    )
    activities = activities_matching(caller(request), shared, base=_activities(request))
    if filters.partner:
        partner = named(organisations_visible_to(caller(request)), filters.partner)
        activities = having_key(activities, "partners", partner)
    if filters.funding:
        activities = activities.filter(funding=filters.funding)
    items, following = page(
        activities, order=("date_start", "uid"), cursor=filters.cursor, limit=filters.limit
    )
    return {"items": items, "next": following}


@router.get("/activities/{slug}", response=ActivityOut)
def get_activity(request: HttpRequest, slug: str, response: HttpResponse):  # type: ignore[no-untyped-def]
    get_activity_for_user(caller(request), slug=slug)
    activity = _activities(request).get(slug=slug)
    response["ETag"] = etag(activity.version)
    return activity


def _training(user: Any, training: TrainingIO | dict | None) -> TrainingInput | None:
    if training is None:
        return None
    data = training.model_dump() if isinstance(training, TrainingIO) else training
    participations = []
    for index, item in enumerate(data["participations"]):
        institution = (
            references.organisation(user, item["institution"], f"training.participations.{index}.institution")
            if item.get("institution")
            else None
        )
        participations.append(ParticipationInput(**{**item, "institution": institution}))
    return TrainingInput(
        audience=data["audience"], target_total=data["target_total"], participations=participations
    )


def _links(user: Any, changes: dict[str, Any]) -> dict[str, Any]:
    resolvers = {
        "partners": lambda keys: references.organisations(user, keys, "partners"),
        "places": lambda keys: references.places(user, keys, "places"),
        "countries": lambda keys: references.countries(keys, "countries"),
        "mandate_clauses": lambda keys: references.clauses(user, keys, "mandate_clauses"),
        "commitments": lambda keys: references.commitments(user, keys, "commitments"),
    }
    return {name: resolvers[name](keys) for name, keys in changes.items() if name in resolvers}


@router.post("/activities", response={201: ActivityOut})
def create_activity(request: HttpRequest, body: ActivityIn) -> HttpResponse:
    user = caller(request)

    def create() -> tuple[int, dict]:
        data = body.model_dump()
        activity = record_activity(
            actor=user,
            lead=references.organisation(user, body.lead, "lead"),
            title=body.title,
            category=body.category,
            span=span(body.date),
            description=body.description,
            lead_role=body.lead_role,
            funding=body.funding,
            status=body.status,
            quantities=[QuantityInput(**q) for q in data["quantities"]],
            training=_training(user, body.training),
            classification=body.classification,
            date_note=body.date_note,
            note=body.note,
            **_links(user, data),
        )
        return 201, ActivityOut.model_validate(
            _activities(request).get(pk=activity.pk), context={"request": request}
        ).model_dump(mode="json")

    return created(request, create)


@router.patch("/activities/{slug}", response=ActivityOut)
def patch_activity(request: HttpRequest, slug: str, body: ActivityPatch, response: HttpResponse):  # type: ignore[no-untyped-def]
    user = caller(request)
    activity = get_activity_for_user(user, slug=slug)
    version = expected_version(request)
    changes = body.model_dump(exclude_unset=True)
    changes.update(_links(user, changes))
    if "date" in changes:
        changes["span"] = span(changes.pop("date"))
    if "quantities" in changes:
        changes["quantities"] = [QuantityInput(**q) for q in changes["quantities"]]
    if "training" in changes:
        changes["training"] = _training(user, changes["training"])
    updated = update_activity(actor=user, activity=activity, expected_version=version, **changes)
    response["ETag"] = etag(updated.version)
    return _activities(request).get(pk=updated.pk)


def _slug(record: Any) -> str | None:
    return record.slug if record is not None else None


@router.get("/trainings", response=Page[TrainingOut])
def list_trainings(request: HttpRequest, params: Query[ListParams]) -> dict:
    trainings = trainings_visible_to(caller(request)).prefetch_related(
        rows("participations", TrainingParticipation.objects.select_related("institution"))
    )
    items, following = page(trainings, order=("uid",), cursor=params.cursor, limit=params.limit)
    return {
        "items": [
            {
                "uid": training.uid,
                "activity": _slug(shown(caller(request), training.activity)),
                "audience": training.audience,
                "target_total": training.target_total,
                "participations": [
                    {
                        "institution": _slug(shown(caller(request), p.institution)),
                        "institution_name": p.institution_name,
                        "total": p.total,
                        "female": p.female,
                        "male": p.male,
                        "sex_not_recorded": p.sex_not_recorded,
                    }
                    for p in training.participations.all()
                ],
            }
            for training in items
        ],
        "next": following,
    }


class MeetingFilters(ListParams):
    convenor: str | None = None
    participant: str | None = None
    start: DateText | None = None
    end: DateText | None = None


def _meetings(request: HttpRequest):  # type: ignore[no-untyped-def]
    user = caller(request)
    return (
        meetings_visible_to(user)
        .select_related("owner")
        .prefetch_related(
            keys("participants", organisations_visible_to(user)),
            rows("decisions", MeetingDecision.objects.order_by("position")),
            rows("action_points", ActionPoint.objects.select_related("responsible").order_by("position")),
        )
    )


@router.get("/meetings", response=Page[MeetingOut])
def list_meetings(request: HttpRequest, filters: Query[MeetingFilters]) -> dict:
    start, end = date_range(filters.start, filters.end)
    # The period as the meetings page reads it (one definition: `operations.selectors.MeetingFilters`),
    # then the API's convenor and participant.
    shared = SharedMeetingFilters(start=start, end=end)
    meetings = meetings_matching(caller(request), shared, base=_meetings(request))
    if filters.convenor:
        convenor = named(organisations_visible_to(caller(request)), filters.convenor)
        meetings = by_key(meetings, "convenor", convenor)
    if filters.participant:
        participant = named(organisations_visible_to(caller(request)), filters.participant)
        meetings = having_key(meetings, "participants", participant)
    items, following = page(meetings, order=("date_start", "uid"), cursor=filters.cursor, limit=filters.limit)
    return {"items": items, "next": following}


def _meeting(request: HttpRequest, slug: str) -> Any:
    meeting = _meetings(request).filter(slug=slug).first()
    if meeting is None:
        raise NotFound("no such meeting")
    return meeting


@router.get("/meetings/{slug}", response=MeetingOut)
def get_meeting(request: HttpRequest, slug: str, response: HttpResponse):  # type: ignore[no-untyped-def]
    meeting = _meeting(request, slug)
    response["ETag"] = etag(meeting.version)
    return meeting


def _action_point_input(user: Any, item: ActionPointIn, path: str) -> ActionPointInput:
    responsible = (
        references.organisation(user, item.responsible, f"{path}.responsible") if item.responsible else None
    )
    return ActionPointInput(
        text=item.text,
        responsible=responsible,
        due=span(item.due, f"{path}.due") if item.due else None,
        status=item.status,
    )


@router.post("/meetings", response={201: MeetingOut})
def create_meeting(request: HttpRequest, body: MeetingIn) -> HttpResponse:
    user = caller(request)

    def create() -> tuple[int, dict]:
        meeting = record_meeting(
            actor=user,
            owner=references.organisation(user, body.owner, "owner"),
            title=body.title,
            span=span(body.date),
            convenor=references.organisation(user, body.convenor, "convenor") if body.convenor else None,
            participants=references.organisations(user, body.participants, "participants"),
            recurrence=body.recurrence,
            place=references.place(user, body.place, "place") if body.place else None,
            agenda=body.agenda,
            decisions=body.decisions,
            action_points=[
                _action_point_input(user, item, f"action_points.{index}")
                for index, item in enumerate(body.action_points)
            ],
            classification=body.classification,
            note=body.note,
        )
        return 201, MeetingOut.model_validate(
            _meetings(request).get(pk=meeting.pk), context={"request": request}
        ).model_dump(mode="json")

    return created(request, create)


class ActionPointFilters(ListParams):
    status: str | None = None
    responsible: str | None = None


@router.get("/action-points", response=Page[ActionPointOut])
def list_action_points(request: HttpRequest, filters: Query[ActionPointFilters]) -> dict:
    points = action_points_visible_to(caller(request))
    if filters.status:
        points = points.filter(status=filters.status)
    if filters.responsible:
        responsible = named(organisations_visible_to(caller(request)), filters.responsible)
        points = by_key(points, "responsible", responsible)
    items, following = page(points, order=("uid",), cursor=filters.cursor, limit=filters.limit)
    return {"items": items, "next": following}


@router.post("/meetings/{slug}/action-points", response={201: ActionPointOut})
def create_action_point(request: HttpRequest, slug: str, body: ActionPointIn) -> HttpResponse:
    user = caller(request)
    meeting = _meeting(request, slug)

    def create() -> tuple[int, dict]:
        point = open_action_point(actor=user, meeting=meeting, item=_action_point_input(user, body, "body"))
        point = ActionPoint.objects.select_related("meeting", "responsible").get(pk=point.pk)
        return 201, ActionPointOut.model_validate(point, context={"request": request}).model_dump(mode="json")

    return created(request, create)


@router.patch("/action-points/{uid}", response=ActionPointOut)
def patch_action_point(request: HttpRequest, uid: UUID, body: ActionPointPatch, response: HttpResponse):  # type: ignore[no-untyped-def]
    user = caller(request)
    point = action_points_visible_to(user).filter(uid=uid).first()
    if point is None:
        raise NotFound("no such action point")
    updated = set_action_point_status(
        actor=user, action_point=point, status=body.status, expected_version=expected_version(request)
    )
    response["ETag"] = etag(updated.version)
    return ActionPoint.objects.select_related("meeting", "responsible").get(pk=updated.pk)
