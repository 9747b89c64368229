"""Documents, commitments and recommendations (read-only)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Query, Router

from corridor.actors.selectors import organisations_visible_to
from corridor.api.auth import caller
from corridor.api.pagination import page
from corridor.api.querying import by_key, named
from corridor.api.routers.reference import ListParams
from corridor.api.schemas.common import Page
from corridor.api.schemas.knowledge import CommitmentOut, DocumentOut, RecommendationOut
from corridor.knowledge.models import RecommendationFollowUp
from corridor.knowledge.selectors import (
    commitments_visible_to,
    documents_visible_to,
    get_document_for_user,
    recommendations_visible_to,
)

router = Router(tags=["knowledge"])


class DocumentFilters(ListParams):
    kind: str | None = None
    issuer: str | None = None
    q: str | None = None


@router.get("/documents", response=Page[DocumentOut])
def list_documents(request: HttpRequest, filters: Query[DocumentFilters]) -> dict:
    documents = documents_visible_to(caller(request)).select_related("owner")
    if filters.kind:
        documents = documents.filter(kind=filters.kind)
    if filters.issuer:
        issuer = named(organisations_visible_to(caller(request)), filters.issuer)
        documents = by_key(documents, "issuer", issuer)
    if filters.q:
        documents = documents.filter(title__icontains=filters.q) | documents.filter(
            symbol__icontains=filters.q
        )
    items, following = page(documents, order=("slug",), cursor=filters.cursor, limit=filters.limit)
    return {"items": items, "next": following}


@router.get("/documents/{slug}", response=DocumentOut)
def get_document(request: HttpRequest, slug: str):  # type: ignore[no-untyped-def]
    return get_document_for_user(caller(request), slug=slug)


class CommitmentFilters(ListParams):
    theme: str | None = None
    dimension: str | None = None
    document: str | None = None


@router.get("/commitments", response=Page[CommitmentOut])
def list_commitments(request: HttpRequest, filters: Query[CommitmentFilters]) -> dict:
    commitments = commitments_visible_to(caller(request)).select_related("owner")
    if filters.theme:
        commitments = commitments.filter(theme=filters.theme)
    if filters.dimension:
        commitments = commitments.filter(dimension=filters.dimension)
    if filters.document:
        document = named(documents_visible_to(caller(request)), filters.document)
        commitments = by_key(commitments, "document", document)
    items, following = page(commitments, order=("slug",), cursor=filters.cursor, limit=filters.limit)
    return {"items": items, "next": following}


class RecommendationFilters(ListParams):
    status: str | None = None
    issuer: str | None = None


@router.get("/recommendations", response=Page[RecommendationOut])
def list_recommendations(request: HttpRequest, filters: Query[RecommendationFilters]) -> dict:
    recommendations = (
        recommendations_visible_to(caller(request))
        .select_related("owner")
        .prefetch_related(  # type: ignore[attr-defined]
            Prefetch("follow_ups", RecommendationFollowUp.objects.order_by("date_start", "position"))
        )
    )
    if filters.status:
        recommendations = recommendations.filter(status=filters.status)
    if filters.issuer:
        issuer = named(organisations_visible_to(caller(request)), filters.issuer)
        recommendations = by_key(recommendations, "issuer", issuer)
    items, following = page(recommendations, order=("slug",), cursor=filters.cursor, limit=filters.limit)
    return {"items": items, "next": following}
