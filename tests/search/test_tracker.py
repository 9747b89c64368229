"""The recommendations tracker: the responses the study states are seeded (cited, idempotent); users link
and unlink the work that answers a recommendation; links are shown only to who may read both ends."""

from __future__ import annotations

import pytest

from corridor.accounts.choices import Role
from corridor.basis.models import RecommendationResponse
from corridor.basis.seeding import SeedInvalid, seed_study_responses
from corridor.basis.selectors import responses_visible_to, tracker_for
from corridor.basis.services import link_response, unlink_response
from corridor.core.exceptions import NotFound, PermissionDenied, ValidationFailed
from corridor.core.models import Citation
from corridor.knowledge.models import Recommendation
from corridor.operations.models import Activity
from corridor.timeline.models import Event


def _recommendation(slug: str) -> Recommendation:
    return Recommendation.objects.get(slug=slug)


@pytest.mark.django_db
def test_seeding_links_the_responses_the_study_states_each_citing_it() -> None:
    report = seed_study_responses()

    assert (report.created, report.updated) == (8, 0)
    tracker = tracker_for(None, _recommendation("odihr-2016-abide-by-commitments"))
    assert [r.event.slug for r in tracker.responses] == ["ministerial-council-2015-no-migration-decision"]
    assert tracker.responses[0].linked_by is None
    quote = tracker.citations[tracker.responses[0].pk][0].quote
    assert quote.startswith("However, in December 2015, the Foreign Ministers")
    assert [f.text[:40] for f in tracker.follow_ups] == ["The Foreign Ministers of the OSCE partic"]


@pytest.mark.django_db
def test_seeding_twice_changes_nothing() -> None:
    seed_study_responses()
    before = list(RecommendationResponse.objects.values_list("pk", "version", "note", "linked_at"))
    citations = Citation.objects.count()

    report = seed_study_responses()

    assert (report.created, report.updated, report.unchanged) == (0, 0, 8)
    assert list(RecommendationResponse.objects.values_list("pk", "version", "note", "linked_at")) == before
    assert Citation.objects.count() == citations


@pytest.mark.django_db
def test_seeding_refuses_a_quote_the_study_does_not_hold_and_writes_nothing(tmp_path) -> None:
    bad = tmp_path / "responses.yaml"
    bad.write_text(
        "- recommendation: odihr-2016-abide-by-commitments\n"
        "  event: ministerial-council-2015-no-migration-decision\n"
        "  note: x\n"
        "  sources: [{section: '5', quote: 'The Ministers agreed on everything.'}]\n"
        "- recommendation: no-such-recommendation\n"
        "  event: ministerial-council-2015-no-migration-decision\n"
        "  sources: [{section: '5', quote: 'However, in December 2015'}]\n",
        encoding="utf-8",
    )

    with pytest.raises(SeedInvalid) as refused:
        seed_study_responses(bad)

    assert len(refused.value.problems) == 2
    assert "quote not found" in refused.value.problems[0]
    assert "unknown recommendation 'no-such-recommendation'" in refused.value.problems[1]
    assert not RecommendationResponse.objects.exists()


@pytest.mark.django_db
def test_an_editor_of_the_activity_s_owner_links_it_to_a_recommendation(skopje_focal_point) -> None:
    recommendation = _recommendation("odihr-2016-protect-vulnerable-groups")
    activity = Activity.objects.get(slug="skopje-frontline-workers-training-2016")

    response = link_response(
        actor=skopje_focal_point,
        recommendation=recommendation,
        activity=activity,
        note="Vulnerable groups first.",
    )

    tracker = tracker_for(None, recommendation)
    assert [(r.activity, r.note, r.linked_by) for r in tracker.responses] == [
        (activity, "Vulnerable groups first.", skopje_focal_point)
    ]
    again = link_response(
        actor=skopje_focal_point,
        recommendation=recommendation,
        activity=activity,
        note="Vulnerable groups first.",
    )
    assert again.pk == response.pk and again.version == response.version


@pytest.mark.django_db
def test_who_may_not_change_the_answering_record_may_not_link_it(make_user, skopje, serbia) -> None:
    recommendation = _recommendation("odihr-2016-protect-vulnerable-groups")
    activity = Activity.objects.get(slug="skopje-frontline-workers-training-2016")

    for actor in (None, make_user("viewer", skopje, Role.VIEWER), make_user("serbian", serbia, Role.EDITOR)):
        with pytest.raises(PermissionDenied):
            link_response(actor=actor, recommendation=recommendation, activity=activity)
    assert not RecommendationResponse.objects.exists()


@pytest.mark.django_db
def test_a_link_names_one_activity_or_one_event(skopje_focal_point) -> None:
    recommendation = _recommendation("odihr-2016-protect-vulnerable-groups")

    with pytest.raises(ValidationFailed):
        link_response(actor=skopje_focal_point, recommendation=recommendation)


@pytest.mark.django_db
def test_unlinking_removes_the_link(skopje_focal_point) -> None:
    recommendation = _recommendation("odihr-2016-protect-vulnerable-groups")
    activity = Activity.objects.get(slug="skopje-frontline-workers-training-2016")
    response = link_response(actor=skopje_focal_point, recommendation=recommendation, activity=activity)

    unlink_response(actor=skopje_focal_point, response=response)

    assert tracker_for(None, recommendation).responses == []


@pytest.mark.django_db
def test_a_link_to_a_record_the_reader_may_not_read_is_not_shown(
    skopje_focal_point, zorkavian, outsider
) -> None:
    recommendation = _recommendation("odihr-2016-protect-vulnerable-groups")
    hidden = zorkavian["activity"]["restricted"]
    link_response(actor=skopje_focal_point, recommendation=recommendation, activity=hidden)

    assert tracker_for(outsider, recommendation).responses == []
    assert tracker_for(None, recommendation).responses == []
    assert [r.activity for r in tracker_for(skopje_focal_point, recommendation).responses] == [hidden]


@pytest.mark.django_db
def test_a_link_to_a_hidden_recommendation_is_not_shown(skopje_focal_point, zorkavian) -> None:
    hidden = zorkavian["recommendation"]["internal"]
    event = Event.objects.get(slug="joint-visit-presevo-tabanovce-2015-11")
    Event.objects.filter(pk=event.pk).update(owner=hidden.owner)
    event.refresh_from_db()
    link_response(actor=skopje_focal_point, recommendation=hidden, event=event)

    assert not responses_visible_to(None).filter(recommendation=hidden).exists()
    assert responses_visible_to(skopje_focal_point).filter(recommendation=hidden).exists()


@pytest.mark.django_db
def test_unlinking_a_record_the_actor_may_not_read_is_not_found(
    skopje_focal_point, zorkavian, outsider
) -> None:
    recommendation = _recommendation("odihr-2016-protect-vulnerable-groups")
    response = link_response(
        actor=skopje_focal_point, recommendation=recommendation, activity=zorkavian["activity"]["restricted"]
    )

    with pytest.raises(NotFound):
        unlink_response(actor=outsider, response=response)


@pytest.mark.django_db
def test_the_admin_edits_responses_and_only_shows_basis_decisions(client, make_user) -> None:
    seed_study_responses()
    client.force_login(make_user("root", superuser=True))

    assert client.get("/admin/basis/recommendationresponse/").status_code == 200
    response = RecommendationResponse.objects.first()
    assert client.get(f"/admin/basis/recommendationresponse/{response.pk}/change/").status_code == 200
    assert client.get("/admin/basis/basisdecision/").status_code == 200
    assert client.get("/admin/basis/basisdecision/add/").status_code == 403
