"""Coverage: the matrix of commitments by theme and dimension, the use the work makes of them, and the gaps
the study names (labour-migration commitments no activity uses; countering violent extremism unconnected
to migration)."""

from __future__ import annotations

import pytest

from corridor.basis.coverage import coverage
from corridor.basis.services import decide_basis
from corridor.knowledge.models import Commitment
from corridor.operations.models import Activity

CVE = "countering violent extremism"


def _gap(report, kind: str, text_part: str):  # type: ignore[no-untyped-def]
    return next((gap for gap in report.gaps if gap.kind == kind and text_part in gap.text), None)


@pytest.mark.django_db
def test_the_matrix_holds_every_commitment_once_under_its_theme_and_dimension() -> None:
    report = coverage(None)

    placed = [
        (theme, dimension, use.commitment.slug)
        for (theme, dimension), uses in report.matrix.items()
        for use in uses
    ]
    stored = set(Commitment.objects.filter(classification="public").values_list("theme", "dimension", "slug"))
    assert set(placed) == stored and len(placed) == len(stored)


@pytest.mark.django_db
def test_labour_migration_commitments_that_no_activity_uses_are_a_gap() -> None:
    labour = set(Commitment.objects.filter(theme="labour").values_list("slug", flat=True))

    report = coverage(None)

    gap = _gap(report, "theme_unused", "Labour migration")
    assert gap is not None and set(gap.keys) == labour
    assert next(use for use in report.by_theme if use.theme == "labour").activities == 0


@pytest.mark.django_db
def test_a_confirmed_commitment_is_counted_and_closes_its_theme_s_gap(skopje_focal_point) -> None:
    activity = Activity.objects.get(slug="skopje-frontline-workers-training-2016")
    commitment = Commitment.objects.get(slug="protect-human-rights-of-all-migrants")
    decide_basis(
        actor=skopje_focal_point,
        activity=activity,
        verdict="confirmed",
        commitment=commitment,
        expected_version=activity.version,
    )

    report = coverage(None)

    cell = report.matrix[("human_dimension", "human")]
    assert next(use for use in cell if use.commitment == commitment).activities == 1
    human = next(use for use in report.by_theme if use.theme == "human_dimension")
    assert (human.activities, human.commitments_used) == (1, 1)
    assert _gap(report, "theme_unused", "Human dimension") is None
    assert commitment.slug not in _gap(report, "commitments_unused", "Human dimension").keys
    assert _gap(report, "theme_unused", "Labour migration") is not None
    assert activity.slug not in report.activities_without_commitment


@pytest.mark.django_db
def test_countering_violent_extremism_shows_as_unconnected_to_migration_commitments() -> None:
    report = coverage(None)

    topic = next(topic for topic in report.topics if topic.name == CVE)
    assert {"bih-cve-salafist-research-support", "skopje-budget-two-new-posts"} <= set(topic.activities)
    assert topic.activities_linked == 0 and topic.commitments == []
    assert topic.unconnected
    assert _gap(report, "topic_unconnected", CVE) is not None


@pytest.mark.django_db
def test_a_topic_of_linked_activities_with_commitments_is_no_gap(skopje_focal_point) -> None:
    activity = Activity.objects.get(slug="skopje-free-legal-aid-lawyers-training")
    commitment = Commitment.objects.get(slug="combat-illegal-migration-and-thb")
    decide_basis(
        actor=skopje_focal_point,
        activity=activity,
        verdict="confirmed",
        commitment=commitment,
        expected_version=activity.version,
    )

    report = coverage(None, topics={"legal aid": 'lawyers OR "root causes of trafficking"'})

    topic = report.topics[0]
    assert activity.slug in topic.activities and topic.activities_linked == 1
    assert topic.commitments == ["address-root-causes-of-trafficking"]
    assert not topic.unconnected
    assert _gap(report, "topic_unconnected", "legal aid") is None


@pytest.mark.django_db
def test_coverage_of_one_operation_counts_only_its_activities(serbia) -> None:
    report = coverage(None, operation=serbia)

    assert report.activities == Activity.objects.filter(lead=serbia, classification="public").count()
    assert all(
        Activity.objects.get(slug=slug).lead_id == serbia.pk for slug in report.activities_without_commitment
    )


@pytest.mark.django_db
def test_coverage_shows_only_what_the_reader_may_read(zorkavian, vienna_analyst) -> None:
    hidden = zorkavian["commitment"]["restricted"]

    public_view = coverage(None)
    analyst_view = coverage(vienna_analyst)

    def slugs(report):  # type: ignore[no-untyped-def]
        return {use.commitment.slug for uses in report.matrix.values() for use in uses}

    assert hidden.slug not in slugs(public_view)
    assert hidden.slug in slugs(analyst_view)
    assert zorkavian["activity"]["restricted"].slug not in public_view.activities_without_commitment


@pytest.mark.django_db
def test_a_theme_of_one_unused_commitment_is_named_in_the_singular() -> None:
    report = coverage(None)

    gap = _gap(report, "theme_unused", "Environmental migration")
    assert gap is not None and len(gap.keys) == 1
    assert gap.text == "No activity uses the one Environmental migration commitment."
