"""No response names what its reader may not read: every page and API operation, as every kind of reader.

Hidden records (internal and restricted, of the Mission to Skopje) and public records that name them are
planted (`planted.py`); then every URL pattern of the pages and every GET operation of the API is fetched,
with its path filled with planted and shipped records, as an anonymous visitor, a partner agency's editor,
another mission's editor and an analyst cleared to internal. No response may contain a marker (token, slug
or uid) of a record that reader may not read, as the access rules say (`can_read`). The Mission's own focal
point, who may read all of them, is the control: the markers must show up for them, so the scan can fail.

A new page or operation fails `test_every_page_and_operation_is_scanned` until it is given its paths here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from corridor.accounts.access import can_read
from corridor.accounts.choices import Role
from corridor.api.v1 import api
from corridor.core.choices import Classification
from corridor.exchange.choices import ExportFormat, ImportKind
from corridor.monitoring.choices import Concern
from tests.invariants.planted import Planted, plant

pytestmark = pytest.mark.django_db

NOT_SCANNED = {
    "login": "the sign-in form names no record",
    "logout": "POST only; answers a redirect",
    "choose_names": "POST only; answers a redirect",
    "token_revoke": "POST only; a user's own tokens",
}
"""URL names left out of the scan, each with the reason."""

Paths = Callable[[Planted], list[str]]


def _each(kinds: str, view: str, key: str = "slug") -> Paths:
    """The view's page for the hidden records of `kinds` and the public record naming them."""

    def paths(planted: Planted) -> list[str]:
        found = []
        for level in ("internal", "restricted"):
            record = planted.records[kinds][level]
            found.append(reverse(view, args=[getattr(record, key)]))
        public = planted.public.get(kinds)
        if public is not None:
            found.append(reverse(view, args=[getattr(public, key)]))
        return found

    return paths


def _versions(kinds: str, view: str) -> Paths:
    """The restore page of each planted record's first version."""

    def paths(planted: Planted) -> list[str]:
        records = [planted.records[kinds][level] for level in ("internal", "restricted")]
        if kinds in planted.public:
            records.append(planted.public[kinds])
        return [reverse(view, args=[record.slug, 1]) for record in records]

    return paths


def _points(view: str) -> Paths:
    def paths(planted: Planted) -> list[str]:
        points = [planted.records["action_point"][level] for level in ("internal", "restricted")]
        points.append(planted.public["meeting"].action_points.get())
        return [reverse(view, args=[point.uid]) for point in points]

    return paths


def _fixed(*paths: str) -> Paths:
    return lambda planted: list(paths)


def _place_filters(base: str) -> Paths:
    def paths(planted: Planted) -> list[str]:
        place = planted.records["place"]["restricted"].slug
        return [base, f"{base}?place={place}", f"{base}?place=mk", f"{base}?q=zzq"]

    return paths


def _exports(planted: Planted) -> list[str]:
    return [
        f"{reverse('web:export')}?kind={kind}&format={chosen}"
        for kind in ImportKind.values
        for chosen in ExportFormat.values
    ]


def _search(planted: Planted) -> list[str]:
    tokens = ["zzq", "zzqrplace", "zzqrorg", "zzqrevent", "zzqifinding", "zzqrdecision", "open"]
    return [f"{reverse('web:search')}?q={token}" for token in tokens]


UNKNOWN_UID = "00000000-0000-4000-8000-000000000000"


def _interviews(base: str) -> Paths:
    """Every interview's page: the planted ones, at organisations of every level, and the study's."""

    def paths(planted: Planted) -> list[str]:
        from corridor.actors.models import Interview

        return [f"{base}{interview.uid}/" for interview in Interview.objects.all()]

    return paths


