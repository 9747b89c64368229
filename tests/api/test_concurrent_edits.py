"""Writers racing on PostgreSQL: two editors patching one visit from one version, and random interleavings
of two or three writers recording counts (hypothesis, bounded)."""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import Any

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridor.monitoring.models import FlowObservation, MonitoringVisit
from tests.api.racing import ON_POSTGRESQL_ONLY, Answer, World, build_world, patch, post, race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason=ON_POSTGRESQL_ONLY),
]


@pytest.fixture
def world() -> World:
    return build_world()


def _visit(world: World) -> dict[str, Any]:
    body = {
        "operation": world.skopje.slug,
        "places": [world.site.slug],
        "date": "2016-03-09",
        "team": "PDU 1",
        "purpose": "Registration",
        "findings": [{"aspect": "staffing", "concern": "minor", "text": "Two officers on duty"}],
    }
    answer = post(world.client("skopje-editor"), "/api/v1/visits", body)
    assert answer.status == 201, answer.body
    created: dict[str, Any] = answer.body
    return created


def _racing_patches(world: World, slug: str, theirs: dict[str, Any], mine: dict[str, Any]) -> list[Any]:
    url = f"/api/v1/visits/{slug}"
    focal_point, editor = world.client("skopje-focal-point"), world.client("skopje-editor")
    return race(
        [
            lambda: patch(focal_point, url, theirs, HTTP_IF_MATCH='"1"'),
            lambda: patch(editor, url, mine, HTTP_IF_MATCH='"1"'),
        ]
    )


@pytest.mark.parametrize("round_", range(3))
def test_two_editors_changing_different_parts_at_once_both_keep_their_change(
    world: World, round_: int
) -> None:
    visit = _visit(world)

    answers = _racing_patches(world, visit["slug"], {"team": "PDU 2"}, {"purpose": "Shelter"})

    assert [answer.status for answer in answers] == [200, 200], answers
    assert sorted(answer.etag for answer in answers) == ['"2"', '"3"']
    saved = MonitoringVisit.objects.get(slug=visit["slug"])
    assert (saved.team, saved.purpose, saved.version) == ("PDU 2", "Shelter", 3)


@pytest.mark.parametrize("round_", range(3))
def test_two_editors_changing_one_finding_at_once_save_one_and_answer_the_other_412(
    world: World, round_: int
) -> None:
    visit = _visit(world)
    finding = visit["findings"][0]
    theirs = {"team": "PDU 2", "findings": [{**finding, "concern": "serious"}]}
    mine = {"team": "PDU 3", "findings": [{**finding, "concern": "none"}]}

    answers = _racing_patches(world, visit["slug"], theirs, mine)

    assert sorted(answer.status for answer in answers) == [200, 412], answers
    saved_answer = next(answer for answer in answers if answer.status == 200)
    refused = next(answer for answer in answers if answer.status == 412).body
    saved = MonitoringVisit.objects.get(slug=visit["slug"])
    assert saved.team == saved_answer.body["team"]
    assert [f.concern for f in saved.findings.all()] == [saved_answer.body["findings"][0]["concern"]]
    assert {conflict["path"] for conflict in refused["conflicts"]} == {
        "team",
        f"findings/{finding['uid']}/concern",
    }
    assert refused["theirs"]["team"] == saved.team and refused["base"]["team"] == "PDU 1"
    assert refused["saved_by"] in {"Skopje Editor", "Skopje Focal Point"}


WRITERS = ("skopje-editor", "skopje-focal-point", "serbia-editor")
_examples = itertools.count()


@st.composite
def _writes(draw: st.DrawFn) -> list[list[dict[str, Any]]]:
    """Rounds of two or three writes fired at once; a write may retry an earlier one with its key."""
    rounds: list[list[dict[str, Any]]] = []
    made: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(1, 3))):
        batch = []
        for _ in range(draw(st.integers(2, 3))):
            if made and draw(st.booleans()) and any(write["key"] for write in made):
                batch.append(draw(st.sampled_from([write for write in made if write["key"]])))
                continue
            writer = draw(st.sampled_from(WRITERS))
            write = {
                "writer": writer,
                "owner": draw(st.sampled_from(["skopje", "serbia"])),
                "day": draw(st.sampled_from(["2015-11-20", "2015-11-21"])),
                "value": draw(st.sampled_from([100, 200, 300])),
                "key": f"w{len(made)}" if draw(st.booleans()) else "",
            }
            made.append(write)
            batch.append(write)
        rounds.append(batch)
    return rounds


@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rounds=_writes())
def test_any_interleaving_of_writers_keeps_one_honest_current_figure_per_key_and_owner(
    world: World, rounds: list[list[dict[str, Any]]]
) -> None:
    example = next(_examples)
    owners = {"skopje": world.skopje, "serbia": world.serbia}
    may_write = {"skopje-editor": "skopje", "skopje-focal-point": "skopje", "serbia-editor": "serbia"}
    answers_by_key: dict[str, list[Answer]] = defaultdict(list)
    written: dict[tuple[str, str], set[int]] = defaultdict(set)
    created: dict[tuple[str, str], set[str]] = defaultdict(set)
    for batch in rounds:
        skopje_before = _current(world, "skopje")
        calls = []
        for write in batch:
            body = {
                "place": world.site.slug,
                "metric": "arrivals",
                "date": write["day"],
                "value": write["value"],
                "source_organisation": world.source.slug,
                "owner": owners[write["owner"]].slug,
            }
            headers = {"HTTP_IDEMPOTENCY_KEY": f"e{example}-{write['key']}"} if write["key"] else {}
            client = world.client(write["writer"])
            calls.append(
                lambda client=client, body=body, headers=headers: post(
                    client, "/api/v1/observations", body, **headers
                )
            )
        for write, answer in zip(batch, race(calls), strict=True):
            assert isinstance(answer, Answer), answer
            assert answer.status < 500, answer
            allowed = may_write[write["writer"]] == write["owner"]
            assert answer.status in ({200, 201} if allowed else {403}), answer
            if write["key"]:
                answers_by_key[write["key"]].append(answer)
            if allowed:
                written[(write["owner"], write["day"])].add(write["value"])
                if answer.status == 201:
                    created[(write["owner"], write["day"])].add(answer.body["observation"]["uid"])
        if not any(may_write[write["writer"]] == write["owner"] == "skopje" for write in batch):
            assert _current(world, "skopje") == skopje_before  # nobody who may edit Skopje's figures wrote

    for answers in answers_by_key.values():
        assert [answer.content for answer in answers] == [answers[0].content] * len(answers)
    for (owner, day), values in written.items():
        rows = FlowObservation.objects.filter(place=world.site, owner=owners[owner], date_start=day)
        current = list(rows.filter(is_current=True))
        assert len(current) == 1
        assert current[0].value in values
        assert {str(uid) for uid in rows.values_list("uid", flat=True)} >= created[(owner, day)]


def _current(world: World, owner: str) -> dict[Any, int | None]:
    organisation = world.skopje if owner == "skopje" else world.serbia
    return dict(
        FlowObservation.objects.filter(place=world.site, owner=organisation, is_current=True).values_list(
            "date_start", "value"
        )
    )
