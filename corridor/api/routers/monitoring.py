"""Flow observations (with the aggregate) and monitoring visits."""

from __future__ import annotations

from typing import Any, Literal

from django.db.models import F, Sum
from django.db.models.functions import TruncDay, TruncMonth, TruncWeek
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from corridor.actors.selectors import organisations_visible_to
from corridor.api import references
from corridor.api.auth import caller
from corridor.api.concurrency import created, etag, expected_version
from corridor.api.inputs import DateText, date_range, span
from corridor.api.pagination import page
from corridor.api.querying import by_key, keys, named, rows
from corridor.api.routers.reference import ListParams
from corridor.api.schemas.common import Page
from corridor.api.schemas.monitoring import (
    AggregateRow,
    ObservationIn,
    ObservationOut,
    ObservationRecorded,
    VisitIn,
    VisitOut,
    VisitPatch,
)
from corridor.geo.selectors import places_visible_to
from corridor.monitoring.models import Finding, FlowObservation
from corridor.monitoring.selectors import VisitFilters as SharedVisitFilters
from corridor.monitoring.selectors import (
    figures_visible_to,
    get_visit_for_user,
    observations_visible_to,
    visits_matching,
    visits_visible_to,
)
from corridor.monitoring.services import Breakdown, FindingInput, log_visit, record_observation, update_visit

router = Router(tags=["monitoring"])


class ObservationFilters(ListParams):
    place: str | None = None
    country: str | None = None
    metric: str | None = None
    source: str | None = None
    start: DateText | None = None
    end: DateText | None = None
    include_revised: bool = False


def _filtered(request: HttpRequest, filters: ObservationFilters, observations: Any = None):  # type: ignore[no-untyped-def]
    if observations is None:
        observations = observations_visible_to(caller(request), include_revised=filters.include_revised)
    start, end = date_range(filters.start, filters.end)
    if filters.place:
        observations = by_key(observations, "place", named(places_visible_to(caller(request)), filters.place))
    if filters.country:
        observations = observations.filter(place__country__code=filters.country.upper())
    if filters.metric:
        observations = observations.filter(metric=filters.metric)
    if filters.source:
        source = named(organisations_visible_to(caller(request)), filters.source)
        observations = by_key(observations, "source_organisation", source)
    if start:
        observations = observations.filter(date_start__gte=start)
    if end:
        observations = observations.filter(date_end__lte=end)
    return observations


@router.get("/observations", response=Page[ObservationOut])
def list_observations(request: HttpRequest, filters: Query[ObservationFilters]) -> dict:
    observations = _filtered(request, filters).select_related("owner", "revision_of")
    items, following = page(
        observations, order=("date_start", "uid"), cursor=filters.cursor, limit=filters.limit
    )
    return {"items": items, "next": following}


class AggregateParams(ObservationFilters):
    group_by: Literal["place", "country"] = "place"
    interval: Literal["day", "week", "month"] = "day"
    place_kind: str = "country"


@router.get("/observations/aggregate", response=list[AggregateRow])
def aggregate_observations(request: HttpRequest, params: Query[AggregateParams]) -> list[dict]:
    """Sum current, reported daily counts per place or country per day, week or month, and per source.

    Each row keeps its source, so figures from two sources for the same day are never added together.
    Grouped by country, only figures recorded at places of `place_kind` count (default: the country-level
    figures), so a country's total and its sites' figures are never added together either.
    """
    user = caller(request)
    figures = _filtered(request, params, figures_visible_to(user)).filter(
        value_status="reported",
        date_start=F("date_end"),
        place__in=places_visible_to(user),
    )
    if params.group_by == "country":
        figures = figures.filter(place__kind=params.place_kind)
        key = "place__country__code"
    else:
        key = "place__slug"
    bucket = {"day": TruncDay, "week": TruncWeek, "month": TruncMonth}[params.interval]("date_start")
    rows = (
        figures.order_by()
        .annotate(period=bucket)
        .values(key, "source_organisation_id", "period")
        .annotate(total=Sum("value"))
        .order_by(key, "source_organisation_id", "period")
    )
    sources = dict(organisations_visible_to(user).values_list("pk", "slug"))
    return [
        {
            "key": row[key],
            "source": sources.get(row["source_organisation_id"]),
            "period_start": row["period"],
            "value": row["total"],
        }
        for row in rows
    ]