PAGES: dict[str, Paths] = {
    "web:home": _fixed("/", "/?day=2016-03-05"),
    "web:timeline": _place_filters("/timeline/"),
    "web:operation": _fixed("/operations/osce-mission-to-skopje/"),
    "web:interviews": _fixed("/interviews/"),
    "web:interview": _interviews("/interviews/"),
    "web:place": lambda planted: [
        "/places/gevgelija/",
        "/places/mk/",
        *(f"/places/{planted.records['place'][level].slug}/" for level in ("internal", "restricted")),
    ],
    "web:activities": _place_filters("/activities/"),
    "web:activity_new": _fixed("/activities/new/"),
    "web:activity": _each("activity", "web:activity"),
    "web:activity_edit": _each("activity", "web:activity_edit"),
    "web:activity_basis": _each("activity", "web:activity_basis"),
    "web:activity_restore": _versions("activity", "web:activity_restore"),
    "web:visits": _place_filters("/visits/"),
    "web:findings": lambda planted: [
        *_place_filters("/findings/")(planted),
        "/findings/?" + "&".join(f"concern={level}" for level in Concern.values),
        "/visits/?" + "&".join(f"concern={level}" for level in Concern.values),
    ],
    "web:visit_new": _fixed("/visits/new/"),
    "web:visit": _each("visit", "web:visit"),
    "web:visit_edit": _each("visit", "web:visit_edit"),
    "web:visit_restore": _versions("visit", "web:visit_restore"),
    "web:meetings": _fixed("/meetings/"),
    "web:meeting_new": _fixed("/meetings/new/"),
    "web:meeting": _each("meeting", "web:meeting"),
    "web:meeting_edit": _each("meeting", "web:meeting_edit"),
    "web:meeting_restore": _versions("meeting", "web:meeting_restore"),
    "web:action_point_new": _each("meeting", "web:action_point_new"),
    "web:action_point_edit": _points("web:action_point_edit"),
    "web:action_point_close": _points("web:action_point_close"),
    "web:action_point_reopen": _points("web:action_point_reopen"),
    "web:desk": _fixed("/my/"),
    "web:events": _place_filters("/events/"),
    "web:event_new": _fixed("/events/new/"),
    "web:event": _each("event", "web:event"),
    "web:event_edit": _each("event", "web:event_edit"),
    "web:event_restore": _versions("event", "web:event_restore"),
    "web:count_new": _fixed("/counts/new/"),
    "web:record": _fixed("/record/"),
    "web:search": _search,
    "web:knowledge": _fixed("/knowledge/"),
    "web:coverage": _fixed("/knowledge/coverage/"),
    "web:commitment": lambda planted: [
        *_each("commitment", "web:commitment")(planted),
        "/knowledge/commitments/zzpub-commitment/",
    ],
    "web:document": lambda planted: [
        *_each("document", "web:document")(planted),
        "/knowledge/documents/zzpub-document/",
    ],
    "web:tracker": _fixed("/knowledge/recommendations/"),
    "web:recommendation": _each("recommendation", "web:recommendation"),
    "web:recommendation_unlink": lambda planted: [
        reverse("web:recommendation_unlink", args=["zzpub-recommendation", UNKNOWN_UID])
    ],
    "web:tokens": _fixed("/account/"),
    "web:organisation_defaults": _fixed(
        "/account/organisations/osce-mission-to-skopje/defaults/",
        "/account/organisations/zzqrorg-relief/defaults/",
    ),
    "web:exchange": _fixed("/exchange/"),
    "web:export": _exports,
    "web:import_errors": _fixed(f"/exchange/{UNKNOWN_UID}/errors.csv"),
    "web:reports": _fixed("/reports/"),
    "web:report_download": _fixed(f"/reports/{UNKNOWN_UID}/html/"),
    "web:routes": _fixed("/routes/"),
    "web:route_upload": _fixed("/routes/import/"),
    "web:route": _fixed("/routes/western-balkans-2015-16/", "/routes/zz-unknown-route/"),
    "web:route_files": _fixed("/routes/western-balkans-2015-16/files.zip"),
    "web:scenarios": _fixed("/scenarios/"),
    "web:scenario_job": _fixed(f"/scenarios/jobs/{UNKNOWN_UID}/"),
    "web:scenario": _fixed(f"/scenarios/{UNKNOWN_UID}/"),
    "web:jobs": _fixed("/jobs/"),
    "web:job": _fixed(f"/jobs/{UNKNOWN_UID}/"),
}
"""Every page, by URL name, with the paths that fill it."""


