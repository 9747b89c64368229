"""The knowledge-base endpoints for every kind of caller: search filters, an activity's basis (read and
decide), activities without basis, the recommendations tracker and coverage."""

from __future__ import annotations

import json

import pytest

from corridor.basis.models import BasisDecision, RecommendationResponse
from corridor.operations.models import Activity
from tests.api_fixtures import READERS, WRITERS

FRONTLINE = "skopje-frontline-workers-training-2016"
CLAUSE = "osce-mission-to-skopje:monitor-humanitarian-trafficking"
REFUSED = {"anonymous": 401}


def _post(client, url: str, body: dict, **headers: str):  # type: ignore[no-untyped-def]
    return client.post(url, data=json.dumps(body), content_type="application/json", **headers)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "presevo", "kind": "planet"}, "kind"),
        ({"q": "presevo", "theme": "weather"}, "theme"),
        ({"q": "presevo", "dimension": "fourth"}, "dimension"),
        ({"q": "presevo", "operation": "no-such-mission"}, "operation"),
        ({"q": "presevo", "limit": 0}, "limit"),
    ],
)
def test_search_refuses_unknown_filters_at_their_path(params, field, client_for) -> None:
    response = client_for("anonymous").get("/api/v1/search", params)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", field]


@pytest.mark.django_db
def test_search_applies_its_filters(client_for) -> None:
    response = client_for("anonymous").get(
        "/api/v1/search",
        {
            "q": "presevo",
            "kind": ["event", "visit"],
            "operation": "osce-mission-to-serbia",
            "start": "2015-11-01",
            "end": "2015-11-30",
        },
    )

    assert response.status_code == 200
    hits = response.json()
    assert {(hit["kind"], hit["key"]) for hit in hits} == {
        ("event", "joint-visit-presevo-tabanovce-2015-11"),
        ("visit", "joint-visit-presevo-tabanovce-2015-11"),
    }
    assert all("<mark>" in hit["snippet"] for hit in hits)


@pytest.mark.django_db
@pytest.mark.parametrize("reader", list(READERS))
def test_every_caller_reads_the_basis_of_an_activity_they_may_read(reader, client_for, zorkavian) -> None:
    client = client_for(reader)

    response = client.get(f"/api/v1/activities/{FRONTLINE}/basis")

    assert response.status_code == 200
    body = response.json()
    assert response["ETag"] == f'"{body["version"]}"'
    assert body["suggestions"]["clauses"][0]["key"] == CLAUSE
    assert "<mark>" in body["suggestions"]["clauses"][0]["passage"]
    for level, activity in zorkavian["activity"].items():
        expected = 200 if level in READERS[reader] else 404
        assert client.get(f"/api/v1/activities/{activity.slug}/basis").status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("reader", list(READERS))
def test_only_editors_of_the_operation_confirm_a_basis(reader, client_for) -> None:
    activity = Activity.objects.get(slug=FRONTLINE)

    response = _post(
        client_for(reader),
        f"/api/v1/activities/{FRONTLINE}/basis",
        {"verdict": "confirmed", "clause": CLAUSE},
        HTTP_IF_MATCH=f'"{activity.version}"',
    )

    if reader in WRITERS:
        assert response.status_code == 200, response.content
        assert response.json()["clauses"][0]["key"] == CLAUSE
        assert response["ETag"] == f'"{activity.version + 1}"'
        assert CLAUSE not in [s["key"] for s in response.json()["suggestions"]["clauses"]]
    else:
        assert response.status_code == REFUSED.get(reader, 403)
        assert not BasisDecision.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("reader", list(READERS))
def test_a_basis_decision_on_a_hidden_activity_answers_404(reader, client_for, zorkavian) -> None:
    activity = zorkavian["activity"]["restricted"]

    response = _post(
        client_for(reader),
        f"/api/v1/activities/{activity.slug}/basis",
        {"verdict": "rejected", "commitment": "protect-human-rights-of-all-migrants"},
        HTTP_IF_MATCH=f'"{activity.version}"',
    )

    if "restricted" not in READERS[reader]:
        assert response.status_code == 404
    else:
        assert response.status_code == (200 if reader in WRITERS else 403)


