"""The recommendations tracker pages: status, follow-ups and answers; editors link and unlink the work of
their organisation; others get no form and are refused."""

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
from corridor.basis.models import RecommendationResponse
from corridor.basis.seeding import seed_study_responses
from corridor.knowledge.models import Recommendation
from corridor.timeline.models import Event

ODIHR = "odihr-2016-abide-by-commitments"
URL = f"/knowledge/recommendations/{ODIHR}/"
FRONTLINE = "skopje-frontline-workers-training-2016"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _answers(page: str) -> str:
    """The list of answers (not the form below it)."""
    found = re.search(r'<ul class="answers">.*?</ul>', page, re.S)
    assert found is not None
    return found.group(0)


@pytest.mark.django_db
def test_the_tracker_lists_each_recommendation_with_status_follow_ups_and_answers() -> None:
    seed_study_responses()

    page = Client().get("/knowledge/recommendations/").content.decode()

    row = re.search(rf'<tr id="recommendation-{ODIHR}">.*?</tr>', page, re.S)
    assert row is not None
    assert '<span class="status open">Open</span>' in row.group(0)
    assert "December 2015" in row.group(0) and "The Foreign Ministers of the OSCE participating" in row.group(
        0
    )
    assert "Event: Ministerial Council fails to agree on updating MC.DEC/5/09" in row.group(0)
    assert page.count('<tr id="recommendation-') == Recommendation.objects.count()


@pytest.mark.django_db
def test_the_status_filter_keeps_recommendations_of_that_status() -> None:
    page = Client().get("/knowledge/recommendations/?status=not_implemented").content.decode()

    assert page.count('<tr id="recommendation-') == 1
    assert "Open</span>" not in page


@pytest.mark.django_db
def test_a_recommendation_shows_the_answers_the_study_states_with_its_words() -> None:
    seed_study_responses()

    answers = _answers(Client().get(URL).content.decode())

    assert "Ministerial Council fails to agree on updating MC.DEC/5/09" in answers
    assert "Stated by the study" in answers
    assert "“However, in December 2015, the Foreign Ministers" in answers
    assert "Unlink" not in answers


@pytest.mark.django_db
def test_an_editor_links_an_activity_of_their_organisation_and_unlinks_it(skopje_focal_point: User) -> None:
    client = _client(skopje_focal_point)

    linked = client.post(URL, {"answer": f"activity:{FRONTLINE}", "note": "Trains workers to protect rights"})

    assert linked.status_code == 302 and linked["Location"] == f"{URL}#answers"
    response = RecommendationResponse.objects.get(recommendation__slug=ODIHR, activity__slug=FRONTLINE)
    answers = _answers(client.get(URL).content.decode())
    assert f'href="/activities/{FRONTLINE}/"' in answers
    assert "Trains workers to protect rights" in answers and "Linked by skopje.focal" in answers

    unlinked = client.post(f"{URL}answers/{response.uid}/unlink/")

    assert unlinked.status_code == 302
    assert not RecommendationResponse.objects.filter(pk=response.pk).exists()
    assert FRONTLINE not in _answers(client.get(URL).content.decode())


@pytest.mark.django_db
def test_the_form_offers_only_the_work_the_editor_may_change_and_refuses_other_work_at_the_field(
    skopje_focal_point: User,
) -> None:
    client = _client(skopje_focal_point)

    page = client.get(URL).content.decode()
    refused = client.post(URL, {"answer": "activity:serbia-presevo-youth-office-cooperation", "note": ""})

    assert f'value="activity:{FRONTLINE}"' in page
    assert "serbia-presevo-youth-office-cooperation" not in page
    assert refused.status_code == 200
    assert re.search(
        r'class="field has-error".*?class="errorlist"[^>]*><li>Select a valid choice',
        refused.content.decode(),
        re.S,
    )
    assert not RecommendationResponse.objects.exists()