def _api_each(kinds: str, template: str, key: str = "slug") -> Paths:
    def paths(planted: Planted) -> list[str]:
        records = [planted.records[kinds][level] for level in ("internal", "restricted")]
        if kinds in planted.public:
            records.append(planted.public[kinds])
        return [template.format(key=getattr(record, key)) for record in records]

    return paths


def _api_list(path: str, *filters: str) -> Paths:
    def paths(planted: Planted) -> list[str]:
        place = planted.records["place"]["restricted"].slug
        organisation = planted.records["organisation"]["restricted"].slug
        found = [f"/api/v1{path}?limit=1000"]
        for name in filters:
            value = place if name in ("place", "country") else organisation
            found.append(f"/api/v1{path}?{name}={value}&limit=1000")
        return found

    return paths


OPERATIONS: dict[str, Paths] = {
    "/api/v1/action-points": _api_list("/action-points", "responsible"),
    "/api/v1/activities": _api_list("/activities", "partner", "place"),
    "/api/v1/activities/{slug}": _api_each("activity", "/api/v1/activities/{key}"),
    "/api/v1/activities/{slug}/basis": _api_each("activity", "/api/v1/activities/{key}/basis"),
    "/api/v1/commitments": _api_list("/commitments"),
    "/api/v1/countries": _fixed("/api/v1/countries"),
    "/api/v1/coverage": _fixed("/api/v1/coverage", "/api/v1/coverage?operation=osce-mission-to-skopje"),
    "/api/v1/documents": _api_list("/documents", "issuer"),
    "/api/v1/documents/{slug}": _api_each("document", "/api/v1/documents/{key}"),
    "/api/v1/events": _api_list("/events", "actor", "place"),
    "/api/v1/events/{slug}": _api_each("event", "/api/v1/events/{key}"),
    "/api/v1/field-operations": _fixed("/api/v1/field-operations"),
    "/api/v1/field-operations/{slug}": _fixed("/api/v1/field-operations/osce-mission-to-skopje"),
    "/api/v1/field-operations/{slug}/activities-without-basis": _fixed(
        "/api/v1/field-operations/osce-mission-to-skopje/activities-without-basis?limit=1000"
    ),
    "/api/v1/field-operations/{slug}/basis-suggestions": _fixed(
        "/api/v1/field-operations/osce-mission-to-skopje/basis-suggestions?title=zzq+work"
    ),
    "/api/v1/forecasting/alerts": _fixed("/api/v1/forecasting/alerts"),
    "/api/v1/forecasting/closures": _fixed("/api/v1/forecasting/closures"),
    "/api/v1/forecasting/evaluation/brc": _fixed("/api/v1/forecasting/evaluation/brc"),
    "/api/v1/forecasting/jobs/{uid}": _fixed(f"/api/v1/forecasting/jobs/{UNKNOWN_UID}"),
    "/api/v1/forecasting/runs": _fixed("/api/v1/forecasting/runs"),
    "/api/v1/forecasting/runs/{uid}": _fixed(f"/api/v1/forecasting/runs/{UNKNOWN_UID}"),
    "/api/v1/interviews": _fixed("/api/v1/interviews?limit=1000"),
    "/api/v1/interviews/{uid}": lambda planted: [
        path.rstrip("/") for path in _interviews("/api/v1/interviews/")(planted)
    ],
    "/api/v1/meetings": _api_list("/meetings", "convenor", "participant"),
    "/api/v1/meetings/{slug}": _api_each("meeting", "/api/v1/meetings/{key}"),
    "/api/v1/observations": _api_list("/observations", "place", "source"),
    "/api/v1/observations/aggregate": _api_list("/observations/aggregate", "place", "source"),
    "/api/v1/organisations": _api_list("/organisations"),
    "/api/v1/organisations/{slug}": _api_each("organisation", "/api/v1/organisations/{key}"),
    "/api/v1/places": _api_list("/places"),
    "/api/v1/places/{slug}": _api_each("place", "/api/v1/places/{key}"),
    "/api/v1/recommendations": _api_list("/recommendations", "issuer"),
    "/api/v1/recommendations/{slug}/tracker": _api_each(
        "recommendation", "/api/v1/recommendations/{key}/tracker"
    ),
    "/api/v1/reports/{uid}": _fixed(f"/api/v1/reports/{UNKNOWN_UID}"),
    "/api/v1/reports/{uid}/download": _fixed(f"/api/v1/reports/{UNKNOWN_UID}/download?format=html"),
    "/api/v1/route-links": _fixed("/api/v1/route-links"),
    "/api/v1/sources": _fixed("/api/v1/sources"),
    "/api/v1/search": lambda planted: [
        f"/api/v1/search?q={q}" for q in ("zzq", "zzqrplace", "zzqrorg", "open")
    ],
    "/api/v1/trainings": _api_list("/trainings"),
    "/api/v1/visits": _api_list("/visits", "place"),
    "/api/v1/visits/{slug}": _api_each("visit", "/api/v1/visits/{key}"),
}
"""Every GET operation of the API, by its path, with the paths that fill it."""

