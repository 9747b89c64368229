"""The mandate basis of an activity on its page: what is confirmed, what is suggested, what was rejected,
and the confirm / reject buttons (htmx, or a plain POST without JavaScript) that call `decide_basis`.

A decision carries the activity's version. When someone changed the activity's basis first, nothing is
saved: the section shows what the user asked for beside what is now saved, and offers the choice again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Refused
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from corridor.accounts.access import may_change, person_label
from corridor.basis.choices import Verdict
from corridor.basis.models import BasisDecision
from corridor.basis.selectors import ActivityBasis, basis_of
from corridor.basis.services import decide_basis
from corridor.core.exceptions import ConcurrentUpdate, NotFound, PermissionDenied, ValidationFailed
from corridor.knowledge.basis import Suggestion
from corridor.knowledge.models import Commitment, MandateClause
from corridor.knowledge.selectors import clauses_visible_to, commitments_visible_to
from corridor.operations.models import Activity
from corridor.operations.selectors import get_activity_for_user

KINDS = {"mandate_clause": "mandate clause", "commitment": "commitment"}


@dataclass(frozen=True)
class BasisItem:
    """A clause or commitment as the section shows it: linked, suggested (with score and marked passage),
    or rejected, with the decision taken on it if any."""

    kind: str
    key: str
    record: MandateClause | Commitment
    decision: BasisDecision | None = None
    passage: str = ""
    score: float | None = None
    best: float | None = None
    """The best score among the suggestions of the same list, which `strength` is measured against."""

    @property
    def strength(self) -> str:
        """How well the suggestion matches, in words: relative to the best suggestion of its list."""
        if self.score is None or not self.best:
            return ""
        share = self.score / self.best
        return "strong match" if share >= 0.75 else "fair match" if share >= 0.4 else "weak match"

    @property
    def dom_id(self) -> str:
        return f"basis-{self.kind}-{self.record.pk}"

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


def _clause_key(clause: MandateClause) -> str:
    return f"{clause.mandate.operation.slug}:{clause.ref}"


def _items(basis: ActivityBasis) -> dict[str, list[BasisItem]]:
    decided = {
        ("mandate_clause", d.clause_id) if d.clause_id else ("commitment", d.commitment_id): d
        for d in basis.decisions
    }

    def suggested(suggestion: Suggestion, among: Any) -> BasisItem:
        scores = [s.score for s in among if s.score is not None]
        return BasisItem(
            suggestion.kind,
            suggestion.key,
            suggestion.record,
            decided.get((suggestion.kind, suggestion.record.pk)),
            suggestion.passage,
            suggestion.score,
            max(scores) if scores else None,
        )

    rejected = [d for d in basis.decisions if d.verdict == Verdict.REJECTED]
    return {
        "clauses": [
            BasisItem("mandate_clause", _clause_key(c), c, decided.get(("mandate_clause", c.pk)))
            for c in basis.clauses
        ],
        "commitments": [
            BasisItem("commitment", c.slug, c, decided.get(("commitment", c.pk))) for c in basis.commitments
        ],
        "suggested_clauses": [suggested(s, basis.suggestions.clauses) for s in basis.suggestions.clauses],
        "suggested_commitments": [
            suggested(s, basis.suggestions.commitments) for s in basis.suggestions.commitments
        ],
        "rejected": [
            BasisItem("mandate_clause", _clause_key(d.clause), d.clause, d)
            if d.clause is not None
            else BasisItem("commitment", d.commitment.slug, d.commitment, d)  # type: ignore[union-attr,arg-type]
            for d in rejected
        ],
    }


def basis_context(request: HttpRequest, activity: Activity, **extra: Any) -> dict[str, Any]:
    """What the activity page's basis section shows to this reader (`activity` fetched through the funnel)."""
    basis = basis_of(request.user, activity)
    return {
        "activity": basis.activity,
        "version": activity.version,
        "can_decide": may_change(
            request.user, classification=activity.classification, owner_id=activity.owner_id
        ),
        **_items(basis),
        **extra,
    }


