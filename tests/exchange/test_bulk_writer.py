"""The set-based writer of observations keeps exactly `record_observation`'s semantics: created,
unchanged, or revised with the old row kept — with the same history — for any number of rows."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from django.db import transaction

from corridor.core.dates import DateSpan
from corridor.core.exceptions import PermissionDenied, ValidationFailed
from corridor.core.models import Source
from corridor.geo.models import Place
from corridor.monitoring.bulk import ObservationBatch, ObservationRow, write_observations
from corridor.monitoring.models import FlowObservation
from corridor.monitoring.services import record_observation

DAY = date(2015, 11, 20)


def row(place: Place, day: date, value: int | None, **fields) -> ObservationRow:  # type: ignore[no-untyped-def]
    values = {
        "line": 0,
        "place_id": place.pk,
        "metric": "arrivals",
        "date_start": day,
        "date_end": day,
        "date_precision": "day",
        "value": value,
        "value_status": "reported" if value is not None else "not_available",
        "value_qualifier": "exact",
        "sex": "",
        "age_group": "",
        "nationality": "",
        "source_organisation_id": fields.pop("source_id"),
        "owner_id": fields.pop("owner_id"),
        "reliability": "estimate",
        "classification": "public",
        "note": "",
    }
    values.update(fields)
    return ObservationRow(**values)


def shape(place: Place) -> list[tuple]:
    """What two writers must agree on, leaving out ids, uids and timestamps."""
    rows = FlowObservation.objects.filter(place=place).order_by("date_start", "is_current", "value")
    return [
        (
            o.date_start,
            o.value,
            o.value_status,
            o.is_current,
            o.version,
            o.revision_of.value if o.revision_of else "-",
        )
        for o in rows
    ] + [
        (h.date_start, h.value, h.history_type, h.history_change_reason, h.history_user_id)
        for h in FlowObservation.history.filter(place=place).order_by("date_start", "history_type", "value")
    ]


@pytest.mark.django_db
def test_it_creates_keeps_and_revises_exactly_as_record_observation_does(vienna_analyst, cpc, unhcr) -> None:
    by_service, by_bulk = Place.objects.get(slug="gevgelija"), Place.objects.get(slug="tabanovce")
    first = [(DAY, 100), (DAY + timedelta(1), 0), (DAY + timedelta(2), None)]
    second = [(DAY, 100), (DAY + timedelta(1), 5), (DAY + timedelta(2), 7), (DAY + timedelta(3), None)]
    for rows in (first, second):
        for day, value in rows:
            record_observation(
                actor=vienna_analyst, owner=cpc, place=by_service, metric="arrivals", span=DateSpan.on(day),
                value=value, source_organisation=unhcr,
                value_status="reported" if value is not None else "not_available",
            )  # fmt: skip
        write_observations(
            actor=vienna_analyst,
            rows=[row(by_bulk, day, value, source_id=unhcr.pk, owner_id=cpc.pk) for day, value in rows],
        )

    assert shape(by_bulk) == shape(by_service)
    assert len(shape(by_bulk)) == 6 + 8


@pytest.mark.django_db
def test_it_counts_what_it_does_and_gives_every_row_its_own_uuid(vienna_analyst, cpc, unhcr) -> None:
    place = Place.objects.get(slug="gevgelija")
    rows = [row(place, DAY + timedelta(n), n, source_id=unhcr.pk, owner_id=cpc.pk) for n in range(50)]
    write_observations(actor=vienna_analyst, rows=rows[:30])

    outcome = write_observations(actor=vienna_analyst, rows=[rows[0]._replace(value=99), *rows[1:]])

    assert (outcome.created, outcome.revised, outcome.unchanged) == (20, 1, 29)
    uids = list(FlowObservation.objects.filter(place=place).values_list("uid", flat=True))
    assert len(set(uids)) == 51
    assert {uid.version for uid in uids} == {4}
    assert all(isinstance(uid, uuid.UUID) for uid in uids)


@pytest.mark.django_db
def test_rows_that_share_a_key_are_refused_and_nothing_is_written(vienna_analyst, cpc, unhcr) -> None:
    place = Place.objects.get(slug="gevgelija")
    before = FlowObservation.objects.count()

    with pytest.raises(ValidationFailed, match="lines 3, 7 are the same observation"):
        write_observations(
            actor=vienna_analyst,
            rows=[
                row(place, DAY, 1, line=3, source_id=unhcr.pk, owner_id=cpc.pk),
                row(place, DAY, 2, line=7, source_id=unhcr.pk, owner_id=cpc.pk),
            ],
        )

    assert FlowObservation.objects.count() == before


@pytest.mark.django_db
def test_it_refuses_a_writer_who_does_not_edit_for_the_owner(outsider, cpc, unhcr) -> None:
    place = Place.objects.get(slug="gevgelija")

    with pytest.raises(PermissionDenied):
        write_observations(actor=outsider, rows=[row(place, DAY, 1, source_id=unhcr.pk, owner_id=cpc.pk)])

    assert not FlowObservation.objects.filter(place=place, date_start=DAY).exists()


@pytest.mark.django_db
def test_a_plan_counts_without_writing_and_new_rows_can_cite_a_source(vienna_analyst, cpc, unhcr) -> None:
    place = Place.objects.get(slug="gevgelija")
    source = Source.objects.get(slug="unhcr-wb-route-daily")
    staged = [row(place, DAY, 3, locator="daily.csv:2", source_id=unhcr.pk, owner_id=cpc.pk)]

    with transaction.atomic(), ObservationBatch(actor=vienna_analyst, cite_source_id=source.pk) as batch:
        for item in staged:
            batch.add(item)
        planned = batch.plan()
        written_before_apply = FlowObservation.objects.filter(place=place, date_start=DAY).exists()
        applied = batch.apply()

    observation = FlowObservation.objects.get(place=place, date_start=DAY)
    assert (planned, written_before_apply) == (applied, False)
    assert [(c.source.slug, c.locator) for c in source.citations.filter(object_id=observation.pk)] == [
        ("unhcr-wb-route-daily", "daily.csv:2")
    ]
    assert observation.history.get().history_user == vienna_analyst
