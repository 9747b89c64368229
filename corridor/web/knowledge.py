"""The knowledge pages: commitments by theme and dimension (searchable), a commitment, a document, and the
coverage of the commitments by the work with the gaps the coverage module finds."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from corridor.actors.selectors import field_operations_visible_to
from corridor.basis.choices import Verdict
from corridor.basis.coverage import coverage as coverage_of
from corridor.basis.selectors import decisions_visible_to
from corridor.core.citations import citations_of
from corridor.core.exceptions import NotFound
from corridor.knowledge.choices import CommitmentTheme, Dimension
from corridor.knowledge.selectors import (
    commitments_visible_to,
    documents_visible_to,
    get_document_for_user,
    mandates_visible_to,
    recommendations_visible_to,
)
from corridor.operations.selectors import activities_visible_to
from corridor.search.selectors import SearchFilters, search

GAP_LINKS = {
    "theme_unused": "commitment",
    "commitments_unused": "commitment",
    "topic_unconnected": "activity",
}
"""What the keys of each kind of gap name (see `basis.coverage.Gap`)."""


def _choice(value: str | None, allowed: list[str]) -> str | None:
    return value if value in allowed else None


def index(request: HttpRequest) -> HttpResponse:
    """Commitments grouped by theme, then dimension; words (full-text, ranked, passages marked) and the
    theme and dimension narrow them."""
    user, params = request.user, request.GET
    query = params.get("q", "").strip()
    theme = _choice(params.get("theme"), list(CommitmentTheme.values))
    dimension = _choice(params.get("dimension"), list(Dimension.values))
    commitments = commitments_visible_to(user).order_by("theme", "dimension", "slug")
    if theme:
        commitments = commitments.filter(theme=theme)
    if dimension:
        commitments = commitments.filter(dimension=dimension)
    matches = None
    if query:
        filters = SearchFilters(kinds=("commitment",), theme=theme, dimension=dimension)
        hits = search(user, query, filters=filters, limit=200)
        found = {c.slug: c for c in commitments.filter(slug__in=[hit.key for hit in hits])}
        matches = [(hit, found[hit.key]) for hit in hits if hit.key in found]
    by_cell: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for commitment in commitments:
        by_cell[(commitment.theme, commitment.dimension)].append(commitment)
    groups = []
    for theme_value, theme_label in CommitmentTheme.choices:
        cells = [
            (label, by_cell[(theme_value, value)])
            for value, label in Dimension.choices
            if by_cell.get((theme_value, value))
        ]
        if cells:
            groups.append((theme_label, cells))
    return render(
        request,
        "web/knowledge.html",
        {
            "query": query,
            "matches": matches,
            "groups": groups,
            "count": sum(len(items) for items in by_cell.values()),
            "themes": CommitmentTheme.choices,
            "dimensions": Dimension.choices,
            "chosen": {"theme": theme or "", "dimension": dimension or ""},
            "documents": documents_visible_to(user)
            .filter(commitments__isnull=False)
            .distinct()
            .order_by(F("date_start").asc(nulls_last=True), "title"),
        },
    )


def commitment(request: HttpRequest, slug: str) -> HttpResponse:
    """A commitment: its text, theme and dimension, its source document, and the activities whose
    confirmed basis it is (with who confirmed it, where a decision was recorded)."""
    user = request.user
    found = commitments_visible_to(user).select_related("document").filter(slug=slug).first()
    if found is None:
        raise Http404("no such commitment")
    activities = list(activities_visible_to(user).filter(commitments=found).order_by("date_start", "slug"))
    decisions = {
        decision.activity_id: decision
        for decision in decisions_visible_to(user).filter(commitment=found, verdict=Verdict.CONFIRMED)
    }
    document = None
    if found.document_id:
        document = documents_visible_to(user).filter(pk=found.document_id).first()
    return render(
        request,
        "web/knowledge_commitment.html",
        {
            "commitment": found,
            "document": document,
            "activities": [(activity, decisions.get(activity.pk)) for activity in activities],
            "citations": citations_of(found),
        },
    )


def document(request: HttpRequest, slug: str) -> HttpResponse:
    """A document: what it is, its text where held, the commitments it contains and the recommendations
    it makes, and the mandates it founds."""
    user = request.user
    try:
        found = get_document_for_user(user, slug=slug)
    except NotFound:
        raise Http404("no such document") from None
    return render(
        request,
        "web/knowledge_document.html",
        {
            "document": found,
            "commitments": commitments_visible_to(user).filter(document=found).order_by("theme", "slug"),
            "recommendations": recommendations_visible_to(user).filter(source_document=found),
            "mandates": mandates_visible_to(user).filter(documents=found),
            "citations": citations_of(found),
        },
    )


def _gap_rows(user: Any, gaps: list[Any]) -> list[tuple[Any, list[tuple[str, str, str]]]]:
    """Each gap with what its keys name: (kind, key, title), read through the funnel."""
    keys: dict[str, set[str]] = defaultdict(set)
    for gap in gaps:
        keys[GAP_LINKS.get(gap.kind, "")].update(gap.keys)
    titles = {
        ("commitment", c.slug): c.text
        for c in commitments_visible_to(user).filter(slug__in=keys["commitment"])
    }
    titles.update(
        {("activity", a.slug): a.title for a in activities_visible_to(user).filter(slug__in=keys["activity"])}
    )
    rows = []
    for gap in gaps:
        kind = GAP_LINKS.get(gap.kind, "")
        named = [(kind, key, titles[(kind, key)]) for key in gap.keys if (kind, key) in titles]
        rows.append((gap, named))
    return rows


def coverage(request: HttpRequest) -> HttpResponse:
    """Commitments by theme × dimension (each cell: its commitments and how many activities use each),
    activities by theme, and the gaps — all as `basis.coverage` computes them for this reader."""
    user = request.user
    operations = field_operations_visible_to(user).order_by("name")
    operation = None
    if request.GET.get("operation"):
        operation = operations.filter(slug=request.GET["operation"]).first()
    report = coverage_of(user, operation=operation)
    matrix = []
    for theme, label in report.themes:
        cells = []
        for dimension, _ in report.dimensions:
            uses = report.matrix.get((theme, dimension), [])
            cells.append((uses, sum(1 for use in uses if use.activities)))
        matrix.append((label, cells))
    unlinked = activities_visible_to(user).filter(slug__in=report.activities_without_commitment)
    return render(
        request,
        "web/coverage.html",
        {
            "report": report,
            "matrix": matrix,
            "gaps": _gap_rows(user, report.gaps),
            "unlinked": unlinked.order_by("date_start", "slug"),
            "operations": operations,
            "operation": operation,
        },
    )