READERS = {
    "anonymous": None,
    "partner": ("unhcr", Role.EDITOR, Classification.PUBLIC),
    "other mission": ("osce-mission-to-serbia", Role.EDITOR, Classification.PUBLIC),
    "analyst cleared to internal": ("osce-secretariat-cpc", Role.ANALYST, Classification.INTERNAL),
    "the owner's focal point": ("osce-mission-to-skopje", Role.FOCAL_POINT, Classification.PUBLIC),
}


def _web_names(patterns: list[Any], namespace: str = "") -> Iterator[str]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in ("admin", "api-v1"):
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _web_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def _api_gets() -> set[str]:
    schema = api.get_openapi_schema()
    return {path for path, operations in schema["paths"].items() if "get" in operations}


def test_every_page_and_operation_is_scanned() -> None:
    pages = set(_web_names(get_resolver().url_patterns))

    assert pages - set(PAGES) - {f"web:{name}" for name in NOT_SCANNED} - set(NOT_SCANNED) == set()
    assert set(PAGES) - pages == set()
    assert _api_gets() ^ set(OPERATIONS) == set()


@pytest.fixture
def planted(skopje, unhcr) -> Planted:  # type: ignore[no-untyped-def]
    return plant(skopje, unhcr)


@pytest.fixture
def readers(make_user) -> dict[str, tuple[Any, Client]]:  # type: ignore[no-untyped-def]
    from corridor.actors.models import Organisation

    made: dict[str, tuple[Any, Client]] = {}
    for name, who in READERS.items():
        client = Client()
        user = None
        if who is not None:
            slug, role, clearance = who
            user = make_user(
                name.replace(" ", ".").replace("'", ""), Organisation.objects.get(slug=slug), role, clearance
            )
            client.force_login(user)
        made[name] = (user, client)
    return made


def _leaks(planted: Planted, reader: Any, body: str) -> list[str]:
    text = body.lower()
    return [
        f"{hidden.kind} ({hidden.classification}): {marker}"
        for hidden in planted.hidden
        if not can_read(reader, classification=hidden.classification, owner_id=hidden.owner_id)
        for marker in hidden.markers
        if marker.lower() in text
    ]


def _seen(planted: Planted, body: str) -> set[str]:
    text = body.lower()
    return {
        hidden.kind for hidden in planted.hidden if any(marker.lower() in text for marker in hidden.markers)
    }