def _target(request: HttpRequest) -> tuple[MandateClause | None, Commitment | None]:
    """The clause or commitment the form names, read through the funnel; `Http404` when the reader may
    not see it or it does not exist."""
    kind, key = request.POST.get("kind", ""), request.POST.get("key", "")
    if kind == "mandate_clause":
        operation, _, ref = key.partition(":")
        clause = clauses_visible_to(request.user).filter(mandate__operation__slug=operation, ref=ref).first()
        if clause is not None:
            return clause, None
    elif kind == "commitment":
        commitment = commitments_visible_to(request.user).filter(slug=key).first()
        if commitment is not None:
            return None, commitment
    raise Http404(f"no {KINDS.get(kind, 'clause or commitment')} {key!r}")


def _saved_state(viewer: Any, basis: dict[str, Any], kind: str, key: str) -> str:
    """How the clause or commitment stands now, in words, for the side-by-side view of a conflict."""
    linked = basis["clauses"] if kind == "mandate_clause" else basis["commitments"]
    for item in linked:
        if item.key == key:
            by = _by(viewer, item.decision.decided_by) if item.decision else ""
            return f"confirmed{by}"
    for item in basis["rejected"]:
        if item.key == key:
            by = _by(viewer, item.decision.decided_by)
            return f"rejected{by}"
    return "not decided"


def _by(viewer: Any, person: Any) -> str:
    label = person_label(viewer, person)
    return f" by {label}" if label else ""


def _answer(request: HttpRequest, activity: Activity, context: dict[str, Any]) -> HttpResponse:
    """The refreshed section (htmx), or the whole activity page (a plain form post that needs showing)."""
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "web/partials/basis.html", {"basis": context})
    return render(
        request,
        "web/activity.html",
        {
            "activity": activity,
            "can_change": context["can_decide"],
            "training": getattr(activity, "training", None),
            "basis": context,
        },
    )


@login_required
@require_POST
def decide(request: HttpRequest, slug: str) -> HttpResponse:
    """Confirm or reject one clause or commitment as the activity's basis.

    A hidden activity, clause or commitment answers 404 (as if absent); a reader who may see the activity
    but not edit it, 403.
    """
    user = request.user
    try:
        activity = get_activity_for_user(user, slug=slug)
    except NotFound:
        raise Http404("no such activity") from None
    if not may_change(user, classification=activity.classification, owner_id=activity.owner_id):
        raise Refused("only an editor of the activity's organisation decides its basis")
    clause, commitment = _target(request)
    version = request.POST.get("version", "")
    if not version.isdigit():
        return HttpResponseBadRequest("the form carries no version of the activity: reload the page")
    verdict = request.POST.get("verdict", "")
    kind, key = request.POST["kind"], request.POST["key"]
    try:
        decided = decide_basis(
            actor=user,
            activity=activity,
            verdict=verdict,
            expected_version=int(version),
            clause=clause,
            commitment=commitment,
        )
    except PermissionDenied as error:
        raise Refused(str(error)) from None
    except ConcurrentUpdate:
        activity.refresh_from_db()
        now = basis_context(request, activity)
        now["conflict"] = {
            "target": f"{KINDS[kind]} {key}",
            "yours": verdict,
            "saved": _saved_state(request.user, now, kind, key),
        }
        return _answer(request, activity, now)
    except ValidationFailed as error:
        problem = "; ".join(text for texts in error.errors.values() for text in texts)
        return _answer(request, activity, basis_context(request, activity, error=problem))
    said = f"{KINDS[kind].capitalize()} {verdict} as a basis of this activity."
    if request.htmx:  # type: ignore[attr-defined]
        return _answer(request, decided.activity, basis_context(request, decided.activity, notice=said))
    messages.success(request, said)
    return redirect(reverse("web:activity", args=[activity.slug]) + "#basis")