@router.post("/observations", response={200: ObservationRecorded, 201: ObservationRecorded})
def create_observation(request: HttpRequest, body: ObservationIn) -> HttpResponse:
    user = caller(request)

    def create() -> tuple[int, dict]:
        outcome = record_observation(
            actor=user,
            owner=references.organisation(user, body.owner, "owner"),
            place=references.place(user, body.place, "place"),
            metric=body.metric,
            span=span(body.date),
            value=body.value,
            value_status=body.value_status,
            value_qualifier=body.value_qualifier,
            source_organisation=references.organisation(
                user, body.source_organisation, "source_organisation"
            ),
            breakdown=Breakdown(**body.breakdown.model_dump()),
            reliability=body.reliability,
            classification=body.classification,
            note=body.note,
        )
        observation = FlowObservation.objects.select_related(
            "place", "owner", "source_organisation", "revision_of"
        ).get(pk=outcome.observation.pk)
        payload = {
            "outcome": outcome.outcome,
            "observation": ObservationOut.model_validate(
                observation, context={"request": request}
            ).model_dump(mode="json"),
        }
        return (201 if outcome.outcome != "unchanged" else 200), payload

    return created(request, create)


class VisitFilters(ListParams):
    operation: str | None = None
    place: str | None = None
    start: DateText | None = None
    end: DateText | None = None


def _visits(request: HttpRequest):  # type: ignore[no-untyped-def]
    user = caller(request)
    return (
        visits_visible_to(user)
        .select_related("owner")
        .prefetch_related(
            keys("places", places_visible_to(user)),
            rows("findings", Finding.objects.order_by("position")),
        )
    )


@router.get("/visits", response=Page[VisitOut])
def list_visits(request: HttpRequest, filters: Query[VisitFilters]) -> dict:
    start, end = date_range(filters.start, filters.end)
    # The same filters as the visits page (one definition: `monitoring.selectors.VisitFilters`).
    shared = SharedVisitFilters(
        operation=filters.operation or "", place=filters.place or "", start=start, end=end
    )
    visits = visits_matching(caller(request), shared, base=_visits(request))
    items, following = page(visits, order=("date_start", "uid"), cursor=filters.cursor, limit=filters.limit)
    return {"items": items, "next": following}


@router.get("/visits/{slug}", response=VisitOut)
def get_visit(request: HttpRequest, slug: str, response: HttpResponse):  # type: ignore[no-untyped-def]
    get_visit_for_user(caller(request), slug=slug)
    visit = _visits(request).get(slug=slug)
    response["ETag"] = etag(visit.version)
    return visit


@router.post("/visits", response={201: VisitOut})
def create_visit(request: HttpRequest, body: VisitIn) -> HttpResponse:
    user = caller(request)

    def create() -> tuple[int, dict]:
        visit = log_visit(
            actor=user,
            operation=references.organisation(user, body.operation, "operation"),
            places=references.places(user, body.places, "places"),
            span=span(body.date),
            team=body.team,
            overnight=body.overnight,
            purpose=body.purpose,
            findings=[FindingInput(**finding.model_dump()) for finding in body.findings],
            follow_up=body.follow_up,
            classification=body.classification,
            note=body.note,
        )
        return 201, VisitOut.model_validate(
            _visits(request).get(pk=visit.pk), context={"request": request}
        ).model_dump(mode="json")

    return created(request, create)


@router.patch("/visits/{slug}", response=VisitOut)
def patch_visit(request: HttpRequest, slug: str, body: VisitPatch, response: HttpResponse):  # type: ignore[no-untyped-def]
    user = caller(request)
    visit = get_visit_for_user(user, slug=slug)
    version = expected_version(request)
    changes = body.model_dump(exclude_unset=True)
    if "places" in changes:
        changes["places"] = references.places(user, changes["places"], "places")
    if "date" in changes:
        changes["span"] = span(changes.pop("date"))
    if "findings" in changes:
        changes["findings"] = [FindingInput(**finding) for finding in changes["findings"]]
    updated = update_visit(actor=user, visit=visit, expected_version=version, **changes)
    response["ETag"] = etag(updated.version)
    return _visits(request).get(pk=updated.pk)
