"""The write services: who may write, what is validated, versions, revisions, and the timeline."""

from __future__ import annotations

from datetime import date

import pytest

from corridor.accounts.choices import Role
from corridor.core.dates import DateSpan
from corridor.core.exceptions import ConcurrentUpdate, NotFound, PermissionDenied, ValidationFailed
from corridor.geo.models import Place
from corridor.knowledge.models import MandateClause
from corridor.monitoring.models import FlowObservation
from corridor.monitoring.services import FindingInput, log_visit, record_observation, update_visit
from corridor.operations.services import (
    ActionPointInput,
    ParticipationInput,
    TrainingInput,
    record_activity,
    record_meeting,
    set_action_point_status,
    update_activity,
)
from corridor.timeline.models import Event
from corridor.timeline.selectors import events_visible_to

NOV_20 = DateSpan.parse("2015-11-20")


@pytest.fixture
def gevgelija(db: None) -> Place:
    return Place.objects.get(slug="gevgelija")


@pytest.fixture
def serbia_editor(make_user, serbia):  # type: ignore[no-untyped-def]
    return make_user("serbia.editor", serbia, Role.EDITOR)


def _visit(actor, skopje, gevgelija, **overrides):  # type: ignore[no-untyped-def]
    values = {
        "actor": actor,
        "operation": skopje,
        "places": [gevgelija],
        "span": DateSpan.parse("2016-03-09"),
        "team": "PDU team 1",
        "overnight": True,
        "purpose": "Observe entry procedures after the closure",
        "findings": [
            FindingInput("humanitarian_conditions", "serious", "Several thousand waiting at Idomeni")
        ],
        "classification": "restricted",
    }
    values.update(overrides)
    return log_visit(**values)


@pytest.mark.django_db
def test_the_same_figure_twice_is_stored_once(skopje_focal_point, skopje, gevgelija, unhcr) -> None:  # type: ignore[no-untyped-def]
    first = record_observation(
        actor=skopje_focal_point,
        owner=skopje,
        place=gevgelija,
        metric="arrivals",
        span=NOV_20,
        value=5000,
        source_organisation=unhcr,
    )
    again = record_observation(
        actor=skopje_focal_point,
        owner=skopje,
        place=gevgelija,
        metric="arrivals",
        span=NOV_20,
        value=5000,
        source_organisation=unhcr,
    )

    assert (first.outcome, again.outcome) == ("created", "unchanged")
    assert again.observation.pk == first.observation.pk


@pytest.mark.django_db
def test_a_changed_figure_is_a_revision_that_keeps_the_old_value(
    skopje_focal_point, skopje, gevgelija, unhcr
) -> None:  # type: ignore[no-untyped-def]
    record_observation(
        actor=skopje_focal_point,
        owner=skopje,
        place=gevgelija,
        metric="arrivals",
        span=NOV_20,
        value=5000,
        source_organisation=unhcr,
    )

    revised = record_observation(
        actor=skopje_focal_point,
        owner=skopje,
        place=gevgelija,
        metric="arrivals",
        span=NOV_20,
        value=5240,
        source_organisation=unhcr,
    )

    assert revised.outcome == "revised"
    assert revised.observation.value == 5240
    assert revised.observation.revision_of.value == 5000
    assert (
        FlowObservation.objects.filter(
            place=gevgelija, date_start=date(2015, 11, 20), is_current=True
        ).count()
        == 1
    )


@pytest.mark.django_db
def test_not_available_is_a_figure_of_its_own(skopje_focal_point, skopje, gevgelija, unhcr) -> None:  # type: ignore[no-untyped-def]
    outcome = record_observation(
        actor=skopje_focal_point,
        owner=skopje,
        place=gevgelija,
        metric="arrivals",
        span=NOV_20,
        value=None,
        value_status="not_available",
        source_organisation=unhcr,
    )

    assert (outcome.outcome, outcome.observation.value) == ("created", None)