@pytest.mark.django_db
def test_a_rejected_commitment_disappears_from_the_suggestions(client_for) -> None:
    client = client_for("skopje-focal-point")
    version = Activity.objects.get(slug=FRONTLINE).version

    response = _post(
        client,
        f"/api/v1/activities/{FRONTLINE}/basis",
        {"verdict": "rejected", "commitment": "protect-human-rights-of-all-migrants"},
        HTTP_IF_MATCH=f'"{version}"',
    )

    assert response.status_code == 200
    body = response.json()
    assert "protect-human-rights-of-all-migrants" not in [
        s["key"] for s in body["suggestions"]["commitments"]
    ]
    assert body["decisions"][0]["verdict"] == "rejected"
    assert body["decisions"][0]["decided_by"] == "skopje-focal-point"
    assert body["version"] == version


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        ({"verdict": "confirmed", "clause": CLAUSE}, {}, 428),
        ({"verdict": "confirmed", "clause": CLAUSE}, {"HTTP_IF_MATCH": '"99"'}, 412),
        ({"verdict": "confirmed", "clause": "osce-mission-to-skopje:no-such"}, {"HTTP_IF_MATCH": '"1"'}, 422),
        (
            {"verdict": "confirmed", "clause": "osce-mission-to-serbia:return-of-refugees"},
            {"HTTP_IF_MATCH": '"1"'},
            422,
        ),
        ({"verdict": "confirmed", "commitment": "no-such-commitment"}, {"HTTP_IF_MATCH": '"1"'}, 422),
        ({"verdict": "confirmed"}, {"HTTP_IF_MATCH": '"1"'}, 422),
        ({"verdict": "maybe", "clause": CLAUSE}, {"HTTP_IF_MATCH": '"1"'}, 422),
    ],
)
def test_a_basis_decision_is_refused_when_it_is_incomplete_stale_or_wrong(
    body, headers, status, client_for
) -> None:
    Activity.objects.filter(slug=FRONTLINE).update(version=1)

    response = _post(client_for("skopje-editor"), f"/api/v1/activities/{FRONTLINE}/basis", body, **headers)

    assert response.status_code == status, response.content
    assert not BasisDecision.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("reader", list(READERS))
def test_activities_without_basis_list_what_each_caller_may_read(reader, client_for, zorkavian) -> None:
    response = client_for(reader).get(
        "/api/v1/field-operations/osce-mission-to-skopje/activities-without-basis?limit=1000"
    )

    assert response.status_code == 200
    listed = {item["slug"] for item in response.json()["items"]}
    assert FRONTLINE in listed
    assert "skopje-pdu-gevgelija-one-team" not in listed
    assert {a.slug for level, a in zorkavian["activity"].items() if level in READERS[reader]} <= listed
    assert not {a.slug for level, a in zorkavian["activity"].items() if level not in READERS[reader]} & listed


@pytest.mark.django_db
def test_an_unknown_operation_answers_404(client_for) -> None:
    client = client_for("vienna-analyst")

    assert client.get("/api/v1/field-operations/no-such/activities-without-basis").status_code == 404
    assert client.get("/api/v1/field-operations/no-such/basis-suggestions?title=x").status_code == 404


@pytest.mark.django_db
def test_a_draft_activity_gets_suggestions(client_for) -> None:
    response = client_for("anonymous").get(
        "/api/v1/field-operations/osce-mission-to-skopje/basis-suggestions",
        {"title": "Identification of trafficking victims at transit centres"},
    )

    assert response.status_code == 200
    assert response.json()["clauses"][0]["key"] == CLAUSE


@pytest.mark.django_db
@pytest.mark.parametrize("reader", list(READERS))
def test_every_caller_reads_the_tracker_of_a_recommendation_they_may_read(
    reader, client_for, zorkavian
) -> None:
    from corridor.basis.seeding import seed_study_responses

    seed_study_responses()
    client = client_for(reader)

    response = client.get("/api/v1/recommendations/odihr-2016-abide-by-commitments/tracker")

    assert response.status_code == 200
    body = response.json()
    assert body["recommendation"]["status"] == "open"
    assert body["follow_ups"][0]["date"]["text"] == "December 2015"
    answer = body["responses"][0]
    assert (answer["kind"], answer["key"], answer["linked_by"]) == (
        "event",
        "ministerial-council-2015-no-migration-decision",
        None,
    )
    assert answer["citations"][0]["source"] == "study-2016"
    for level, recommendation in zorkavian["recommendation"].items():
        expected = 200 if level in READERS[reader] else 404
        assert client.get(f"/api/v1/recommendations/{recommendation.slug}/tracker").status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("reader", list(READERS))
