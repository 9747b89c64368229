"""Reloading the case study keeps the mandate basis users confirmed or rejected since the last load."""

from __future__ import annotations

import pytest

from corridor.basis.services import decide_basis
from corridor.casestudy.services import load_case_study
from corridor.knowledge.models import MandateClause
from corridor.operations.models import Activity

SKOPJE = "osce-mission-to-skopje"


def _activity(slug: str) -> Activity:
    return Activity.objects.select_related("lead").get(slug=slug)


def _clause(ref: str) -> MandateClause:
    return MandateClause.objects.get(mandate__operation__slug=SKOPJE, ref=ref)


def _refs(slug: str) -> set[str]:
    return set(_activity(slug).mandate_clauses.values_list("ref", flat=True))


@pytest.mark.django_db
def test_a_confirmed_clause_and_a_rejected_study_clause_survive_a_reload(skopje_focal_point) -> None:
    # Given: a clause the study does not name is confirmed on one activity, and a clause the study
    # names is rejected on another.
    training = _activity("skopje-frontline-workers-training-2016")
    decide_basis(
        actor=skopje_focal_point,
        activity=training,
        verdict="confirmed",
        clause=_clause("monitor-humanitarian-trafficking"),
        expected_version=training.version,
    )
    visits = _activity("skopje-pdu-weekly-border-area-visits")
    assert _refs(visits.slug) == {"monitor-borders", "assessment-trips"}
    decide_basis(
        actor=skopje_focal_point,
        activity=visits,
        verdict="rejected",
        clause=_clause("assessment-trips"),
        expected_version=visits.version,
    )
    before = {slug: _activity(slug).version for slug in (training.slug, visits.slug)}

    # When: the case study is loaded again.
    report = load_case_study()

    # Then: both verdicts hold and neither activity was rewritten.
    assert "monitor-humanitarian-trafficking" in _refs(training.slug)
    assert _refs(visits.slug) == {"monitor-borders"}
    assert {slug: _activity(slug).version for slug in before} == before
    assert not report.counts.updated.get("operations.Activity")