def _body(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _without_echo(path: str, body: str) -> str:
    """The body without the address's own words: a page that shows the filter a reader typed, or the 404
    page that offers to sign in and come back to the address, tells nothing the reader did not say."""
    address, _, query = path.partition("?")
    echoed = [pair.partition("=")[2] for pair in query.split("&")]
    echoed += [segment for segment in address.split("/") if segment]
    for value in sorted(filter(None, echoed), key=len, reverse=True):
        body = re.sub(re.escape(value), "", body, flags=re.IGNORECASE)
    return body


def _scan(
    planted: Planted, readers: dict[str, tuple[Any, Client]], registry: dict[str, Paths]
) -> tuple[list[str], set[str]]:
    leaks, seen_by_owner = [], set()
    for name, (user, client) in readers.items():
        for paths in registry.values():
            for path in paths(planted):
                response = client.get(path)
                assert response.status_code < 500, f"{name} GET {path} → {response.status_code}"
                body = _without_echo(path, _body(response))
                if name == "the owner's focal point":
                    seen_by_owner |= _seen(planted, body)
                    continue
                leaks += [f"{name} GET {path}: {leak}" for leak in _leaks(planted, user, body)]
    return leaks, seen_by_owner


def _report(leaks: list[str]) -> str:
    return "\n".join(leaks[:400])


def test_no_page_names_a_record_its_reader_may_not_read(planted, readers) -> None:  # type: ignore[no-untyped-def]
    leaks, seen_by_owner = _scan(planted, readers, PAGES)

    assert leaks == [], _report(leaks)
    assert {"place", "organisation", "event", "visit", "activity", "meeting", "document"} <= seen_by_owner


def test_no_api_answer_names_a_record_its_reader_may_not_read(planted, readers) -> None:  # type: ignore[no-untyped-def]
    leaks, seen_by_owner = _scan(planted, readers, OPERATIONS)

    assert leaks == [], _report(leaks)
    assert {"place", "organisation", "event", "visit", "activity", "meeting", "observation"} <= seen_by_owner


FILTERS = {
    "/api/v1/events": ("place", "actor"),
    "/api/v1/activities": ("place", "partner"),
    "/api/v1/visits": ("place",),
    "/api/v1/meetings": ("convenor", "participant"),
    "/api/v1/action-points": ("responsible",),
    "/api/v1/observations": ("place", "source"),
    "/api/v1/documents": ("issuer",),
    "/api/v1/recommendations": ("issuer",),
    "/events/": ("place",),
    "/activities/": ("place",),
    "/timeline/": ("place",),
}


def _normal(body: str) -> str:
    """A page or answer without what differs between two requests anyway (tokens, echoed filters)."""
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    return re.sub(r"zzq[a-z]*-[a-z]+|zz-nowhere", "", body)


def test_a_filter_by_a_hidden_record_answers_as_for_an_unknown_one(planted, readers) -> None:  # type: ignore[no-untyped-def]
    hidden = {"place": planted.records["place"]["restricted"].slug}
    hidden.update(
        {
            name: planted.records["organisation"]["restricted"].slug
            for name in ("actor", "partner", "convenor", "participant", "responsible", "source", "issuer")
        }
    )
    oracles = []
    for name, (_, client) in readers.items():
        if name == "the owner's focal point":
            continue
        for path, filters in FILTERS.items():
            for filter_name in filters:
                known = client.get(f"{path}?{filter_name}={hidden[filter_name]}")
                unknown = client.get(f"{path}?{filter_name}=zz-nowhere")
                if (known.status_code, _normal(_body(known))) != (
                    unknown.status_code,
                    _normal(_body(unknown)),
                ):
                    oracles.append(f"{name}: {path}?{filter_name}=")
    assert oracles == [], _report(oracles)


def _report_requests() -> list[Any]:
    from datetime import date

    from corridor.reports.requests import ReportRequest

    period = {"start": date(2016, 2, 1), "end": date(2016, 3, 31)}
    return [
        ReportRequest(kind="regional", **period),
        ReportRequest(kind="mission", operation="osce-mission-to-skopje", **period),
        ReportRequest(kind="update", operation="osce-mission-to-skopje", **period),
        ReportRequest(kind="spot", event="zzpub-event"),
    ]


def test_no_report_names_a_record_its_reader_may_not_read(planted, readers) -> None:  # type: ignore[no-untyped-def]
    from corridor.reports.rendering import render
    from corridor.reports.services import generate_report

    leaks, seen_by_owner = [], set()
    for name, (user, _) in readers.items():
        for request in _report_requests():
            run = generate_report(request=request, reader=user, formats=["html"])
            text = run.data + render(run, "html").decode(errors="replace")
            if name == "the owner's focal point":
                seen_by_owner |= _seen(planted, text)
                continue
            leaks += [f"{name} {request.kind} report: {leak}" for leak in _leaks(planted, user, text)]

    assert leaks == [], _report(leaks)
    assert {"place", "organisation", "meeting"} <= seen_by_owner