@pytest.mark.django_db
def test_a_partner_cannot_record_for_a_mission(outsider, skopje, gevgelija, unhcr) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        record_observation(
            actor=outsider,
            owner=skopje,
            place=gevgelija,
            metric="arrivals",
            span=NOV_20,
            value=1,
            source_organisation=unhcr,
        )


@pytest.mark.django_db
def test_a_logged_visit_appears_on_the_timeline_with_its_findings(
    skopje_focal_point, skopje, gevgelija
) -> None:  # type: ignore[no-untyped-def]
    visit = _visit(skopje_focal_point, skopje, gevgelija)

    entry = events_visible_to(skopje_focal_point).get(visit=visit)
    assert (entry.kind, entry.classification, entry.date_text) == ("visit", "restricted", "9 March 2016")
    assert list(entry.places.all()) == [gevgelija]
    assert [f.aspect for f in visit.findings.all()] == ["humanitarian_conditions"]
    assert visit.history.get().history_user == skopje_focal_point


@pytest.mark.django_db
def test_a_restricted_visit_stays_off_another_operations_timeline(  # type: ignore[no-untyped-def]
    skopje_focal_point, serbia_editor, skopje, gevgelija
) -> None:
    visit = _visit(skopje_focal_point, skopje, gevgelija)

    assert not events_visible_to(serbia_editor).filter(visit=visit).exists()


