"""The search page and the header's search box: ranked results with marked passages, filters, paging, links
to each record's page, and nothing a reader may not see."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from corridor.accounts.choices import Role
from corridor.accounts.models import User
from corridor.actors.models import Organisation
from corridor.operations.models import Activity


def _activity(
    owner: Organisation, slug: str, title: str, classification: str = "public", **fields: object
) -> Activity:
    values: dict[str, object] = {
        "category": "monitoring",
        "date_start": date(2016, 2, 1),
        "date_end": date(2016, 2, 29),
        "date_precision": "month",
    }
    values.update(fields)
    return Activity.objects.create(
        slug=slug, title=title, lead=owner, owner=owner, classification=classification, **values
    )


def _results(page: str) -> str:
    """The ordered list of results (empty when there is none)."""
    found = re.search(r'<ol class="search-results".*?</ol>', page, re.S)
    return found.group(0) if found else ""


@pytest.mark.django_db
def test_presevo_finds_the_preševo_records_with_the_word_marked_and_linked_to_their_pages() -> None:
    page = Client().get("/search/?q=presevo").content.decode()

    results = _results(page)
    assert '<a href="/places/presevo/">Preševo one-stop centre</a>' in results
    assert 'href="/activities/serbia-presevo-youth-office-cooperation/"' in results
    assert 'href="/visits/joint-visit-presevo-tabanovce-2015-11/"' in results
    assert "Heads of the Missions to Serbia and Skopje visit Preševo and Tabanovce together" in results
    assert "<mark>Preševo</mark>" in results
    assert "November 2015" in results  # the visit's and event's date, at month precision


@pytest.mark.django_db
def test_a_passage_is_escaped_and_only_the_matched_words_are_marked(skopje: Organisation) -> None:
    _activity(
        skopje,
        "escaping-test",
        '<script>alert("Quorvex")</script> Quorvex workshop',
        description="<b>Quorvex</b> <img src=x onerror=alert(1)> training",
    )

    results = _results(Client().get("/search/?q=quorvex").content.decode())

    assert "<script>" not in results and "<b>" not in results and "<img" not in results
    assert "&lt;script&gt;" in results
    assert "<mark>Quorvex</mark>" in results
    assert set(re.findall(r"</?(\w+)", results)) <= {"ol", "li", "p", "span", "a", "mark"}


@pytest.mark.django_db
def test_a_restricted_record_never_appears_for_an_uncleared_reader(
    skopje: Organisation, serbia: Organisation, make_user: Callable[..., User]
) -> None:
    _activity(skopje, "restricted-search-test", "Quorvex pushback report", classification="restricted")
    serbian = Client()
    serbian.force_login(make_user("serbia.ed", serbia, Role.EDITOR))
    skopjan = Client()
    skopjan.force_login(make_user("skopje.viewer", skopje, Role.VIEWER))

    for client in (Client(), serbian):
        page = client.get("/search/?q=quorvex").content.decode()
        assert "Quorvex pushback report" not in page
        assert "Nothing you may read matches" in page
    assert "Quorvex pushback report" in _results(skopjan.get("/search/?q=quorvex").content.decode())


@pytest.mark.django_db
def test_the_kind_filter_keeps_only_that_kind() -> None:
    results = _results(Client().get("/search/?q=presevo&kind=place").content.decode())

    assert results.count('<span class="kind">') == 1
    assert '<span class="kind">Place</span>' in results


@pytest.mark.django_db
def test_the_operation_and_date_filters_narrow_the_results(
    skopje: Organisation, serbia: Organisation
) -> None:
    _activity(
        skopje, "skopje-quorvex", "Quorvex Skopje", date_start=date(2016, 2, 1), date_end=date(2016, 2, 29)
    )
    _activity(
        serbia, "serbia-quorvex", "Quorvex Serbia", date_start=date(2015, 9, 1), date_end=date(2015, 9, 30)
    )

    by_operation = _results(
        Client().get("/search/?q=quorvex&operation=osce-mission-to-serbia").content.decode()
    )
    by_dates = _results(Client().get("/search/?q=quorvex&from=2016-01&to=2016").content.decode())

    assert "Quorvex Serbia" in by_operation and "Quorvex Skopje" not in by_operation
    assert "Quorvex Skopje" in by_dates and "Quorvex Serbia" not in by_dates


@pytest.mark.django_db
def test_the_theme_and_dimension_filters_keep_commitments_of_that_theme_and_dimension() -> None:
    results = _results(Client().get("/search/?q=migrants&kind=commitment&theme=labour").content.decode())
    human = _results(Client().get("/search/?q=migrants&kind=commitment&dimension=human").content.decode())

    assert results and human
    assert set(re.findall(r'href="/knowledge/commitments/([\w-]+)/"', results)) <= {
        "countries-of-origin-increase-employment",
        "economic-cooperation-and-investment-of-migrant-savings",
        "facilitate-reintegration-returning-labour-migrants",
        "migration-contribution-to-sustainable-development",
        "migration-management-linkages-stability-security",
        "orderly-movement-of-workers",
        "promote-circular-migration",
        "returning-migrants-remedy-skilled-labour-deficiency",
    }
    assert "protect-human-rights-of-all-migrants" in human


@pytest.mark.django_db
def test_an_unreadable_date_is_shown_at_its_field_and_nothing_is_searched() -> None:
    page = Client().get("/search/?q=presevo&from=last+Tuesday").content.decode()

    assert 'id="search-from-error" role="alert"' in page
    assert 'aria-invalid="true"' in page
    assert 'value="last Tuesday"' in page
    assert _results(page) == ""


@pytest.mark.django_db
def test_results_come_twenty_a_page_with_links_to_the_next_and_previous_pages(skopje: Organisation) -> None:
    for index in range(25):
        _activity(skopje, f"paging-{index}", f"Quorvex paging {index}")

    first = Client().get("/search/?q=quorvex&kind=activity").content.decode()
    second = Client().get("/search/?q=quorvex&kind=activity&page=2").content.decode()

    assert _results(first).count("<li>") == 20
    assert "Results 1–20; more follow." in first
    assert 'href="?q=quorvex&amp;kind=activity&amp;page=2"' in first
    assert _results(second).count("<li>") == 5
    assert '<ol class="search-results" start="21">' in second
    assert 'href="?q=quorvex&amp;kind=activity&amp;page=1"' in second
    assert "page=3" not in second


@pytest.mark.django_db
def test_clauses_and_commitments_link_to_where_they_are_shown() -> None:
    page = _results(
        Client().get("/search/?q=trafficking&kind=mandate_clause&kind=commitment").content.decode()
    )

    assert 'href="/operations/osce-mission-to-skopje/#clause-monitor-humanitarian-trafficking"' in page
    assert 'href="/knowledge/commitments/combat-illegal-migration-and-thb/"' in page


@pytest.mark.django_db
def test_every_page_has_a_labelled_search_box_in_its_header() -> None:
    page = Client().get("/activities/").content.decode()

    header = page[page.index('<header class="site">') : page.index("</header>")]
    assert '<form class="site-search" role="search" method="get" action="/search/">' in header
    assert '<label for="site-search-q"' in header and 'id="site-search-q"' in header
    assert header.index("site-search") < header.index('<div class="who">')


@pytest.mark.django_db
def test_without_words_the_page_explains_the_search_and_searches_nothing() -> None:
    page = Client().get("/search/").content.decode()

    assert _results(page) == ""
    assert "How to write a search" in page


@pytest.mark.django_db
def test_a_full_page_of_results_costs_no_more_queries_than_a_short_one(skopje: Organisation) -> None:
    for index in range(20):
        _activity(skopje, f"few-{index}", f"Quorvex many {index}")
    _activity(skopje, "one-only", "Zelbrith single")
    client = Client()

    with CaptureQueriesContext(connection) as one:
        client.get("/search/?q=zelbrith")
    with CaptureQueriesContext(connection) as twenty:
        client.get("/search/?q=quorvex")

    assert len(twenty) == len(one)


@pytest.mark.django_db
def test_when_nothing_has_every_word_the_page_says_so_and_shows_what_has_any(skopje: Organisation) -> None:
    _activity(skopje, "one", "Quorvellan workshop")
    _activity(skopje, "other", "Zentrabine meeting")

    page = Client().get("/search/", {"q": "quorvellan zentrabine"}).content.decode()

    assert (
        "Nothing you may read has all the words of “quorvellan zentrabine”; these have at least one." in page
    )
    assert "/activities/one/" in _results(page) and "/activities/other/" in _results(page)
