"""What the list pages share: the period a reader types, the sort they chose, the page they are on.

Each record kind's filters are defined once, beside its readers (`EventFilters`, `VisitFilters`,
`ActivityFilters`, `MeetingFilters` in the apps' selectors); a page only reads them from its query string,
so a filtered list is a link anyone may share, and the API reads the same filters from the same names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.http import QueryDict

from corridor.core.dates import DateSpanError
from corridor.web.forms import typed_date

PER_PAGE = 50


def period(params: QueryDict, errors: dict[str, str]) -> tuple[date | None, date | None]:
    """The period typed in `from` and `to` (or the API's `start` and `end`): from the first day of the one
    to the last day of the other, each as people type dates; an error per date that could not be read."""
    bounds: list[date | None] = []
    for name, alias, edge in (("from", "start", "start"), ("to", "end", "end")):
        text = (params.get(name) or params.get(alias) or "").strip()
        if not text:
            bounds.append(None)
            continue
        try:
            bounds.append(getattr(typed_date(text), edge))
        except DateSpanError as error:
            errors[name] = str(error)
            bounds.append(None)
    return bounds[0], bounds[1]


@dataclass(frozen=True)
class Column:
    """A column a list sorts by: its label and the fields it orders by (ascending)."""

    label: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Sorted:
    """A page of a sorted list, and how each column header links to sorting by it."""

    page: Page[Any]
    key: str
    descending: bool
    headers: list[dict[str, str]]


def sorted_page(
    params: QueryDict, queryset: QuerySet[Any], columns: dict[str, Column], default: str
) -> Sorted:
    """Sort by `?sort=<column>` (or `-<column>` for descending; `default` otherwise), page by `?page=`."""
    wanted = params.get("sort", default)
    key = wanted.removeprefix("-")
    if key not in columns:
        wanted, key = default, default.removeprefix("-")
    descending = wanted.startswith("-")
    ordering = [
        F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True)
        for field in columns[key].fields
    ]
    page = Paginator(queryset.order_by(*ordering, "-pk" if descending else "pk"), PER_PAGE).get_page(
        params.get("page")
    )
    kept = [(name, value) for name, value in params.items() if name not in ("sort", "page") and value]
    headers = []
    for name, column in columns.items():
        current = name == key
        flip = f"{name}" if current and descending else f"-{name}" if current else name
        headers.append(
            {
                "label": column.label,
                "href": "?" + urlencode([*kept, ("sort", flip)]),
                "aria_sort": ("descending" if descending else "ascending") if current else "none",
            }
        )
    return Sorted(page, key, descending, headers)
