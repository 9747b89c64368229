"""`corridor search`, `corridor basis`, `corridor tracker seed` and `corridor search-index rebuild`."""

from __future__ import annotations

import json

import pytest

from corridor.accounts.choices import Role
from corridor.cli.main import main


@pytest.mark.django_db
def test_corridor_search_presevo_prints_the_preševo_records_with_the_match_marked(capsys) -> None:
    code = main(["search", "presevo"])

    out = capsys.readouterr().out
    assert code == 0
    assert "[place] presevo" in out
    assert "[event] joint-visit-presevo-tabanovce-2015-11 (2015-11-01)" in out
    assert "[Preševo] Youth Office" in out
    assert "<mark>" not in out


@pytest.mark.django_db
def test_corridor_search_prints_json_and_filters_by_kind(capsys) -> None:
    code = main(["search", "presevo", "--kind", "activity", "--json"])

    hits = json.loads(capsys.readouterr().out)
    assert code == 0
    assert {hit["kind"] for hit in hits} == {"activity"}
    assert "serbia-presevo-youth-office-cooperation" in {hit["key"] for hit in hits}
    assert all("<mark>" in hit["snippet"] for hit in hits)


@pytest.mark.django_db
def test_corridor_search_reads_as_the_public_unless_told_a_user(capsys, zorkavian, make_user, skopje) -> None:
    make_user("skopje.viewer", skopje, Role.VIEWER)

    main(["search", "zorkavian", "--kind", "event", "--json"])
    public = {hit["key"] for hit in json.loads(capsys.readouterr().out)}
    main(["search", "zorkavian", "--kind", "event", "--json", "--user", "skopje.viewer"])
    member = {hit["key"] for hit in json.loads(capsys.readouterr().out)}

    assert public == {"zorkavian-public-event"}
    assert member == {"zorkavian-public-event", "zorkavian-internal-event", "zorkavian-restricted-event"}


@pytest.mark.django_db
def test_corridor_search_refuses_an_unknown_kind_or_user(capsys) -> None:
    assert main(["search", "presevo", "--kind", "planet"]) == 2
    assert main(["search", "presevo", "--user", "nobody-here"]) == 1
    assert "unknown kind 'planet'" in capsys.readouterr().err


@pytest.mark.django_db
def test_corridor_search_says_when_nothing_is_found(capsys) -> None:
    assert main(["search", "qqqxxyzz"]) == 0
    assert "Nothing found for 'qqqxxyzz'." in capsys.readouterr().out


@pytest.mark.django_db
def test_corridor_basis_prints_the_ranked_suggestions(capsys) -> None:
    code = main(["basis", "skopje-frontline-workers-training-2016"])

    out = capsys.readouterr().out
    assert code == 0
    clauses = out.split("Suggested clauses:")[1].split("Suggested commitments:")[0]
    assert clauses.strip().startswith("1. osce-mission-to-skopje:monitor-humanitarian-trafficking")
    assert "[humanitarian] situation […] and [trafficking in human beings]" in clauses
    assert "protect-human-rights-of-all-migrants" in out.split("Suggested commitments:")[1]


@pytest.mark.django_db
def test_corridor_basis_of_an_unknown_activity_fails(capsys) -> None:
    assert main(["basis", "no-such-activity"]) == 1
    assert "no activity 'no-such-activity'" in capsys.readouterr().err


@pytest.mark.django_db
def test_corridor_tracker_seed_and_search_index_rebuild(capsys) -> None:
    assert main(["tracker", "seed"]) == 0
    assert main(["tracker", "seed"]) == 0
    assert main(["search-index", "rebuild"]) == 0

    out = capsys.readouterr().out
    assert "Study responses: 8 created, 0 updated, 0 unchanged." in out
    assert "Study responses: 0 created, 0 updated, 8 unchanged." in out
    assert "Search index rebuilt:" in out
