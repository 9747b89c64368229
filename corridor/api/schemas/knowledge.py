from __future__ import annotations

from typing import Any

from ninja import Schema

from corridor.api.schemas.common import DateOut, RecordOut, date_of
from corridor.api.shown import slug_of


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
    def resolve_issuer(document: Any, context: Any) -> str | None:
        return slug_of(context, document.issuer)

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
    def resolve_document(commitment: Any, context: Any) -> str | None:
        return slug_of(context, commitment.document)


class FollowUpOut(Schema):
    date: DateOut | None
    text: str

    @staticmethod
    def resolve_date(follow_up: Any) -> DateOut | None:
        return date_of(follow_up)


class RecommendationOut(RecordOut):
    slug: str
    issuer: str | None
    source_document: str | None
    addressee: str
    text: str
    status: str
    follow_ups: list[FollowUpOut]

    @staticmethod
    def resolve_issuer(recommendation: Any, context: Any) -> str | None:
        return slug_of(context, recommendation.issuer)

    @staticmethod
    def resolve_source_document(recommendation: Any, context: Any) -> str | None:
        return slug_of(context, recommendation.source_document)

    @staticmethod
    def resolve_follow_ups(recommendation: Any) -> list[Any]:
        return list(recommendation.follow_ups.all())
