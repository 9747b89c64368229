"""Every text the case-study loader stores is reachable: for every model and text field the loader writes,
each stored value appears in the record's API answer, its page, or its search entry.

The fields are found by watching a load (every `Syncer.upsert` and `replace_children`), not listed by
hand, so a field added to the loader later is walked too."""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.test import Client

from corridor.actors.choices import OrganisationKind
from corridor.casestudy.services import load_case_study
from corridor.casestudy.sync import Syncer
from corridor.search.models import SearchEntry

pytestmark = pytest.mark.django_db

NOT_TEXT = {"slug", "code", "alpha3", "date_precision", "classification"}
"""Keys and codes, not statements: a slug is in every URL, a precision in every date's phrase."""
SAMPLES = 4


def _written_fields(monkeypatch: pytest.MonkeyPatch) -> dict[str, set[str]]:
    written: dict[str, set[str]] = defaultdict(set)
    upsert, replace = Syncer.upsert, Syncer.replace_children

    def watched_upsert(self: Syncer, model: Any, **kwargs: Any) -> Any:
        written[model._meta.label] |= (
            set(kwargs["key"]) | set(kwargs["values"]) | set(kwargs.get("m2m") or {})
        )
        return upsert(self, model, **kwargs)

    def watched_replace(self: Syncer, model: Any, **kwargs: Any) -> Any:
        for row in kwargs["rows"]:
            written[model._meta.label] |= set(row)
        return replace(self, model, **kwargs)

    monkeypatch.setattr(Syncer, "upsert", watched_upsert)
    monkeypatch.setattr(Syncer, "replace_children", watched_replace)
    load_case_study()
    written["operations.TrainingParticipation"] |= {"institution_name"}  # written row by row
    return written


def _text_fields(label: str, names: set[str]) -> list[str]:
    model = apps.get_model(label)
    chosen = []
    for name in sorted(names):
        field = model._meta.get_field(name)
        if name in NOT_TEXT or getattr(field, "choices", None):
            continue
        if isinstance(field, models.CharField | models.TextField | models.JSONField):
            chosen.append(name)
    return chosen


