"""The search page: ranked results with marked passages, filters, paging, and a link to each record's page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

from corridor.actors.choices import OrganisationKind
from corridor.actors.selectors import field_operations_visible_to
from corridor.core.dates import DateSpan, DateSpanError
from corridor.knowledge.choices import CommitmentTheme, Dimension
from corridor.search.kinds import KIND_NAMES, SEARCH_KINDS
from corridor.search.results import MAX_PAGE, search_page
from corridor.search.selectors import SearchFilters
from corridor.web.forms import typed_date

PAGE_SIZE = 20
DATE_HELP = "Write a day as 20.11.2015 or 2015-11-20, a month as November 2015 or 2015-11, or a year."


def record_url(kind: str, record: Any) -> str | None:
    """The page that shows `record`, or None for a kind that has no page of its own."""
    if kind == "place":
        return reverse("web:place", args=[record.slug])
    if kind == "organisation":
        if record.kind == OrganisationKind.OSCE_FIELD_OPERATION:
            return reverse("web:operation", args=[record.slug])
        return None
    if kind == "field_operation":
        return reverse("web:operation", args=[record.slug])
    if kind == "mandate":
        return reverse("web:operation", args=[record.operation.slug]) + "#mandate"
    if kind in ("focal_point", "working_group", "interview"):
        if record.organisation.kind == OrganisationKind.OSCE_FIELD_OPERATION:
            return reverse("web:operation", args=[record.organisation.slug]) + f"#{kind.replace('_', '-')}s"
        return None
    if kind == "mandate_clause":
        return reverse("web:operation", args=[record.mandate.operation.slug]) + f"#clause-{record.ref}"
    if kind == "event":
        try:
            return reverse("web:event", args=[record.slug])
        except NoReverseMatch:
            # Where the event pages are not routed, the timeline narrowed to the event's dates shows it.
            span = record.span
            return reverse("web:timeline") + "?" + urlencode({"from": span.start, "to": span.end})
    names = {
        "document": "web:document",
        "commitment": "web:commitment",
        "recommendation": "web:recommendation",
        "activity": "web:activity",
        "visit": "web:visit",
    }
    return reverse(names[kind], args=[record.slug]) if kind in names else None


def _date(params: Any, name: str, errors: dict[str, str]) -> DateSpan | None:
    text = params.get(name, "").strip()
    if not text:
        return None
    try:
        return typed_date(text)
    except DateSpanError as error:
        errors[name] = str(error)
        return None


def _page_number(text: str) -> int:
    return int(text) if text.isdigit() and 1 <= int(text) <= MAX_PAGE else 1


def search(request: HttpRequest) -> HttpResponse:
    """Records matching `q` that the reader may see, 20 a page; filters narrow them, unknown values are
    ignored, and an unreadable date is shown at its field."""
    user, params = request.user, request.GET
    query = params.get("q", "").strip()
    errors: dict[str, str] = {}
    start, end = _date(params, "from", errors), _date(params, "to", errors)
    kinds = tuple(kind for kind in params.getlist("kind") if kind in KIND_NAMES) or KIND_NAMES
    operations = field_operations_visible_to(user).order_by("name")
    operation = (
        operations.filter(slug=params.get("operation", "")).first() if params.get("operation") else None
    )
    filters = SearchFilters(
        kinds=kinds,
        theme=params.get("theme") if params.get("theme") in CommitmentTheme.values else None,
        dimension=params.get("dimension") if params.get("dimension") in Dimension.values else None,
        operation=operation,
        start=start.start if start else None,
        end=end.end if end else None,
    )
    page = None
    if query and not errors:
        page = search_page(user, query, filters=filters, number=_page_number(params.get("page", "")))
    kept = [(name, value) for name, values in params.lists() if name != "page" for value in values]
    return render(
        request,
        "web/search.html",
        {
            "query": query,
            "page": page,
            "results": [(found, record_url(found.hit.kind, found.record)) for found in page.results]
            if page
            else [],
            "kinds": [(kind.name, kind.label) for kind in SEARCH_KINDS.values()],
            "themes": CommitmentTheme.choices,
            "dimensions": Dimension.choices,
            "operations": operations,
            "chosen": {
                "kind": params.get("kind", "") if len(params.getlist("kind")) == 1 else "",
                "theme": filters.theme or "",
                "dimension": filters.dimension or "",
                "operation": operation.slug if operation else "",
                "from": params.get("from", ""),
                "to": params.get("to", ""),
            },
            "errors": errors,
            "date_help": DATE_HELP,
            "paging": urlencode(kept),
        },
    )
