"""Template helpers: dates with their precision, classification badges, names per audience."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

from corridor.accounts.access import person_label
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


@register.simple_tag(takes_context=True)
def person(context: dict[str, Any], someone: Any) -> str:
    """How the signed-in reader may name `someone` (never a user name but their own): see `person_label`."""
    request = context.get("request")
    return person_label(getattr(request, "user", None), someone) or ""
