"""Search results in pages: the same ranking and visibility as `search`, the records alongside, paging."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from corridor.accounts.choices import Role
from corridor.accounts.models import User
from corridor.actors.models import Organisation
from corridor.operations.models import Activity
from corridor.search.results import MAX_PAGE, search_page
from corridor.search.selectors import SearchFilters, search


def _titled(skopje: Organisation, slug: str, title: str, classification: str = "public") -> Activity:
    return Activity.objects.create(
        slug=slug,
        title=title,
        category="monitoring",
        lead=skopje,
        owner=skopje,
        classification=classification,
        date_start=date(2016, 1, 1),
        date_end=date(2016, 1, 1),
        date_precision="day",
    )


def _activities(skopje: Organisation, count: int, classification: str = "public") -> list[Activity]:
    return [
        _titled(skopje, f"quorvellan-{index}", f"Quorvellan workshop {index}", classification)
        for index in range(count)
    ]


@pytest.mark.django_db
def test_the_pages_together_hold_the_same_results_in_the_same_order_as_search(skopje: Organisation) -> None:
    _activities(skopje, 7)

    pages = [search_page(None, "quorvellan", number=number, size=3) for number in (1, 2, 3)]

    assert [found.hit for page in pages for found in page.results] == search(None, "quorvellan")
    assert [len(page.results) for page in pages] == [3, 3, 1]
    assert [page.has_next for page in pages] == [True, True, False]
    assert [(page.first_index, page.last_index) for page in pages] == [(1, 3), (4, 6), (7, 7)]
    assert not pages[0].has_previous and pages[1].has_previous


@pytest.mark.django_db
def test_each_result_carries_its_record_fetched_through_the_funnel(skopje: Organisation) -> None:
    made = _activities(skopje, 1)

    page = search_page(None, "quorvellan")

    found = page.results[0]
    assert found.record == made[0]
    assert (found.label, found.dated) == ("Activity", True)
    assert "<mark>Quorvellan</mark>" in found.hit.snippet


@pytest.mark.django_db
def test_a_restricted_record_is_never_on_a_page_for_an_uncleared_reader(
    skopje: Organisation, serbia: Organisation, make_user: Callable[..., User]
) -> None:
    _activities(skopje, 2, classification="restricted")
    serbian = make_user("serbia.reader", serbia, Role.EDITOR)
    skopjan = make_user("skopje.reader", skopje, Role.VIEWER)

    assert search_page(serbian, "quorvellan").results == []
    assert len(search_page(skopjan, "quorvellan").results) == 2


@pytest.mark.django_db
def test_filters_narrow_the_page_as_they_narrow_search(skopje: Organisation, serbia: Organisation) -> None:
    _activities(skopje, 2)

    assert search_page(None, "quorvellan", filters=SearchFilters(kinds=("event",))).results == []
    assert search_page(None, "quorvellan", filters=SearchFilters(operation=serbia)).results == []
    assert len(search_page(None, "quorvellan", filters=SearchFilters(operation=skopje)).results) == 2


@pytest.mark.django_db
def test_a_page_number_out_of_range_is_clamped(skopje: Organisation) -> None:
    _activities(skopje, 1)

    assert search_page(None, "quorvellan", number=0).number == 1
    assert search_page(None, "quorvellan", number=MAX_PAGE + 5).number == MAX_PAGE
    assert search_page(None, "quorvellan", number=2).results == []


@pytest.mark.django_db
def test_when_nothing_has_every_word_the_page_ranks_what_has_any_of_them(skopje: Organisation) -> None:
    one = _titled(skopje, "one", "Quorvellan workshop")
    other = _titled(skopje, "other", "Zentrabine meeting")

    page = search_page(None, "quorvellan zentrabine")

    assert page.any_term
    assert {found.record for found in page.results} == {one, other}
    assert search(None, "quorvellan zentrabine") == []  # the API and command line keep to the query


@pytest.mark.django_db
def test_a_query_something_matches_whole_is_not_loosened(skopje: Organisation) -> None:
    both = _titled(skopje, "both", "Quorvellan and Zentrabine")
    _titled(skopje, "one", "Quorvellan workshop")

    page = search_page(None, "quorvellan zentrabine")

    assert not page.any_term
    assert [found.record for found in page.results] == [both]


@pytest.mark.django_db
def test_the_loosened_query_keeps_its_exclusions_and_a_single_word_is_never_loosened(
    skopje: Organisation,
) -> None:
    _titled(skopje, "one", "Quorvellan workshop")
    other = _titled(skopje, "other", "Zentrabine meeting")

    loosened = search_page(None, "quorvellan zentrabine -workshop")
    single = search_page(None, "nowherevellan")

    assert loosened.any_term and [found.record for found in loosened.results] == [other]
    assert not single.any_term and single.results == []


@pytest.mark.django_db
def test_a_record_the_reader_may_not_see_does_not_stop_the_loosening(skopje: Organisation) -> None:
    _titled(skopje, "secret", "Quorvellan Zentrabine", classification="restricted")
    public = _titled(skopje, "public", "Zentrabine meeting")

    page = search_page(None, "quorvellan zentrabine")

    assert page.any_term and [found.record for found in page.results] == [public]