@pytest.mark.django_db
def test_an_editor_of_another_operation_cannot_log_a_visit_for_skopje(
    serbia_editor, skopje, gevgelija
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        _visit(serbia_editor, skopje, gevgelija)


@pytest.mark.django_db
def test_changing_a_hidden_visit_is_not_found_rather_than_refused(  # type: ignore[no-untyped-def]
    skopje_focal_point, serbia_editor, skopje, gevgelija
) -> None:
    visit = _visit(skopje_focal_point, skopje, gevgelija)

    with pytest.raises(NotFound):
        update_visit(actor=serbia_editor, visit=visit, expected_version=1, team="changed")


@pytest.mark.django_db
def test_a_visit_edited_from_an_old_version_is_refused(skopje_focal_point, skopje, gevgelija) -> None:  # type: ignore[no-untyped-def]
    visit = _visit(skopje_focal_point, skopje, gevgelija)
    update_visit(actor=skopje_focal_point, visit=visit, expected_version=1, team="PDU teams 1 and 2")

    with pytest.raises(ConcurrentUpdate) as conflict:
        update_visit(actor=skopje_focal_point, visit=visit, expected_version=1, team="PDU team 3")

    assert (conflict.value.expected, conflict.value.current) == (1, 2)


@pytest.mark.django_db
def test_an_update_moves_the_timeline_entry_with_the_visit(skopje_focal_point, skopje, gevgelija) -> None:  # type: ignore[no-untyped-def]
    visit = _visit(skopje_focal_point, skopje, gevgelija)

    update_visit(actor=skopje_focal_point, visit=visit, expected_version=1, span=DateSpan.parse("2016-03-10"))

    assert Event.objects.get(visit=visit).date_start == date(2016, 3, 10)


@pytest.mark.django_db
def test_an_unchanged_update_keeps_the_version(skopje_focal_point, skopje, gevgelija) -> None:  # type: ignore[no-untyped-def]
    visit = _visit(skopje_focal_point, skopje, gevgelija)

    same = update_visit(actor=skopje_focal_point, visit=visit, expected_version=1, team="PDU team 1")

    assert same.version == 1


@pytest.mark.django_db
def test_a_bad_finding_is_reported_at_its_path(skopje_focal_point, skopje, gevgelija) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as error:
        _visit(skopje_focal_point, skopje, gevgelija, findings=[FindingInput("weather", "serious", "Rain")])

    assert "findings.0.aspect" in error.value.errors


@pytest.mark.django_db
def test_a_visit_needs_a_place(skopje_focal_point, skopje) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as error:
        log_visit(actor=skopje_focal_point, operation=skopje, places=[], span=NOV_20)

    assert error.value.errors == {"places": ["name at least one place visited"]}


@pytest.mark.django_db
def test_a_training_keeps_participants_by_institution_and_sex(skopje_focal_point, skopje, gevgelija) -> None:  # type: ignore[no-untyped-def]
    training = TrainingInput(
        audience="frontline social workers",
        target_total=60,
        participations=[
            ParticipationInput(
                total=18, institution_name="Centre for Social Work Gevgelija", female=14, male=4
            )
        ],
    )

    activity = record_activity(
        actor=skopje_focal_point,
        lead=skopje,
        title="Identification of victims",
        category="governance_civil_society",
        span=DateSpan.parse("2016-04"),
        places=[gevgelija],
        training=training,
    )

    participation = activity.training.participations.get()
    assert (participation.total, participation.female, participation.male) == (18, 14, 4)


@pytest.mark.django_db
def test_counts_by_sex_above_the_total_are_refused_at_their_path(skopje_focal_point, skopje) -> None:  # type: ignore[no-untyped-def]
    training = TrainingInput(
        audience="judges",
        participations=[ParticipationInput(total=10, institution_name="Court", female=6, male=5)],
    )

    with pytest.raises(ValidationFailed) as error:
        record_activity(
            actor=skopje_focal_point,
            lead=skopje,
            title="Non-punishment",
            category="policing_crime",
            span=DateSpan.parse("2016-04"),
            training=training,
        )

    assert "training.participations.0.total" in error.value.errors


@pytest.mark.django_db
def test_an_activity_rests_only_on_its_own_operations_mandate(skopje_focal_point, skopje) -> None:  # type: ignore[no-untyped-def]
    serbian_clause = MandateClause.objects.filter(mandate__operation__slug="osce-mission-to-serbia").first()

    with pytest.raises(ValidationFailed) as error:
        record_activity(
            actor=skopje_focal_point,
            lead=skopje,
            title="Borrowed basis",
            category="research",
            span=DateSpan.parse("2016"),
            mandate_clauses=[serbian_clause],
        )

    assert "mandate_clauses.0" in error.value.errors


@pytest.mark.django_db
def test_linking_a_mandate_clause_is_a_new_version(skopje_focal_point, skopje) -> None:  # type: ignore[no-untyped-def]
    clause = MandateClause.objects.filter(mandate__operation=skopje).first()
    activity = record_activity(
        actor=skopje_focal_point,
        lead=skopje,
        title="Border monitoring",
        category="monitoring",
        span=DateSpan.parse("2016-03"),
    )

    updated = update_activity(
        actor=skopje_focal_point, activity=activity, expected_version=1, mandate_clauses=[clause]
    )

    assert updated.version == 2
    assert list(updated.mandate_clauses.all()) == [clause]
    assert "mandate_clauses" in updated.history.latest().history_change_reason


@pytest.mark.django_db
def test_a_meeting_records_decisions_action_points_and_a_timeline_entry(  # type: ignore[no-untyped-def]
    skopje_focal_point, skopje, unhcr
) -> None:
    meeting = record_meeting(
        actor=skopje_focal_point,
        owner=skopje,
        title="Weekly coordination, Skopje",
        span=DateSpan.parse("2016-03-09"),
        convenor=unhcr,
        participants=[skopje, unhcr],
        recurrence="weekly",
        decisions=["Share daily counts from Tabanovce"],
        action_points=[
            ActionPointInput(
                "Send Tabanovce counts to UNHCR", responsible=skopje, due=DateSpan.parse("2016-03-11")
            )
        ],
    )

    point = meeting.action_points.get()
    assert point.date_text == "11 March 2016"
    assert meeting.timeline_event.kind == "meeting"
    done = set_action_point_status(
        actor=skopje_focal_point, action_point=point, status="done", expected_version=1
    )
    assert (done.status, done.version) == ("done", 2)
