"""Readers for documents, commitments, mandates and clauses, and recommendations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from corridor.accounts.access import get_visible, restrict
from corridor.knowledge.models import (
    Commitment,
    Document,
    Mandate,
    MandateClause,
    Recommendation,
    RecommendationFollowUp,
)

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


def documents_visible_to(user: Reader) -> QuerySet[Document]:
    return restrict(Document.objects.select_related("issuer"), user)


def get_document_for_user(user: Reader, *, slug: str) -> Document:
    return get_visible(Document.objects.select_related("issuer"), user, slug=slug)


def commitments_visible_to(user: Reader) -> QuerySet[Commitment]:
    return restrict(Commitment.objects.select_related("document"), user)


def mandates_visible_to(user: Reader) -> QuerySet[Mandate]:
    return restrict(Mandate.objects.select_related("operation"), user)


def clauses_visible_to(user: Reader) -> QuerySet[MandateClause]:
    return restrict(MandateClause.objects.select_related("mandate__operation"), user, via="mandate__")


def recommendations_visible_to(user: Reader) -> QuerySet[Recommendation]:
    return restrict(Recommendation.objects.select_related("issuer", "source_document"), user)


def follow_ups_visible_to(user: Reader) -> QuerySet[RecommendationFollowUp]:
    return restrict(RecommendationFollowUp.objects.all(), user, via="recommendation__")
