"""Template helpers: dates with their precision, classification badges, names per audience."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import QuerySet
from django.utils.html import format_html

from corridor.accounts.access import name_or_withheld, person_label, shown, shown_all, withheld_label
from corridor.geo.selectors import country_display_name
from corridor.web.context import CONVENTION_DAY

register = template.Library()


@register.filter
def when(record: Any) -> str:
    """A record's date as its source gave it: '5 May 2016', 'November 2015', 'early 2015'."""
    span = getattr(record, "span", None)
    return span.text() if span is not None else "undated"


@register.filter
def badge(classification: str) -> str:
    return format_html('<span class="badge {}">{}</span>', classification, classification)


@register.simple_tag(takes_context=True)
def country_name(context: dict[str, Any], country: Any, on: Any = None) -> str:
    """The country's name in the reader's chosen convention (today's, or as used in 2015–16 documents)."""
    if country is None:
        return ""
    audience = context.get("name_audience", "neutral")
    return country_display_name(country, audience=audience, on=on or CONVENTION_DAY.get(audience))


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key)


@register.filter
def shown_to(records: Any, user: Any) -> Any:
    """The record(s) `user` may read: one record or None, or the readable ones of a list or queryset.

    Pages name a referenced record (a meeting's convenor, an activity's partners) only through this or
    `ref`, so a reader never learns the name of a record they may not read.
    """
    if records is None or records == "":
        return None
    if hasattr(records, "_meta"):
        return shown(user, records)
    return shown_all(user, _rows(records))


@register.filter
def ref(record: Any, user: Any) -> str:
    """A referenced record's name, or the words that stand for one withheld ('a restricted organisation')."""
    return name_or_withheld(user, record) if record else ""


@register.filter
def refs(records: Any, user: Any) -> str:
    """The names of the referenced records `user` may read, joined; '—' when there are none."""
    items = list(_rows(records))
    names = [str(item) for item in shown_all(user, items)]
    hidden = len(items) - len(names)
    if hidden:
        names.append(withheld_label(type(items[0])) if hidden == 1 else f"{hidden} {_plural(items[0])}")
    return ", ".join(names) or "—"


def _rows(records: Any) -> Any:
    """The rows of a related manager (through its prefetch cache), a queryset or a list — a queryset is
    iterated as it is, so a prefetched one is not queried again."""
    if records is None or records == "":
        return []
    if isinstance(records, QuerySet | list | tuple):
        return records
    return records.all() if hasattr(records, "all") else records


def _plural(record: Any) -> str:
    return f"restricted {record._meta.verbose_name_plural}"


@register.simple_tag(takes_context=True)
def person(context: dict[str, Any], someone: Any) -> str:
    """How the signed-in reader may name `someone` (never a user name but their own): see `person_label`."""
    request = context.get("request")
    return person_label(getattr(request, "user", None), someone) or ""


@register.simple_tag
def form_problems(form: Any, formsets: Any = None) -> list[dict[str, str]]:
    """Every error of a form and its row sets, in page order, each with the id of the field it is at:
    what an error summary lists, one link per problem (`#<form-id>` for a problem of the whole form)."""
    problems: list[dict[str, str]] = []

    def of(one: Any, prefix: str = "") -> None:
        if one is None or not one.is_bound:
            return
        for error in one.non_field_errors():
            problems.append({"href": "#edit-form", "text": f"{prefix}{error}"})
        for field in one:
            for error in field.errors:
                problems.append(
                    {
                        "href": f"#{field.id_for_label or field.auto_id}",
                        "text": f"{prefix}{field.label}: {error}",
                    }
                )

    of(form)
    for label, formset in formsets or []:
        for error in formset.non_form_errors():
            problems.append({"href": "#edit-form", "text": f"{label}: {error}"})
        for number, row in enumerate(formset.forms, start=1):
            of(row, f"{label}, row {number} — ")
    return problems


@register.filter
def make_list_of(text: str) -> list[str]:
    """ "A,B" → ["A", "B"]: extra column headers given inline in a template."""
    return [part.strip() for part in text.split(",") if part.strip()]
