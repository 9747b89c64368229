from __future__ import annotations

from typing import Any

from ninja import Schema

from corridor.api.schemas.common import DateOut, RecordOut, date_of


class DocumentOut(RecordOut):
    slug: str
    symbol: str
    title: str
    kind: str
    issuer: str | None
    date: DateOut | None
    place: str
    footnotes: list[int]

    @staticmethod
    def resolve_issuer(document: Any) -> str | None:
        return document.issuer.slug if document.issuer_id else None

    @staticmethod
    def resolve_date(document: Any) -> DateOut | None:
        return date_of(document)

    @staticmethod
    def resolve_place(document: Any) -> str:
        return str(document.place_text)


class CommitmentOut(RecordOut):
    slug: str
    document: str | None
    text: str
    theme: str
    dimension: str

    @staticmethod
    def resolve_document(commitment: Any) -> str | None:
        return commitment.document.slug if commitment.document_id else None


class FollowUpOut(Schema):
    date: DateOut | None
    text: str

    @staticmethod
    def resolve_date(follow_up: Any) -> DateOut | None:
        return date_of(follow_up)


class RecommendationOut(RecordOut):
    slug: str
    issuer: str
    source_document: str | None
    addressee: str
    text: str
    status: str
    follow_ups: list[FollowUpOut]

    @staticmethod
    def resolve_issuer(recommendation: Any) -> str:
        return recommendation.issuer.slug

    @staticmethod
    def resolve_source_document(recommendation: Any) -> str | None:
        return recommendation.source_document.slug if recommendation.source_document_id else None

    @staticmethod
    def resolve_follow_ups(recommendation: Any) -> list[Any]:
        return list(recommendation.follow_ups.all())