@pytest.mark.django_db
def test_a_reader_without_edit_rights_gets_no_form_and_is_refused(
    make_user: Callable[..., User], skopje: Organisation, skopje_focal_point: User
) -> None:
    response = _client(skopje_focal_point).post(URL, {"answer": f"activity:{FRONTLINE}"})
    assert response.status_code == 302
    link = RecommendationResponse.objects.get()
    viewer = _client(make_user("skopje.viewer", skopje, Role.VIEWER))

    page = viewer.get(URL).content.decode()

    assert "Record what answers it" not in page and "Unlink" not in page
    assert viewer.post(URL, {"answer": f"activity:{FRONTLINE}"}).status_code == 403
    assert viewer.post(f"{URL}answers/{link.uid}/unlink/").status_code == 403
    assert RecommendationResponse.objects.filter(pk=link.pk).exists()


@pytest.mark.django_db
def test_an_editor_of_another_organisation_may_not_unlink_the_work_of_this_one(
    make_user: Callable[..., User], serbia: Organisation, skopje_focal_point: User
) -> None:
    _client(skopje_focal_point).post(URL, {"answer": f"activity:{FRONTLINE}"})
    link = RecommendationResponse.objects.get()
    serbian = _client(make_user("serbia.ed", serbia, Role.EDITOR))

    answers = _answers(serbian.get(URL).content.decode())

    assert FRONTLINE in answers and "Unlink" not in answers
    assert serbian.post(f"{URL}answers/{link.uid}/unlink/").status_code == 403


@pytest.mark.django_db
def test_a_hidden_recommendation_or_answer_answers_404(
    make_user: Callable[..., User], serbia: Organisation, skopje: Organisation, skopje_focal_point: User
) -> None:
    Recommendation.objects.create(
        slug="restricted-recommendation",
        text="Hidden",
        issuer=skopje,
        owner=skopje,
        classification="restricted",
    )
    serbian = _client(make_user("serbia.ed", serbia, Role.EDITOR))
    _client(skopje_focal_point).post(URL, {"answer": f"activity:{FRONTLINE}"})
    link = RecommendationResponse.objects.get()
    link.activity.classification = "restricted"  # type: ignore[union-attr]
    link.activity.save()  # type: ignore[union-attr]

    assert serbian.get("/knowledge/recommendations/restricted-recommendation/").status_code == 404
    assert serbian.post("/knowledge/recommendations/restricted-recommendation/", {}).status_code == 404
    assert serbian.post(f"{URL}answers/{link.uid}/unlink/").status_code == 404
    assert FRONTLINE not in _answers(serbian.get(URL).content.decode())


@pytest.mark.django_db
def test_an_anonymous_link_is_sent_to_sign_in() -> None:
    response = Client().post(URL, {"answer": f"activity:{FRONTLINE}"})

    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert not RecommendationResponse.objects.exists()


@pytest.mark.django_db
def test_an_event_answer_links_to_the_event(
    skopje_focal_point: User, make_event: Callable[..., Event], skopje: Organisation
) -> None:
    event = make_event(
        skopje, title="Quorvex round table", date_start=date(2016, 3, 9), date_end=date(2016, 3, 9)
    )
    client = _client(skopje_focal_point)

    client.post(URL, {"answer": f"event:{event.slug}", "note": ""})

    answers = _answers(client.get(URL).content.decode())
    assert "Event: <a href=" in answers and "Quorvex round table" in answers
    assert "9 March 2016" in answers


@pytest.mark.django_db
def test_the_tracker_list_costs_the_same_queries_however_many_answers_it_shows(
    skopje_focal_point: User,
) -> None:
    client = Client()
    with CaptureQueriesContext(connection) as before:
        client.get("/knowledge/recommendations/")
    seed_study_responses()
    _client(skopje_focal_point).post(URL, {"answer": f"activity:{FRONTLINE}"})

    with CaptureQueriesContext(connection) as after:
        client.get("/knowledge/recommendations/")

    assert len(after) == len(before)
