"""Search across kinds of record."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Query, Router, Schema

from corridor.api.auth import caller
from corridor.core.exceptions import ValidationFailed
from corridor.core.search import KIND_NAMES, search

router = Router(tags=["search"])


class SearchHitOut(Schema):
    kind: str
    key: str
    title: str
    snippet: str
    date: date | None
    score: float


class SearchParams(Schema):
    q: str
    kind: list[str] | None = None
    limit: int = 50


@router.get("/search", response=list[SearchHitOut])
def search_endpoint(request: HttpRequest, params: Query[SearchParams]) -> list:
    kinds = params.kind or list(KIND_NAMES)
    unknown = [kind for kind in kinds if kind not in KIND_NAMES]
    if unknown:
        raise ValidationFailed({"kind": [f"unknown kind {unknown[0]!r}: one of {', '.join(KIND_NAMES)}"]})
    if not 1 <= params.limit <= 200:
        raise ValidationFailed({"limit": ["must be between 1 and 200"]})
    return search(caller(request), params.q, kinds=kinds, limit=params.limit)
