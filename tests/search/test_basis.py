"""The basis of an activity: ranked clauses and commitments, confirmed or rejected by a person."""

from __future__ import annotations

import pytest

from corridor.accounts.choices import Role
from corridor.basis.choices import Verdict
from corridor.basis.models import BasisDecision
from corridor.basis.selectors import activities_without_basis, basis_of, suggest_for_draft
from corridor.basis.services import decide_basis
from corridor.core.exceptions import ConcurrentUpdate, NotFound, PermissionDenied, ValidationFailed
from corridor.knowledge.models import Commitment, MandateClause
from corridor.operations.models import Activity

FRONTLINE = "skopje-frontline-workers-training-2016"
SKOPJE = "osce-mission-to-skopje"


def _activity(slug: str = FRONTLINE) -> Activity:
    return Activity.objects.select_related("lead").get(slug=slug)


def _clause(ref: str, operation: str = SKOPJE) -> MandateClause:
    return MandateClause.objects.get(mandate__operation__slug=operation, ref=ref)


@pytest.mark.django_db
def test_the_frontline_workers_training_gets_the_basis_a_reader_of_the_study_would_name() -> None:
    """The activity (study 6.5): 60 frontline workers – social workers and NGO activists – at border entry
    points and transit centres, trained for "the early and proactive identification of victims, especially
    among high-risk groups (unaccompanied minors, migrants, refugees, asylum seekers, victims of violence)".
    The study sets it beside the Mission's work for "victims of trafficking"; identifying victims is
    anti-trafficking work. A reader would name:

    - the clause added to Skopje's mandate after 2001 to monitor the "humanitarian situation […] and
      trafficking in human beings" — first, as the one the activity serves directly; then the return of
      refugees and IDPs (refugees and asylum seekers are among the groups named). The border-monitoring
      clause (entry points) may follow; the assessment trips and the catch-all "compatible activities"
      clause say nothing of this work.
    - the commitments to protect the human rights of all migrants and asylum seekers, to apply the human
      dimension commitments to refugees and asylum seekers, to assist States with advice and training, and
      one on trafficking in human beings; no labour-migration commitment (these workers are not "migrant
      workers").
    """
    basis = basis_of(None, _activity(), limit=10)

    clauses = [suggestion.key for suggestion in basis.suggestions.clauses]
    assert clauses[0] == f"{SKOPJE}:monitor-humanitarian-trafficking"
    assert clauses[1] == f"{SKOPJE}:return-refugees-idps"
    assert f"{SKOPJE}:assessment-trips" not in clauses
    assert f"{SKOPJE}:compatible-activities" not in clauses
    commitments = [suggestion.key for suggestion in basis.suggestions.commitments]
    assert {"protect-human-rights-of-all-migrants", "human-dimension-commitments-for-refugees"} <= set(
        commitments[:5]
    )
    assert "assist-states-effective-migration-policies" in commitments[:5]
    assert {"address-root-causes-of-trafficking", "combat-illegal-migration-and-thb"} & set(commitments)
    labour = set(Commitment.objects.filter(theme="labour").values_list("slug", flat=True))
    assert not labour & set(commitments[:5])


@pytest.mark.django_db
def test_each_suggestion_shows_its_text_with_the_matching_words_marked() -> None:
    basis = basis_of(None, _activity())

    first = basis.suggestions.clauses[0]
    assert (
        first.passage
        == "<mark>humanitarian</mark> situation […] and <mark>trafficking in human beings</mark>"
    )
    rights = next(s for s in basis.suggestions.commitments if s.key == "protect-human-rights-of-all-migrants")
    assert "<mark>asylum seekers</mark>" in rights.passage
    assert all(s.score > 0 for s in basis.suggestions.commitments)
    scores = [s.score for s in basis.suggestions.commitments]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.django_db
def test_only_clauses_of_the_activity_s_own_operation_are_suggested() -> None:
    basis = basis_of(None, _activity())

    assert all(s.key.startswith(f"{SKOPJE}:") for s in basis.suggestions.clauses)


@pytest.mark.django_db
def test_a_draft_activity_gets_suggestions_from_its_words(serbia) -> None:
    suggestions = suggest_for_draft(
        None, operation=serbia, title="Training for border police and judges on smuggling of migrants"
    )

    assert suggestions.clauses[0].key == "osce-mission-to-serbia:training-law-enforcement-judiciary"
    assert "combat-smuggling-of-migrants" in [s.key for s in suggestions.commitments[:3]]


@pytest.mark.django_db
def test_confirming_a_clause_links_it_through_the_operations_service(skopje_focal_point) -> None:
    activity = _activity()
    clause = _clause("monitor-humanitarian-trafficking")

    decided = decide_basis(
        actor=skopje_focal_point,
        activity=activity,
        verdict="confirmed",
        clause=clause,
        expected_version=activity.version,
    )

    assert list(decided.activity.mandate_clauses.all()) == [clause]
    assert decided.activity.version == activity.version + 1
    change = Activity.history.filter(id=activity.pk).latest("history_date")
    assert change.history_change_reason == "changed: mandate_clauses"
    assert change.history_user == skopje_focal_point
    assert decided.decision.verdict == Verdict.CONFIRMED
    assert decided.decision.decided_by == skopje_focal_point
    assert decided.decision.decided_at is not None
    assert clause.pk not in {s.record.pk for s in basis_of(None, decided.activity).suggestions.clauses}


