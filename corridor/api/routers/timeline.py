"""The timeline: events, filtered by date range, kind, actor, place and text."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from corridor.actors.selectors import organisations_visible_to
from corridor.api import references
from corridor.api.auth import caller
from corridor.api.concurrency import created, etag, expected_version
from corridor.api.inputs import DateText, date_range, span
from corridor.api.pagination import page
from corridor.api.querying import having, keys
from corridor.api.routers.reference import ListParams
from corridor.api.schemas.common import Page
from corridor.api.schemas.timeline import EventIn, EventOut, EventPatch
from corridor.geo.models import Country
from corridor.geo.selectors import places_visible_to
from corridor.knowledge.selectors import documents_visible_to
from corridor.timeline.selectors import EventFilters as SharedEventFilters
from corridor.timeline.selectors import events_matching, events_visible_to, get_event_for_user
from corridor.timeline.services import record_event, update_event

router = Router(tags=["timeline"])


class EventFilters(ListParams):
    start: DateText | None = None
    end: DateText | None = None
    kind: str | None = None
    actor: str | None = None
    place: str | None = None
    country: str | None = None
    q: str | None = None


def _events(request: HttpRequest):  # type: ignore[no-untyped-def]
    user = caller(request)
    return (
        events_visible_to(user)
        .select_related("owner")
        .prefetch_related(
            keys("places", places_visible_to(user)),
            keys("countries", Country.objects.all(), key="code"),
            keys("actors", organisations_visible_to(user)),
            keys("documents", documents_visible_to(user)),
        )
    )


@router.get("/events", response=Page[EventOut])
def list_events(request: HttpRequest, filters: Query[EventFilters]) -> dict:
    """Events whose span touches [start, end]: 'early 2015' is found when asking for March 2015."""
    start, end = date_range(filters.start, filters.end)
    # The same filters as the events page and the timeline (`timeline.selectors.EventFilters`),
    # then the API's country code.
    shared = SharedEventFilters(
        kind=filters.kind or "",
        operation=filters.actor or "",
        place=filters.place or "",
        start=start,
        end=end,
        text=filters.q or "",
    )
    events = events_matching(caller(request), shared, base=_events(request))
    if filters.country:
        events = having(events, "countries", code=filters.country.upper())
    items, following = page(events, order=("date_start", "uid"), cursor=filters.cursor, limit=filters.limit)
    return {"items": items, "next": following}


@router.get("/events/{slug}", response=EventOut)
def get_event(request: HttpRequest, slug: str, response: HttpResponse):  # type: ignore[no-untyped-def]
    get_event_for_user(caller(request), slug=slug)
    event = _events(request).get(slug=slug)
    response["ETag"] = etag(event.version)
    return event


@router.post("/events", response={201: EventOut})
def create_event(request: HttpRequest, body: EventIn) -> HttpResponse:
    user = caller(request)

    def create() -> tuple[int, dict]:
        event = record_event(
            actor=user,
            owner=references.organisation(user, body.owner, "owner"),
            kind=body.kind,
            title=body.title,
            span=span(body.date),
            description=body.description,
            places=references.places(user, body.places, "places"),
            countries=references.countries(body.countries, "countries"),
            actors=references.organisations(user, body.actors, "actors"),
            documents=references.documents(user, body.documents, "documents"),
            classification=body.classification,
            note=body.note,
        )
        return 201, EventOut.model_validate(
            _events(request).get(pk=event.pk), context={"request": request}
        ).model_dump(mode="json")

    return created(request, create)


@router.patch("/events/{slug}", response=EventOut)
def patch_event(request: HttpRequest, slug: str, body: EventPatch, response: HttpResponse):  # type: ignore[no-untyped-def]
    user = caller(request)
    event = get_event_for_user(user, slug=slug)
    version = expected_version(request)
    changes = body.model_dump(exclude_unset=True)
    if "date" in changes:
        changes["span"] = span(changes.pop("date"))
    for name, resolve in (
        ("places", lambda keys: references.places(user, keys, "places")),
        ("countries", lambda keys: references.countries(keys, "countries")),
        ("actors", lambda keys: references.organisations(user, keys, "actors")),
        ("documents", lambda keys: references.documents(user, keys, "documents")),
    ):
        if name in changes:
            changes[name] = resolve(changes[name])
    updated = update_event(actor=user, event=event, expected_version=version, **changes)
    response["ETag"] = etag(updated.version)
    return _events(request).get(pk=updated.pk)
