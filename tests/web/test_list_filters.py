"""The lists filter as a reader names things: a place by its slug, its country's code or its name with or
without marks (a country includes its sites); a period as typed; sortable columns; findings of concern."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from corridor.geo.selectors import places_named
from corridor.monitoring.models import Finding, MonitoringVisit

pytestmark = pytest.mark.django_db


def _rows(page: str) -> list[str]:
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    return re.findall(r'href="(/(?:visits|meetings|activities|events)/[^"/]+/)"', body)


@pytest.mark.parametrize(
    "named", ["presevo", "Preševo", "Presevo", "PRESEVO", "Прешево", "Preševo one-stop centre"]
)
def test_a_place_is_found_by_slug_and_by_name_with_or_without_marks(named: str) -> None:
    assert list(places_named(None, named).values_list("slug", flat=True)) == ["presevo"]


@pytest.mark.parametrize("code", ["rs", "RS", "SRB"])
def test_a_country_is_found_by_its_codes(code: str) -> None:
    assert list(places_named(None, code).values_list("kind", "country__code")) == [("country", "RS")]


def test_the_visits_at_a_country_include_those_at_its_sites(skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(skopje_focal_point)

    by_code = _rows(client.get("/visits/", {"place": "mk"}).content.decode())
    by_site = _rows(client.get("/visits/", {"place": "Gevgelija"}).content.decode())

    at_gevgelija = MonitoringVisit.objects.filter(places__slug="gevgelija").count()
    assert len(by_site) == at_gevgelija > 0
    assert set(by_site) <= set(by_code)


def test_a_period_is_typed_as_people_write_it_and_a_bad_one_said(skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(skopje_focal_point)

    typed = _rows(client.get("/visits/", {"from": "1.11.2015", "to": "30.11.2015"}).content.decode())
    grammar = _rows(client.get("/visits/", {"from": "2015-11", "to": "2015-11"}).content.decode())
    refused = client.get("/visits/", {"from": "31.11.2015"}).content.decode()

    assert typed == grammar
    assert "November 2015 has 30 days, not 31" in refused


def test_the_columns_sort_both_ways(skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(skopje_focal_point)

    oldest = _rows(client.get("/visits/", {"sort": "date"}).content.decode())
    newest = _rows(client.get("/visits/", {"sort": "-date"}).content.decode())
    page = client.get("/visits/", {"sort": "date", "place": "mk"}).content.decode()

    assert len(oldest) > 1 and oldest == list(reversed(newest))
    assert 'aria-sort="ascending"' in page and "place=mk&amp;sort=-date" in page


def test_the_findings_page_gathers_serious_and_critical_findings_across_visits(
    skopje_focal_point, skopje
) -> None:  # type: ignore[no-untyped-def]
    from corridor.core.dates import DateSpan
    from corridor.geo.models import Place
    from corridor.monitoring.services import FindingInput, log_visit

    log_visit(
        actor=skopje_focal_point,
        operation=skopje,
        places=[Place.objects.get(slug="tabanovce")],
        span=DateSpan.parse("2016-03-10"),
        findings=[
            FindingInput("staffing", "critical", "ZZ two officers for a thousand people"),
            FindingInput("equipment", "serious", "ZZ no scanner"),
            FindingInput("other", "minor", "ZZ queue outside"),
        ],
        classification="internal",
    )
    client = Client()
    client.force_login(skopje_focal_point)

    page = client.get("/findings/").content.decode()
    minor = client.get("/findings/", {"concern": "minor"}).content.decode()
    elsewhere = client.get("/findings/", {"place": "rs"}).content.decode()

    serious = Finding.objects.filter(concern__in=["serious", "critical"]).count()
    assert page.count('class="concern-serious"') + page.count('class="concern-critical"') == serious >= 2
    assert "ZZ two officers" in page and "ZZ no scanner" in page and "ZZ queue outside" not in page
    assert "ZZ queue outside" in minor and "ZZ no scanner" not in minor
    assert "ZZ no scanner" not in elsewhere


def test_meetings_filter_by_words(skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(skopje_focal_point)

    everything = _rows(client.get("/meetings/").content.decode())
    none = _rows(client.get("/meetings/", {"text": "zzz-no-such-words"}).content.decode())

    assert everything and none == []


@pytest.mark.parametrize(
    ("page", "api", "query"),
    [
        ("/visits/", "/api/v1/visits", {"place": "mk"}),
        (
            "/visits/",
            "/api/v1/visits",
            {"operation": "osce-mission-to-skopje", "start": "2015-11", "end": "2016"},
        ),
        ("/activities/", "/api/v1/activities", {"place": "rs", "category": "policing_crime"}),
        ("/activities/", "/api/v1/activities", {"operation": "osce-mission-to-serbia", "start": "2016"}),
        ("/meetings/", "/api/v1/meetings", {"start": "2016-01", "end": "2016-03"}),
        ("/events/", "/api/v1/events", {"place": "mk", "start": "2016"}),
        ("/events/", "/api/v1/events", {"place": "Preševo"}),
    ],
)
def test_the_same_query_through_the_page_and_the_api_finds_the_same_records(  # type: ignore[no-untyped-def]
    skopje_focal_point, page: str, api: str, query: dict[str, str]
) -> None:
    client = Client()
    client.force_login(skopje_focal_point)

    shown = {link.strip("/").split("/")[-1] for link in _rows(client.get(page, query).content.decode())}
    answered = client.get(api, {**query, "limit": 200}).json()

    assert answered["next"] is None
    assert shown == {item["slug"] for item in answered["items"]}
    assert shown
