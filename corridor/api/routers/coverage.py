"""Coverage of the commitments by the work, and the gaps."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from corridor.actors.selectors import field_operations_visible_to
from corridor.api.auth import caller
from corridor.api.inputs import QueryInput
from corridor.api.schemas.basis import CoverageOut
from corridor.basis.coverage import coverage
from corridor.core.exceptions import ValidationFailed

router = Router(tags=["coverage"])


class CoverageParams(QueryInput):
    operation: str | None = None
    topic: list[str] | None = None


@router.get("/coverage", response=CoverageOut)
def get_coverage(request: HttpRequest, params: Query[CoverageParams]) -> dict[str, Any]:
    """Commitments by theme × dimension with the number of activities using each; activities by theme
    (through their commitments); topics (`topic`: search queries, repeatable; default: the study's
    'countering violent extremism'); and the gaps. `operation` limits the activities to one operation's."""
    user = caller(request)
    operation = None
    if params.operation:
        operation = field_operations_visible_to(user).filter(slug=params.operation).first()
        if operation is None:
            raise ValidationFailed({"operation": [f"unknown field operation {params.operation!r}"]})
    topics = {query: query for query in params.topic} if params.topic else None
    report = coverage(user, operation=operation, topics=topics)
    return {
        "themes": [{"value": value, "label": label} for value, label in report.themes],
        "dimensions": [{"value": value, "label": label} for value, label in report.dimensions],
        "matrix": [
            {
                "theme": theme,
                "dimension": dimension,
                "commitments": [
                    {"key": use.commitment.slug, "text": use.commitment.text, "activities": use.activities}
                    for use in uses
                ],
            }
            for (theme, dimension), uses in sorted(report.matrix.items())
        ],
        "by_theme": [use.__dict__ for use in report.by_theme],
        "activities": report.activities,
        "activities_without_commitment": report.activities_without_commitment,
        "topics": [{**topic.__dict__, "unconnected": topic.unconnected} for topic in report.topics],
        "gaps": [gap.__dict__ for gap in report.gaps],
    }
