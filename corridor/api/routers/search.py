"""Full-text search across kinds of record (syntax: `corridor.search.query`)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router

from corridor.actors.selectors import field_operations_visible_to
from corridor.api.auth import caller
from corridor.api.inputs import DateText, QueryInput, date_range
from corridor.api.schemas.basis import SearchHitOut
from corridor.core.exceptions import ValidationFailed
from corridor.knowledge.choices import CommitmentTheme, Dimension
from corridor.search.kinds import KIND_NAMES
from corridor.search.selectors import SearchFilters, SearchHit, search

router = Router(tags=["search"])


class SearchParams(QueryInput):
    q: str
    kind: list[str] | None = None
    theme: str | None = None
    dimension: str | None = None
    operation: str | None = None
    start: DateText | None = None
    end: DateText | None = None
    limit: int = Field(50, ge=1, le=200, description="hits, 1–200")


def _one_of(name: str, value: str | None, allowed: list[str]) -> None:
    if value is not None and value not in allowed:
        raise ValidationFailed({name: [f"unknown {name} {value!r}: one of {', '.join(allowed)}"]})


@router.get("/search", response=list[SearchHitOut], summary="Search")
def search_endpoint(request: HttpRequest, params: Query[SearchParams]) -> list[SearchHit]:
    """Records matching `q`, best first: words (all), "a phrase", a OR b, -excluded, prefix*.

    Case and accents are ignored ("presevo" finds "Preševo"). Filters: `kind` (repeatable), `theme` and
    `dimension` (commitments and clauses, and activities through the ones linked to them), `operation`
    (field-operation slug), `start`/`end` (dated records whose span overlaps).
    """
    user = caller(request)
    kinds = params.kind or list(KIND_NAMES)
    unknown = [kind for kind in kinds if kind not in KIND_NAMES]
    if unknown:
        raise ValidationFailed({"kind": [f"unknown kind {unknown[0]!r}: one of {', '.join(KIND_NAMES)}"]})
    if not 1 <= params.limit <= 200:
        raise ValidationFailed({"limit": ["must be between 1 and 200"]})
    _one_of("theme", params.theme, list(CommitmentTheme.values))
    _one_of("dimension", params.dimension, list(Dimension.values))
    start, end = date_range(params.start, params.end)
    operation = None
    if params.operation:
        operation = field_operations_visible_to(user).filter(slug=params.operation).first()
        if operation is None:
            raise ValidationFailed({"operation": [f"unknown field operation {params.operation!r}"]})
    filters = SearchFilters(
        kinds=tuple(kinds),
        theme=params.theme,
        dimension=params.dimension,
        operation=operation,
        start=start,
        end=end,
    )
    return search(user, params.q, filters=filters, limit=params.limit)
