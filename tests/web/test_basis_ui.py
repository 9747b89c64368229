"""The mandate basis on the activity page, its confirm / reject buttons, and the operation page's list of
activities without a confirmed basis."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client

from corridor.accounts.choices import Role
from corridor.accounts.models import User
from corridor.actors.models import Organisation
from corridor.basis.models import BasisDecision
from corridor.knowledge.models import Commitment, MandateClause
from corridor.operations.models import Activity

FRONTLINE = "skopje-frontline-workers-training-2016"
ACTIVITY_URL = f"/activities/{FRONTLINE}/"
DECIDE_URL = f"/activities/{FRONTLINE}/basis/"
OPERATION_URL = "/operations/osce-mission-to-skopje/"
TRAFFICKING = "osce-mission-to-skopje:monitor-humanitarian-trafficking"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _activity() -> Activity:
    return Activity.objects.get(slug=FRONTLINE)


def _clause(ref: str = "monitor-humanitarian-trafficking") -> MandateClause:
    return MandateClause.objects.get(mandate__operation__slug="osce-mission-to-skopje", ref=ref)


def _decide(
    client: Client, verdict: str, *, kind: str = "mandate_clause", key: str = TRAFFICKING, **extra: object
) -> Any:
    data = {"kind": kind, "key": key, "verdict": verdict, "version": str(_activity().version)}
    data.update({name: str(value) for name, value in extra.items()})
    return client.post(DECIDE_URL, data)


def _without_basis_section(client: Client) -> str:
    page = client.get(OPERATION_URL).content.decode()
    start = page.index('id="without-basis-heading"')
    return page[start : page.index("</section>", start)]


@pytest.mark.django_db
def test_the_activity_page_shows_ranked_suggestions_with_their_matching_words_marked() -> None:
    page = Client().get(ACTIVITY_URL).content.decode()

    assert 'id="basis"' in page
    assert "<mark>humanitarian</mark> situation […] and <mark>trafficking in human beings</mark>" in page
    assert page.index("monitor-humanitarian-trafficking") < page.index("return-refugees-idps")
    assert "Suggested commitments" in page


@pytest.mark.django_db
def test_an_editor_of_the_activity_s_organisation_gets_confirm_and_reject_buttons(
    skopje_focal_point: User,
) -> None:
    page = _client(skopje_focal_point).get(ACTIVITY_URL).content.decode()

    assert f'aria-label="Confirm mandate clause {TRAFFICKING}"' in page
    assert f'aria-label="Remove mandate clause {TRAFFICKING} from the suggestions"' in page
    assert f'hx-post="{DECIDE_URL}"' in page


@pytest.mark.django_db
def test_confirming_links_the_clause_records_the_decision_and_takes_the_activity_off_the_operation_list(
    skopje_focal_point: User,
) -> None:
    client = _client(skopje_focal_point)
    assert FRONTLINE in _without_basis_section(client)

    response = _decide(client, "confirmed")

    assert response.status_code == 302
    assert response["Location"] == f"{ACTIVITY_URL}#basis"
    decision = BasisDecision.objects.get(activity=_activity(), clause=_clause())
    assert (decision.verdict, decision.decided_by) == ("confirmed", skopje_focal_point)
    assert _clause() in _activity().mandate_clauses.all()
    assert FRONTLINE not in _without_basis_section(client)
    page = client.get(ACTIVITY_URL).content.decode()
    assert "Confirmed by skopje.focal" in page
    assert f'aria-label="Confirm mandate clause {TRAFFICKING}"' not in page


@pytest.mark.django_db
def test_rejecting_a_confirmed_clause_unlinks_it_and_puts_the_activity_back_on_the_list(
    skopje_focal_point: User,
) -> None:
    client = _client(skopje_focal_point)
    _decide(client, "confirmed")

    _decide(client, "rejected")

    decision = BasisDecision.objects.get(activity=_activity(), clause=_clause())
    assert decision.verdict == "rejected"
    assert not _activity().mandate_clauses.exists()
    assert FRONTLINE in _without_basis_section(client)
    page = client.get(ACTIVITY_URL).content.decode()
    rejected = page[page.index("<h3>Removed from the suggestions</h3>") :]
    assert "Rejected by skopje.focal" in rejected and "monitor-humanitarian-trafficking" in rejected
    assert f'aria-label="Confirm mandate clause {TRAFFICKING}"' in rejected


@pytest.mark.django_db
def test_a_rejected_commitment_is_no_longer_suggested(skopje_focal_point: User) -> None:
    client = _client(skopje_focal_point)
    key = "protect-human-rights-of-all-migrants"

    _decide(client, "rejected", kind="commitment", key=key)

    page = client.get(ACTIVITY_URL).content.decode()
    suggested = page[
        page.index("Suggested commitments") : page.index("<h3>Removed from the suggestions</h3>")
    ]
    assert key not in suggested
    assert key in page[page.index("<h3>Removed from the suggestions</h3>") :]
    assert not _activity().commitments.exists()


@pytest.mark.django_db
def test_an_htmx_decision_answers_with_the_refreshed_section_alone(skopje_focal_point: User) -> None:
    client = _client(skopje_focal_point)
    version = _activity().version

    response = client.post(
        DECIDE_URL,
        {
            "kind": "commitment",
            "key": "protect-human-rights-of-all-migrants",
            "verdict": "confirmed",
            "version": version,
        },
        HTTP_HX_REQUEST="true",
    )

    section = response.content.decode()
    assert response.status_code == 200
    assert section.startswith('<section class="panel wide basis" id="basis"')
    assert "<html" not in section
    assert "Commitment confirmed as a basis of this activity." in section
    assert f'name="version" value="{version + 1}"' in section
    assert _activity().commitments.filter(slug="protect-human-rights-of-all-migrants").exists()


@pytest.mark.django_db
def test_a_decision_on_a_stale_page_saves_nothing_and_shows_both_side_by_side(
    skopje_focal_point: User,
) -> None:
    client = _client(skopje_focal_point)
    stale = _activity().version
    _decide(client, "rejected")  # someone else's decision: the clause is now rejected
    Activity.objects.filter(slug=FRONTLINE).update(version=stale + 1)  # and they saved the activity

    response = client.post(
        DECIDE_URL, {"kind": "mandate_clause", "key": TRAFFICKING, "verdict": "confirmed", "version": stale}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "nothing was saved" in page
    conflict = page[page.index('class="conflict"') :]
    assert (
        f"<td>mandate clause {TRAFFICKING}</td><td>confirmed</td><td>rejected by skopje.focal</td>"
        in conflict
    )
    assert BasisDecision.objects.get(activity=_activity(), clause=_clause()).verdict == "rejected"
    assert f'name="version" value="{stale + 1}"' in page


@pytest.mark.django_db
def test_a_reader_who_may_not_edit_gets_no_buttons_and_a_post_answers_403(
    make_user: Callable[..., User], serbia: Organisation, skopje: Organisation
) -> None:
    for user in (
        make_user("serbia.ed", serbia, Role.EDITOR),
        make_user("skopje.viewer", skopje, Role.VIEWER),
    ):
        client = _client(user)

        page = client.get(ACTIVITY_URL).content.decode()
        response = _decide(client, "confirmed")

        assert "<mark>humanitarian</mark>" in page
        assert "Confirm mandate clause" not in page and 'name="verdict"' not in page
        assert response.status_code == 403
    assert not BasisDecision.objects.exists()


@pytest.mark.django_db
def test_a_hidden_activity_answers_404_as_if_it_did_not_exist(
    make_user: Callable[..., User], serbia: Organisation, skopje: Organisation, skopje_focal_point: User
) -> None:
    Activity.objects.create(
        slug="restricted-basis-test",
        title="Restricted human trafficking work",
        category="monitoring",
        lead=skopje,
        owner=skopje,
        classification="restricted",
        date_start=date(2016, 1, 1),
        date_end=date(2016, 1, 1),
        date_precision="day",
    )
    serbian = _client(make_user("serbia.ed", serbia, Role.EDITOR))
    data = {"kind": "mandate_clause", "key": TRAFFICKING, "verdict": "confirmed", "version": "1"}

    assert serbian.get("/activities/restricted-basis-test/").status_code == 404
    assert serbian.post("/activities/restricted-basis-test/basis/", data).status_code == 404
    assert (
        _client(skopje_focal_point).post("/activities/restricted-basis-test/basis/", data).status_code == 302
    )
    assert "restricted-basis-test" not in _without_basis_section(serbian)


@pytest.mark.django_db
def test_an_anonymous_decision_is_sent_to_sign_in() -> None:
    response = _decide(Client(), "confirmed")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert not BasisDecision.objects.exists()


@pytest.mark.django_db
def test_an_unknown_or_hidden_clause_or_commitment_answers_404(
    skopje_focal_point: User, serbia: Organisation
) -> None:
    Commitment.objects.create(
        slug="hidden-commitment",
        text="Hidden",
        theme="general",
        dimension="human",
        owner=serbia,
        classification="restricted",
    )
    client = _client(skopje_focal_point)

    assert _decide(client, "confirmed", kind="commitment", key="hidden-commitment").status_code == 404
    assert _decide(client, "confirmed", key="osce-mission-to-skopje:no-such-clause").status_code == 404
    assert _decide(client, "confirmed", kind="commitment", key="no-such-commitment").status_code == 404
    assert _decide(client, "confirmed", kind="document", key="x").status_code == 404


@pytest.mark.django_db
def test_a_clause_of_another_operation_is_refused_on_the_section_and_nothing_is_saved(
    skopje_focal_point: User,
) -> None:
    response = _decide(
        _client(skopje_focal_point), "confirmed", key="osce-mission-to-serbia:return-of-refugees"
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert">Nothing was saved: a clause of another operation' in page
    assert not BasisDecision.objects.exists()


@pytest.mark.django_db
def test_a_form_without_a_version_is_refused(skopje_focal_point: User) -> None:
    response = _client(skopje_focal_point).post(
        DECIDE_URL, {"kind": "mandate_clause", "key": TRAFFICKING, "verdict": "confirmed"}
    )

    assert response.status_code == 400
    assert not BasisDecision.objects.exists()
