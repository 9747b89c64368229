"""The knowledge pages: commitments by theme and dimension (searchable), a commitment with the activities it
grounds, a document, and the coverage page with the gaps the coverage module finds."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils.html import escape

from corridor.accounts.choices import Role
from corridor.accounts.models import User
from corridor.actors.models import Organisation
from corridor.basis.coverage import coverage
from corridor.basis.services import decide_basis
from corridor.knowledge.models import Commitment, Document
from corridor.operations.models import Activity

FRONTLINE = "skopje-frontline-workers-training-2016"


def _confirm(user: User, activity_slug: str, commitment_slug: str) -> None:
    activity = Activity.objects.select_related("lead").get(slug=activity_slug)
    decide_basis(
        actor=user,
        activity=activity,
        verdict="confirmed",
        expected_version=activity.version,
        commitment=Commitment.objects.get(slug=commitment_slug),
    )


def _restricted_commitment(owner: Organisation) -> Commitment:
    document = Document.objects.create(
        slug="restricted-doc",
        title="Restricted guidance",
        kind="report",
        owner=owner,
        classification="restricted",
    )
    return Commitment.objects.create(
        slug="restricted-commitment",
        text="A restricted undertaking on Quorvex",
        theme="general",
        dimension="human",
        document=document,
        owner=owner,
        classification="restricted",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/knowledge/",
        "/knowledge/coverage/",
        "/knowledge/recommendations/",
        "/knowledge/commitments/protect-human-rights-of-all-migrants/",
        "/knowledge/documents/mc-dec-5-09-migration-management/",
    ],
)
def test_every_knowledge_page_opens_for_a_visitor(url: str) -> None:
    assert Client().get(url).status_code == 200


@pytest.mark.django_db
def test_the_index_groups_the_commitments_by_theme_then_dimension() -> None:
    page = Client().get("/knowledge/").content.decode()

    assert "Commitments by theme and dimension (56)" in page
    labour = page[page.index("<h3>Labour migration</h3>") :]
    assert labour.index("Economic and environmental dimension") < labour.index("<h3>", 5)
    assert 'href="/knowledge/commitments/orderly-movement-of-workers/"' in labour[: labour.index("<h3>", 5)]
    assert 'href="/knowledge/documents/mc-dec-5-09-migration-management/"' in page


@pytest.mark.django_db
def test_the_index_searches_the_commitments_ranked_with_their_words_marked() -> None:
    page = Client().get("/knowledge/?q=trafficking").content.decode()
    labour_only = Client().get("/knowledge/?q=trafficking&theme=labour").content.decode()

    assert "match “trafficking”, best first" in page
    assert "<mark>" in page
    assert 'href="/knowledge/commitments/combat-illegal-migration-and-thb/"' in page
    assert "combat-illegal-migration-and-thb" not in labour_only


@pytest.mark.django_db
def test_a_commitment_shows_its_text_its_document_and_the_activities_it_grounds(
    skopje_focal_point: User,
) -> None:
    url = "/knowledge/commitments/cooperate-on-mass-flows-of-refugees/"
    before = Client().get(url).content.decode()

    _confirm(skopje_focal_point, FRONTLINE, "cooperate-on-mass-flows-of-refugees")

    after = Client().get(url).content.decode()
    assert "Participating States should co-operate more closely in dealing with mass flows" in after
    assert 'href="/knowledge/documents/mc-dec-5-09-migration-management/"' in after
    assert "No activity you may read has this commitment as its basis yet." in before
    assert f'href="/activities/{FRONTLINE}/#basis"' in after
    assert "confirmed, " in after
    assert "skopje.focal" not in after  # a user name is never shown to anonymous readers


@pytest.mark.django_db
def test_a_restricted_commitment_and_its_document_are_hidden_from_an_uncleared_reader(
    skopje: Organisation, serbia: Organisation, make_user: Callable[..., User]
) -> None:
    _restricted_commitment(skopje)
    serbian = Client()
    serbian.force_login(make_user("serbia.ed", serbia, Role.EDITOR))
    skopjan = Client()
    skopjan.force_login(make_user("skopje.viewer", skopje, Role.VIEWER))

    for client in (Client(), serbian):
        assert client.get("/knowledge/commitments/restricted-commitment/").status_code == 404
        assert client.get("/knowledge/documents/restricted-doc/").status_code == 404
        assert "restricted-commitment" not in client.get("/knowledge/").content.decode()
        assert "restricted-commitment" not in client.get("/knowledge/?q=quorvex").content.decode()
    assert skopjan.get("/knowledge/commitments/restricted-commitment/").status_code == 200
    assert "restricted-commitment" in skopjan.get("/knowledge/?q=quorvex").content.decode()


@pytest.mark.django_db
def test_a_document_lists_the_commitments_it_contains() -> None:
    page = Client().get("/knowledge/documents/mc-dec-5-09-migration-management/").content.decode()

    assert "MC.DEC/5/09" in page
    assert 'href="/knowledge/commitments/cooperate-on-mass-flows-of-refugees/"' in page
    assert "2 December 2009" in page


@pytest.mark.django_db
def test_the_coverage_page_states_the_gaps_as_the_coverage_module_computes_them() -> None:
    page = Client().get("/knowledge/coverage/").content.decode()

    gaps = coverage(None).gaps
    assert gaps
    for gap in gaps:
        assert escape(gap.text[0].upper() + gap.text[1:]) in page
    assert "No activity uses any of the 8 Labour migration commitments." in page
    assert "Countering violent extremism: 2 activities, 0 linked to a commitment" in page
    assert 'href="/activities/bih-cve-salafist-research-support/"' in page


@pytest.mark.django_db
def test_the_coverage_page_follows_the_work_when_a_basis_is_confirmed(skopje_focal_point: User) -> None:
    _confirm(skopje_focal_point, FRONTLINE, "orderly-movement-of-workers")

    page = Client().get("/knowledge/coverage/").content.decode()

    assert "No activity uses any of the 8 Labour migration commitments." not in page
    assert "7 of 8 Labour migration commitments are used by no activity." in page
    assert "8 commitments, 1 used" in page


@pytest.mark.django_db
def test_the_coverage_page_can_count_one_operation_s_activities() -> None:
    page = Client().get("/knowledge/coverage/?operation=osce-mission-to-bih").content.decode()
    everyone = Client().get("/knowledge/coverage/").content.decode()

    assert "of the OSCE Mission to Bosnia and Herzegovina" in page
    assert "Countering violent extremism: 1 activities" in page
    assert "Countering violent extremism: 2 activities" in everyone


@pytest.mark.django_db
def test_the_knowledge_link_follows_meetings_in_the_navigation() -> None:
    page = Client().get("/").content.decode()

    nav = page[page.index('<nav aria-label="Main">') : page.index("</nav>")]
    assert nav.index(">Meetings</a>") < nav.index('<a href="/knowledge/">Knowledge</a>')