@pytest.mark.django_db
def test_confirming_a_commitment_links_it_and_takes_the_activity_off_the_list_without_basis(
    skopje_focal_point, skopje
) -> None:
    activity = _activity()
    assert activity in activities_without_basis(skopje_focal_point, operation=skopje)
    commitment = Commitment.objects.get(slug="protect-human-rights-of-all-migrants")

    decide_basis(
        actor=skopje_focal_point,
        activity=activity,
        verdict="confirmed",
        commitment=commitment,
        expected_version=activity.version,
    )

    assert list(activity.commitments.all()) == [commitment]
    assert activity not in activities_without_basis(skopje_focal_point, operation=skopje)


@pytest.mark.django_db
def test_a_rejected_suggestion_is_not_suggested_again(skopje_focal_point) -> None:
    activity = _activity()
    clause = _clause("return-refugees-idps")
    version = activity.version

    decide_basis(
        actor=skopje_focal_point,
        activity=activity,
        verdict="rejected",
        clause=clause,
        expected_version=version,
    )

    activity.refresh_from_db()
    assert list(activity.mandate_clauses.all()) == []
    assert activity.version == version
    assert clause.pk not in {s.record.pk for s in basis_of(None, activity).suggestions.clauses}
    assert BasisDecision.objects.get(activity=activity, clause=clause).verdict == Verdict.REJECTED


@pytest.mark.django_db
def test_rejecting_a_confirmed_clause_unlinks_it_and_keeps_both_verdicts_in_history(
    skopje_focal_point,
) -> None:
    activity = _activity()
    clause = _clause("monitor-humanitarian-trafficking")
    first = decide_basis(
        actor=skopje_focal_point,
        activity=activity,
        verdict="confirmed",
        clause=clause,
        expected_version=activity.version,
    )

    second = decide_basis(
        actor=skopje_focal_point,
        activity=first.activity,
        verdict="rejected",
        clause=clause,
        expected_version=first.activity.version,
    )

    assert list(second.activity.mandate_clauses.all()) == []
    assert second.decision.pk == first.decision.pk
    verdicts = list(
        BasisDecision.history.filter(id=first.decision.pk)
        .order_by("history_date")
        .values_list("verdict", flat=True)
    )
    assert verdicts == ["confirmed", "rejected"]


@pytest.mark.django_db
def test_a_clause_of_another_operation_is_refused(skopje_focal_point) -> None:
    activity = _activity()

    with pytest.raises(ValidationFailed) as refused:
        decide_basis(
            actor=skopje_focal_point,
            activity=activity,
            verdict="confirmed",
            clause=_clause("return-of-refugees", "osce-mission-to-serbia"),
            expected_version=activity.version,
        )
    assert "clause" in refused.value.errors


@pytest.mark.django_db
def test_a_decision_on_an_older_version_is_refused(skopje_focal_point) -> None:
    activity = _activity()

    with pytest.raises(ConcurrentUpdate):
        decide_basis(
            actor=skopje_focal_point,
            activity=activity,
            verdict="confirmed",
            clause=_clause("monitor-borders"),
            expected_version=activity.version - 1 if activity.version > 1 else activity.version + 5,
        )
    assert not BasisDecision.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.VIEWER])
def test_who_may_not_edit_the_activity_may_not_decide(role, make_user, skopje, serbia) -> None:
    activity = _activity()
    viewer = make_user("skopje.viewer", skopje, role)
    serbian_editor = make_user("serbia.editor", serbia, Role.EDITOR)

    for actor in (None, viewer, serbian_editor):
        with pytest.raises(PermissionDenied):
            decide_basis(
                actor=actor,
                activity=activity,
                verdict="confirmed",
                clause=_clause("monitor-borders"),
                expected_version=None,
            )
    assert not BasisDecision.objects.exists()


@pytest.mark.django_db
def test_an_activity_the_actor_may_not_read_does_not_exist_for_them(outsider) -> None:
    activity = _activity()
    Activity.objects.filter(pk=activity.pk).update(classification="restricted")
    activity.refresh_from_db()

    with pytest.raises(NotFound):
        decide_basis(
            actor=outsider,
            activity=activity,
            verdict="confirmed",
            clause=_clause("monitor-borders"),
            expected_version=None,
        )


@pytest.mark.django_db
def test_activities_without_basis_are_those_with_no_clause_and_no_commitment(skopje) -> None:
    listed = {activity.slug for activity in activities_without_basis(None, operation=skopje)}

    assert FRONTLINE in listed
    assert "skopje-pdu-gevgelija-one-team" not in listed
    for activity in Activity.objects.filter(slug__in=listed):
        assert activity.lead_id == skopje.pk
        assert not activity.mandate_clauses.exists() and not activity.commitments.exists()
    grounded = Activity.objects.filter(lead=skopje, mandate_clauses__isnull=False).values_list(
        "slug", flat=True
    )
    assert not listed & set(grounded)


@pytest.mark.django_db
def test_activities_without_basis_hide_what_the_reader_may_not_read(skopje) -> None:
    Activity.objects.filter(slug=FRONTLINE).update(classification="internal")

    assert FRONTLINE not in {a.slug for a in activities_without_basis(None, operation=skopje)}
