"""The database itself refuses records that break an invariant, whatever wrote them."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from corridor.accounts.models import Membership
from corridor.actors.models import Organisation
from corridor.geo.models import Country, Place, RouteLink
from corridor.monitoring.models import FlowObservation
from corridor.operations.models import Activity, Training, TrainingParticipation
from corridor.timeline.models import Event


def _refused(create) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.fixture
def gevgelija(db: None) -> Place:
    return Place.objects.get(slug="gevgelija")


def _observation(
    place: Place, source: Organisation, owner: Organisation, **fields: object
) -> FlowObservation:
    values: dict[str, object] = {
        "place": place,
        "metric": "arrivals",
        "value": 5000,
        "source_organisation": source,
        "owner": owner,
        "date_start": date(2015, 11, 20),
        "date_end": date(2015, 11, 20),
        "date_precision": "day",
    }
    values.update(fields)
    return FlowObservation.objects.create(**values)


@pytest.mark.django_db
def test_an_event_cannot_end_before_it_starts(make_event, skopje) -> None:  # type: ignore[no-untyped-def]
    _refused(lambda: make_event(skopje, date_start=date(2016, 3, 9), date_end=date(2016, 3, 8)))


@pytest.mark.django_db
def test_a_place_has_both_coordinates_or_neither(skopje) -> None:  # type: ignore[no-untyped-def]
    macedonia = Country.objects.get(code="MK")
    _refused(
        lambda: Place.objects.create(
            slug="half", name="Half", kind="camp", country=macedonia, latitude=41.1, owner=skopje
        )
    )


@pytest.mark.django_db
def test_a_place_other_than_a_region_belongs_to_a_country(skopje) -> None:  # type: ignore[no-untyped-def]
    _refused(lambda: Place.objects.create(slug="nowhere", name="Nowhere", kind="camp", owner=skopje))


@pytest.mark.django_db
def test_a_latitude_beyond_the_pole_is_refused(skopje) -> None:  # type: ignore[no-untyped-def]
    macedonia = Country.objects.get(code="MK")
    _refused(
        lambda: Place.objects.create(
            slug="pole", name="Pole", kind="camp", country=macedonia, latitude=91, longitude=20, owner=skopje
        )
    )


@pytest.mark.django_db
def test_a_route_link_joins_two_different_places(gevgelija, skopje) -> None:  # type: ignore[no-untyped-def]
    _refused(lambda: RouteLink.objects.create(origin=gevgelija, destination=gevgelija, owner=skopje))


@pytest.mark.django_db
def test_a_count_is_never_negative(gevgelija, unhcr, skopje) -> None:  # type: ignore[no-untyped-def]
    _refused(lambda: _observation(gevgelija, unhcr, skopje, value=-1))


@pytest.mark.django_db
def test_not_available_is_distinct_from_zero_and_holds_no_value(gevgelija, unhcr, skopje) -> None:  # type: ignore[no-untyped-def]
    zero = _observation(gevgelija, unhcr, skopje, value=0)
    missing = _observation(
        gevgelija,
        unhcr,
        skopje,
        value=None,
        value_status="not_available",
        date_start=date(2015, 11, 21),
        date_end=date(2015, 11, 21),
    )

    assert zero.value == 0 and missing.value is None
    _refused(
        lambda: _observation(
            gevgelija, unhcr, skopje, value=None, date_start=date(2015, 11, 22), date_end=date(2015, 11, 22)
        )
    )
    _refused(
        lambda: _observation(
            gevgelija,
            unhcr,
            skopje,
            value=7,
            value_status="not_available",
            date_start=date(2015, 11, 23),
            date_end=date(2015, 11, 23),
        )
    )


@pytest.mark.django_db
def test_one_current_figure_per_place_day_metric_breakdown_and_source(gevgelija, unhcr, skopje) -> None:  # type: ignore[no-untyped-def]
    first = _observation(gevgelija, unhcr, skopje)
    _refused(lambda: _observation(gevgelija, unhcr, skopje, value=5100))

    first.is_current = False
    first.save()
    revision = _observation(gevgelija, unhcr, skopje, value=5100, revision_of=first)

    assert revision.revision_of.value == 5000
    assert _observation(gevgelija, unhcr, skopje, nationality="SY", value=3000).pk


@pytest.mark.django_db
def test_participants_by_sex_never_exceed_the_total(skopje) -> None:  # type: ignore[no-untyped-def]
    activity = Activity.objects.create(
        slug="test-training",
        title="Training",
        category="policing_crime",
        lead=skopje,
        owner=skopje,
        date_start=date(2016, 1, 1),
        date_end=date(2016, 1, 31),
        date_precision="month",
    )
    training = Training.objects.create(activity=activity, audience="border police")
    TrainingParticipation.objects.create(
        training=training, institution_name="Border police", total=20, female=8, male=12
    )

    _refused(
        lambda: TrainingParticipation.objects.create(
            training=training, institution_name="Judges", total=10, female=6, male=5
        )
    )
    _refused(lambda: TrainingParticipation.objects.create(training=training, total=10))


@pytest.mark.django_db
def test_only_analysts_hold_a_clearance(make_user, skopje) -> None:  # type: ignore[no-untyped-def]
    user = make_user("editor-with-clearance")
    _refused(
        lambda: Membership.objects.create(
            user=user, organisation=skopje, role="editor", clearance="restricted"
        )
    )


@pytest.mark.django_db
def test_kosovo_is_its_own_territory_never_part_of_serbia() -> None:
    kosovo = Country.objects.get(code="XK")

    assert kosovo.alpha3 == "XKX"
    assert not Place.objects.filter(country__code="RS", slug__in=["xk", "pristina"]).exists()
    assert Place.objects.get(slug="xk").country == kosovo


@pytest.mark.django_db
def test_an_unknown_classification_is_refused(make_event, skopje) -> None:  # type: ignore[no-untyped-def]
    event = make_event(skopje)
    event.classification = "secret"
    with pytest.raises(Exception, match="classification"):
        event.full_clean()


@pytest.mark.django_db
def test_the_events_date_index_serves_range_queries() -> None:
    indexed = {tuple(index.fields) for index in Event._meta.indexes}

    assert ("date_start", "date_end") in indexed