def test_only_editors_of_the_activity_s_owner_link_it_to_a_recommendation(reader, client_for) -> None:
    url = "/api/v1/recommendations/odihr-2016-protect-vulnerable-groups/tracker"

    response = _post(client_for(reader), url, {"activity": FRONTLINE, "note": "Frontline workers"})

    if reader in WRITERS:
        assert response.status_code == 201, response.content
        assert response.json()["key"] == FRONTLINE
        assert response.json()["linked_by"] == ("root" if reader == "superuser" else reader)
        uid = response.json()["uid"]
        listed = client_for(reader).get(url).json()["responses"]
        assert [item["uid"] for item in listed] == [uid]
        assert client_for(reader).delete(f"{url}/{uid}").status_code == 204
        assert not RecommendationResponse.objects.exists()
    else:
        assert response.status_code == REFUSED.get(reader, 403)
        assert not RecommendationResponse.objects.exists()


@pytest.mark.django_db
def test_a_link_retried_with_the_same_idempotency_key_is_made_once(client_for) -> None:
    client = client_for("skopje-editor")
    url = "/api/v1/recommendations/odihr-2016-protect-vulnerable-groups/tracker"

    first = _post(client, url, {"activity": FRONTLINE}, HTTP_IDEMPOTENCY_KEY="link-1")
    second = _post(client, url, {"activity": FRONTLINE}, HTTP_IDEMPOTENCY_KEY="link-1")

    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert RecommendationResponse.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        {},
        {"activity": FRONTLINE, "event": "joint-visit-presevo-tabanovce-2015-11"},
        {"activity": "no-such"},
        {"event": "no-such"},
    ],
)
def test_a_link_must_name_one_known_activity_or_event(body, client_for) -> None:
    response = _post(
        client_for("skopje-editor"),
        "/api/v1/recommendations/odihr-2016-protect-vulnerable-groups/tracker",
        body,
    )

    assert response.status_code == 422


@pytest.mark.django_db
def test_unlinking_someone_else_s_record_is_refused(client_for) -> None:
    url = "/api/v1/recommendations/odihr-2016-protect-vulnerable-groups/tracker"
    uid = _post(client_for("skopje-editor"), url, {"activity": FRONTLINE}).json()["uid"]

    assert client_for("serbia-editor").delete(f"{url}/{uid}").status_code == 403
    assert client_for("anonymous").delete(f"{url}/{uid}").status_code == 401
    assert (
        client_for("skopje-editor").delete(f"{url}/00000000-0000-0000-0000-000000000000").status_code == 404
    )
    assert RecommendationResponse.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("reader", list(READERS))
def test_every_caller_reads_the_coverage_of_what_they_may_read(reader, client_for, zorkavian) -> None:
    response = client_for(reader).get("/api/v1/coverage")

    assert response.status_code == 200
    body = response.json()
    listed = {c["key"] for cell in body["matrix"] for c in cell["commitments"]}
    for level, commitment in zorkavian["commitment"].items():
        assert (commitment.slug in listed) == (level in READERS[reader])
    assert any(gap["kind"] == "theme_unused" and "Labour migration" in gap["text"] for gap in body["gaps"])
    assert any(gap["kind"] == "topic_unconnected" for gap in body["gaps"])


@pytest.mark.django_db
def test_coverage_takes_an_operation_and_topics(client_for) -> None:
    client = client_for("anonymous")

    response = client.get(
        "/api/v1/coverage", {"operation": "osce-mission-to-bih", "topic": ["salafist", "trafficking"]}
    )

    assert response.status_code == 200
    topics = {topic["name"]: topic for topic in response.json()["topics"]}
    assert topics["salafist"]["activities"] == ["bih-cve-salafist-research-support"]
    assert topics["salafist"]["unconnected"] is True
    assert client.get("/api/v1/coverage", {"operation": "no-such"}).status_code == 422
