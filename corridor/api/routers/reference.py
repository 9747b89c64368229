"""Countries, places and the route graph, organisations and field operations (read-only)."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Field, Query, Router

from corridor.accounts.access import can_read
from corridor.actors.selectors import (
    field_operations_visible_to,
    focal_points_visible_to,
    get_organisation_for_user,
    interviews_visible_to,
    organisations_visible_to,
    working_groups_visible_to,
)
from corridor.api.auth import caller
from corridor.api.inputs import QueryInput
from corridor.api.pagination import page
from corridor.api.schemas.actors import (
    FieldOperationDetailOut,
    FieldOperationOut,
    InterviewOut,
    OrganisationDetailOut,
    OrganisationOut,
)
from corridor.api.schemas.common import Page, SourceOut
from corridor.api.schemas.geo import CountryOut, PlaceOut, RouteLinkOut
from corridor.core.citations import list_sources
from corridor.core.exceptions import NotFound
from corridor.geo.models import CountryName
from corridor.geo.selectors import (
    get_place_for_user,
    list_countries,
    places_visible_to,
    route_links_visible_to,
)
from corridor.knowledge.models import MandateClause

router = Router()


class ListParams(QueryInput):
    cursor: str | None = Field(None, description="the previous page's `next`")
    limit: int | None = Field(None, ge=1, le=1000, description="items per page, 1–1000 (default 100)")


@router.get("/countries", response=Page[CountryOut], tags=["reference"], summary="List Countries")
def list_countries_endpoint(request: HttpRequest, params: Query[ListParams]) -> dict:
    countries = list_countries().prefetch_related(
        Prefetch("names", CountryName.objects.order_by("valid_from"))
    )
    items, following = page(countries, order=("code",), cursor=params.cursor, limit=params.limit)
    return {"items": items, "next": following}


class PlaceFilters(ListParams):
    kind: str | None = None
    country: str | None = None
    q: str | None = None


def _places(request: HttpRequest):  # type: ignore[no-untyped-def]
    user = caller(request)
    visible_links = route_links_visible_to(user).select_related("destination")
    return places_visible_to(user).prefetch_related(Prefetch("links_out", queryset=visible_links))


@router.get("/places", response=Page[PlaceOut], tags=["reference"])
def list_places(request: HttpRequest, filters: Query[PlaceFilters]) -> dict:
    places = _places(request).select_related("owner")
    if filters.kind:
        places = places.filter(kind=filters.kind)
    if filters.country:
        places = places.filter(country__code=filters.country.upper())
    if filters.q:
        places = places.filter(name__icontains=filters.q)
    items, following = page(places, order=("slug",), cursor=filters.cursor, limit=filters.limit)
    return {"items": items, "next": following}


@router.get("/places/{slug}", response=PlaceOut, tags=["reference"])
def get_place(request: HttpRequest, slug: str):  # type: ignore[no-untyped-def]
    get_place_for_user(caller(request), slug=slug)
    return _places(request).select_related("owner").get(slug=slug)


@router.get("/route-links", response=Page[RouteLinkOut], tags=["reference"])
def list_route_links(request: HttpRequest, params: Query[ListParams]) -> dict:
    links = route_links_visible_to(caller(request)).select_related("owner")
    items, following = page(links, order=("uid",), cursor=params.cursor, limit=params.limit)
    return {"items": items, "next": following}


class OrganisationFilters(ListParams):
    kind: str | None = None
    country: str | None = None
    q: str | None = None


@router.get("/organisations", response=Page[OrganisationOut], tags=["reference"])
def list_organisations(request: HttpRequest, filters: Query[OrganisationFilters]) -> dict:
    organisations = organisations_visible_to(caller(request))
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    if filters.country:
        organisations = organisations.filter(country__code=filters.country.upper())
    if filters.q:
        organisations = organisations.filter(name__icontains=filters.q)
    items, following = page(organisations, order=("slug",), cursor=filters.cursor, limit=filters.limit)
    return {"items": items, "next": following}


@router.get("/organisations/{slug}", response=OrganisationDetailOut, tags=["reference"])
def get_organisation(request: HttpRequest, slug: str):  # type: ignore[no-untyped-def]
    return get_organisation_for_user(caller(request), slug=slug)


def _operations(request: HttpRequest):  # type: ignore[no-untyped-def]
    user = caller(request)
    return (
        field_operations_visible_to(user)
        .select_related("mandate__owner")
        .prefetch_related(
            "field_operation__offices",
            "mandate__documents",
            Prefetch("mandate__clauses", MandateClause.objects.order_by("ref")),
            Prefetch("focalpoints", focal_points_visible_to(user).select_related("owner")),
            Prefetch("workinggroups", working_groups_visible_to(user).select_related("owner")),
        )
    )


def _with_visible_mandate(request: HttpRequest, operations: list) -> list:  # type: ignore[type-arg]
    for operation in operations:
        mandate = getattr(operation, "mandate", None)
        readable = mandate is not None and can_read(
            caller(request),
            classification=mandate.classification,
            owner_id=mandate.owner_id,  # type: ignore[attr-defined]
        )
        operation.visible_mandate = mandate if readable else None
    return operations


@router.get("/field-operations", response=Page[FieldOperationOut], tags=["reference"])
def list_field_operations(request: HttpRequest, params: Query[ListParams]) -> dict:
    items, following = page(_operations(request), order=("slug",), cursor=params.cursor, limit=params.limit)
    return {"items": _with_visible_mandate(request, items), "next": following}


@router.get("/field-operations/{slug}", response=FieldOperationDetailOut, tags=["reference"])
def get_field_operation(request: HttpRequest, slug: str):  # type: ignore[no-untyped-def]
    interviews = Prefetch("interviews", interviews_visible_to(caller(request)))
    operation = _operations(request).prefetch_related(interviews).filter(slug=slug).first()
    if operation is None:
        raise NotFound("no such field operation")
    return _with_visible_mandate(request, [operation])[0]


class InterviewFilters(ListParams):
    organisation: str | None = Field(None, description="the interviewed organisation's slug")


@router.get("/interviews", response=Page[InterviewOut], tags=["reference"])
def list_interviews(request: HttpRequest, filters: Query[InterviewFilters]) -> dict:
    """The study's research interviews (its annex) whose organisation the caller may read."""
    interviews = interviews_visible_to(caller(request))
    if filters.organisation:
        interviews = interviews.filter(organisation__slug=filters.organisation)
    order = ("date_start", "uid")
    items, following = page(interviews, order=order, cursor=filters.cursor, limit=filters.limit)
    return {"items": items, "next": following}


@router.get("/interviews/{uid}", response=InterviewOut, tags=["reference"])
def get_interview(request: HttpRequest, uid: UUID):  # type: ignore[no-untyped-def]
    interview = interviews_visible_to(caller(request)).filter(uid=uid).first()
    if interview is None:
        raise NotFound("no such interview")
    return interview


@router.get("/sources", response=Page[SourceOut], tags=["reference"], summary="List Sources")
def list_sources_endpoint(request: HttpRequest, params: Query[ListParams]) -> dict:
    """The works records cite (all public: the study, the shipped datasets, standards, the gazetteer)."""
    items, following = page(list_sources(), order=("slug",), cursor=params.cursor, limit=params.limit)
    return {"items": items, "next": following}
