"""The basis of activities: suggested mandate clauses and commitments, users' decisions, and the work of
an operation still without a basis."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from corridor.accounts.access import person_label
from corridor.actors.selectors import field_operations_visible_to
from corridor.api.auth import caller
from corridor.api.concurrency import etag, expected_version
from corridor.api.inputs import QueryInput
from corridor.api.pagination import page
from corridor.api.routers.reference import ListParams
from corridor.api.schemas.basis import ActivityBasisOut, ActivitySummaryOut, BasisDecisionIn, SuggestionsOut
from corridor.api.schemas.common import Page
from corridor.basis.selectors import activities_without_basis, basis_of, suggest_for_draft
from corridor.basis.services import decide_basis
from corridor.core.exceptions import NotFound, ValidationFailed
from corridor.knowledge.basis import BasisSuggestions, Suggestion
from corridor.knowledge.selectors import clauses_visible_to, commitments_visible_to
from corridor.operations.selectors import get_activity_for_user

router = Router(tags=["basis"])


def _suggestion(item: Suggestion) -> dict[str, Any]:
    return {
        "kind": item.kind,
        "key": item.key,
        "text": item.record.text,
        "score": item.score,
        "passage": item.passage,
        "matched": list(item.matched),
    }


def _suggestions(suggestions: BasisSuggestions) -> dict[str, Any]:
    return {
        "clauses": [_suggestion(item) for item in suggestions.clauses],
        "commitments": [_suggestion(item) for item in suggestions.commitments],
    }


def _clause_key(clause: Any) -> str:
    return f"{clause.mandate.operation.slug}:{clause.ref}"


def _basis(request: HttpRequest, slug: str, response: HttpResponse) -> dict[str, Any]:
    user = caller(request)
    basis = basis_of(user, get_activity_for_user(user, slug=slug))
    response["ETag"] = etag(basis.activity.version)
    return {
        "activity": basis.activity.slug,
        "version": basis.activity.version,
        "clauses": [{"key": _clause_key(c), "text": c.text, "dimension": c.dimension} for c in basis.clauses],
        "commitments": [
            {"key": c.slug, "text": c.text, "theme": c.theme, "dimension": c.dimension}
            for c in basis.commitments
        ],
        "decisions": [
            {
                "kind": "mandate_clause" if d.clause_id else "commitment",
                "key": _clause_key(d.clause) if d.clause is not None else d.commitment.slug,  # type: ignore[union-attr]
                "verdict": d.verdict,
                "decided_by": person_label(user, d.decided_by),
                "decided_at": d.decided_at,
            }
            for d in basis.decisions
        ],
        "suggestions": _suggestions(basis.suggestions),
    }


@router.get("/activities/{slug}/basis", response=ActivityBasisOut)
def get_activity_basis(request: HttpRequest, slug: str, response: HttpResponse) -> dict[str, Any]:
    """The activity's linked clauses and commitments, the decisions taken, and ranked suggestions (each with
    its passage, matched words in <mark>) leaving out what is linked or was rejected."""
    return _basis(request, slug, response)


@router.post("/activities/{slug}/basis", response=ActivityBasisOut)
def post_activity_basis(
    request: HttpRequest, slug: str, body: BasisDecisionIn, response: HttpResponse
) -> dict[str, Any]:
    """Confirm (link) or reject (unlink, and suggest no more) one clause or commitment. Needs `If-Match`
    with the activity's version; answers with the new basis and the activity's new ETag."""
    user = caller(request)
    activity = get_activity_for_user(user, slug=slug)
    version = expected_version(request)
    if (body.clause is None) == (body.commitment is None):
        raise ValidationFailed({"clause": ["name one clause or one commitment"]})
    clause = commitment = None
    if body.clause is not None:
        operation, _, ref = body.clause.partition(":")
        clause = clauses_visible_to(user).filter(mandate__operation__slug=operation, ref=ref).first()
        if clause is None:
            raise ValidationFailed({"clause": [f"unknown mandate clause {body.clause!r} (operation:ref)"]})
    else:
        commitment = commitments_visible_to(user).filter(slug=body.commitment).first()
        if commitment is None:
            raise ValidationFailed({"commitment": [f"unknown commitment {body.commitment!r}"]})
    decide_basis(
        actor=user,
        activity=activity,
        verdict=body.verdict,
        expected_version=version,
        clause=clause,
        commitment=commitment,
    )
    return _basis(request, slug, response)


def _operation(request: HttpRequest, slug: str) -> Any:
    operation = field_operations_visible_to(caller(request)).filter(slug=slug).first()
    if operation is None:
        raise NotFound("no such field operation")
    return operation


@router.get("/field-operations/{slug}/activities-without-basis", response=Page[ActivitySummaryOut])
def list_activities_without_basis(request: HttpRequest, slug: str, params: Query[ListParams]) -> dict:
    """Activities the operation leads that have no mandate clause and no commitment linked."""
    activities = activities_without_basis(caller(request), operation=_operation(request, slug))
    items, following = page(activities, order=("date_start", "uid"), cursor=params.cursor, limit=params.limit)
    return {"items": items, "next": following}


class DraftParams(QueryInput):
    title: str
    description: str = ""


@router.get("/field-operations/{slug}/basis-suggestions", response=SuggestionsOut)
def suggest_for_new_activity(request: HttpRequest, slug: str, params: Query[DraftParams]) -> dict[str, Any]:
    """Suggestions for an activity not yet recorded, from its title and description."""
    operation = _operation(request, slug)
    suggestions = suggest_for_draft(
        caller(request), operation=operation, title=params.title, description=params.description
    )
    return _suggestions(suggestions)