def _values(value: Any) -> list[str]:
    if isinstance(value, str):
        return [" ".join(value.split())] if value.strip() else []
    if isinstance(value, list):
        return [text for item in value for text in _values(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _values(item)]
    return []


def _operation_paths(organisation: Any) -> list[str]:
    if organisation.kind != OrganisationKind.OSCE_FIELD_OPERATION:
        return []
    return [f"/api/v1/field-operations/{organisation.slug}", f"/operations/{organisation.slug}/"]


def _search(kind: str, object_id: int) -> str:
    return " ".join(
        f"{entry.title} {entry.body} {entry.places}"
        for entry in SearchEntry.objects.filter(kind=kind, object_id=object_id)
    )


Where = Callable[[Any], tuple[list[str], str]]
"""A record → the API and page paths that show it, and the text of its search entries."""

WHERE: dict[str, Where] = {
    "core.Source": lambda s: (["/api/v1/sources?limit=1000"], ""),
    "geo.Country": lambda c: (["/api/v1/countries?limit=1000", f"/places/{c.code.lower()}/"], ""),
    "geo.CountryName": lambda n: (["/api/v1/countries?limit=1000"], ""),
    "geo.Place": lambda p: ([f"/api/v1/places/{p.slug}", f"/places/{p.slug}/"], _search("place", p.pk)),
    "geo.RouteLink": lambda link: (["/api/v1/route-links?limit=1000"], ""),
    "actors.Organisation": lambda o: (
        [f"/api/v1/organisations/{o.slug}", *_operation_paths(o)],
        _search("organisation", o.pk),
    ),
    "actors.FieldOperation": lambda f: (
        _operation_paths(f.organisation),
        _search("field_operation", f.organisation_id),
    ),
    "actors.Interview": lambda i: (
        [f"/api/v1/interviews/{i.uid}", f"/interviews/{i.uid}/"],
        _search("interview", i.pk),
    ),
    "actors.FocalPoint": lambda p: (_operation_paths(p.organisation), _search("focal_point", p.pk)),
    "actors.WorkingGroup": lambda g: (_operation_paths(g.organisation), _search("working_group", g.pk)),
    "knowledge.Document": lambda d: (
        [f"/api/v1/documents/{d.slug}", f"/knowledge/documents/{d.slug}/"],
        _search("document", d.pk),
    ),
    "knowledge.Commitment": lambda c: (
        ["/api/v1/commitments?limit=1000", f"/knowledge/commitments/{c.slug}/"],
        _search("commitment", c.pk),
    ),
    "knowledge.Mandate": lambda m: (_operation_paths(m.operation), _search("mandate", m.pk)),
    "knowledge.MandateClause": lambda c: (
        _operation_paths(c.mandate.operation),
        _search("mandate_clause", c.pk),
    ),
    "knowledge.Recommendation": lambda r: (
        [f"/api/v1/recommendations/{r.slug}/tracker", f"/knowledge/recommendations/{r.slug}/"],
        _search("recommendation", r.pk),
    ),
    "knowledge.RecommendationFollowUp": lambda f: WHERE["knowledge.Recommendation"](f.recommendation),
    "monitoring.FlowObservation": lambda o: (
        [f"/api/v1/observations?place={o.place.slug}&limit=1000", f"/places/{o.place.slug}/"],
        "",
    ),
    "monitoring.MonitoringVisit": lambda v: (
        [f"/api/v1/visits/{v.slug}", f"/visits/{v.slug}/"],
        _search("visit", v.pk),
    ),
    "monitoring.Finding": lambda f: WHERE["monitoring.MonitoringVisit"](f.visit),
    "timeline.Event": lambda e: ([f"/api/v1/events/{e.slug}", f"/events/{e.slug}/"], _search("event", e.pk)),
    "operations.Activity": lambda a: (
        [f"/api/v1/activities/{a.slug}", f"/activities/{a.slug}/"],
        _search("activity", a.pk),
    ),
    "operations.ActivityQuantity": lambda q: WHERE["operations.Activity"](q.activity),
    "operations.Training": lambda t: WHERE["operations.Activity"](t.activity),
    "operations.TrainingParticipation": lambda p: WHERE["operations.Activity"](p.training.activity),
    "operations.Meeting": lambda m: ([f"/api/v1/meetings/{m.slug}", f"/meetings/{m.slug}/"], ""),
    "operations.MeetingDecision": lambda d: WHERE["operations.Meeting"](d.meeting),
    "operations.ActionPoint": lambda p: WHERE["operations.Meeting"](p.meeting),
}


def test_every_text_the_loader_stores_is_shown_by_the_api_a_page_or_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    written = _written_fields(monkeypatch)
    client = Client()
    fetched: dict[str, str] = {}

    def text_at(path: str) -> str:
        if path not in fetched:
            response = client.get(path)
            body = response.content.decode()
            if response.get("Content-Type", "").startswith("application/json"):
                body = " ".join(_values(response.json()))
            fetched[path] = " ".join(html.unescape(body).split()) if response.status_code == 200 else ""
        return fetched[path]

    assert set(written) <= set(WHERE), f"no exposure known for {set(written) - set(WHERE)}"
    unreachable = []
    walked = 0
    for label, names in sorted(written.items()):
        model = apps.get_model(label)
        for name in _text_fields(label, names):
            for record in model._default_manager.exclude(**{name: ""}).order_by("pk")[:SAMPLES]:
                values = _values(getattr(record, name))
                if not values:
                    continue
                paths, searched = WHERE[label](record)
                shown = " ".join([*(text_at(path) for path in paths), " ".join(searched.split())])
                walked += 1
                missing = [value for value in values if value not in shown]
                if missing:
                    unreachable.append(f"{label}.{name} of {record}: {missing[0][:80]!r}")
                    break

    assert walked > 100
    assert not unreachable, "\n".join(unreachable)
