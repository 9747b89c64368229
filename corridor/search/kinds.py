"""Each searchable kind: the funnel selector that decides who reads it, and how a hit names the record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from corridor.actors.selectors import (
    field_operations_visible_to,
    focal_points_visible_to,
    interviews_visible_to,
    organisations_visible_to,
    working_groups_visible_to,
)
from corridor.geo.selectors import places_visible_to
from corridor.knowledge.selectors import (
    clauses_visible_to,
    commitments_visible_to,
    documents_visible_to,
    mandates_visible_to,
    recommendations_visible_to,
)
from corridor.monitoring.selectors import visits_visible_to
from corridor.operations.selectors import activities_visible_to
from corridor.timeline.selectors import events_visible_to

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


@dataclass(frozen=True)
class SearchKind:
    """How to fetch a kind's records for a reader (the funnel) and how a hit shows one of them."""

    name: str
    label: str
    records: Callable[[Reader], QuerySet[Any]]
    title: Callable[[Any], str]
    key: Callable[[Any], str] = lambda record: str(record.slug)
    dated: bool = False

    def date_of(self, record: Any) -> date | None:
        return getattr(record, "date_start", None) if self.dated else None


def _clause_key(clause: Any) -> str:
    return f"{clause.mandate.operation.slug}:{clause.ref}"


def _clause_title(clause: Any) -> str:
    return f"{clause.mandate.operation}: {clause.text}"


def _arrangement_title(arrangement: Any) -> str:
    return f"{arrangement.organisation}: {arrangement.topic}"


def _mandate_visible_to(user: Reader) -> QuerySet[Any]:
    return mandates_visible_to(user).select_related("operation")


def _interviews(user: Reader) -> QuerySet[Any]:
    return interviews_visible_to(user)


SEARCH_KINDS: dict[str, SearchKind] = {
    kind.name: kind
    for kind in (
        SearchKind("place", "Place", places_visible_to, lambda place: place.name),
        SearchKind("organisation", "Organisation", organisations_visible_to, lambda org: org.name),
        SearchKind(
            "field_operation",
            "Field operation",
            field_operations_visible_to,
            lambda operation: f"{operation.name}: engagement",
        ),
        SearchKind(
            "interview",
            "Study interview",
            _interviews,
            str,
            key=lambda interview: str(interview.uid),
            dated=True,
        ),
        SearchKind("focal_point", "Focal point", focal_points_visible_to, _arrangement_title, dated=True),
        SearchKind(
            "working_group", "Working group", working_groups_visible_to, _arrangement_title, dated=True
        ),
        SearchKind(
            "mandate",
            "Mandate",
            _mandate_visible_to,
            lambda mandate: f"Mandate of {mandate.operation}",
            key=lambda mandate: str(mandate.operation.slug),
        ),
        SearchKind("document", "Document", documents_visible_to, str, dated=True),
        SearchKind("commitment", "Commitment", commitments_visible_to, lambda commitment: commitment.text),
        SearchKind("mandate_clause", "Mandate clause", clauses_visible_to, _clause_title, key=_clause_key),
        SearchKind("recommendation", "Recommendation", recommendations_visible_to, lambda rec: rec.text),
        SearchKind("event", "Event", events_visible_to, lambda event: event.title, dated=True),
        SearchKind(
            "activity", "Activity", activities_visible_to, lambda activity: activity.title, dated=True
        ),
        SearchKind(
            "visit",
            "Monitoring visit",
            visits_visible_to,
            lambda visit: visit.purpose or str(visit),
            dated=True,
        ),
    )
}
KIND_NAMES = tuple(SEARCH_KINDS)
