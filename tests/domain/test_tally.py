"""A site's day recorded at once: every metric with its parts, all lines or none."""

from __future__ import annotations

from datetime import date

import pytest

from corridor.core.dates import DateSpan
from corridor.core.exceptions import ValidationFailed
from corridor.geo.models import Place
from corridor.monitoring.models import FlowObservation
from corridor.monitoring.services import Breakdown, TallyLine, record_day

pytestmark = pytest.mark.django_db
DAY = DateSpan.on(date(2016, 3, 20))


def _record(actor, owner, lines):  # type: ignore[no-untyped-def]
    return record_day(
        actor=actor,
        owner=owner,
        place=Place.objects.get(slug="tabanovce"),
        span=DAY,
        source_organisation=owner,
        lines=lines,
    )


def test_a_day_with_totals_and_parts_by_sex_and_age_is_one_write(skopje_focal_point, skopje) -> None:  # type: ignore[no-untyped-def]
    outcome = _record(
        skopje_focal_point,
        skopje,
        [
            TallyLine("arrivals", 300),
            TallyLine("arrivals", 120, Breakdown(sex="female")),
            TallyLine("arrivals", 180, Breakdown(sex="male")),
            TallyLine("arrivals", 90, Breakdown(age_group="0-17")),
            TallyLine("departures", 250),
            TallyLine("present", 50),
            TallyLine("arrivals", 40, Breakdown(nationality="SY")),
        ],
    )

    figures = FlowObservation.objects.filter(place__slug="tabanovce", date_start=DAY.start)
    assert outcome.written == 7 and figures.count() == 7
    assert set(figures.values_list("classification", flat=True)) == {"internal"}
    assert figures.get(metric="arrivals", sex="female").value == 120


def test_parts_that_add_up_to_more_than_the_total_refuse_the_whole_day(skopje_focal_point, skopje) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as refused:
        _record(
            skopje_focal_point,
            skopje,
            [
                TallyLine("departures", 10),
                TallyLine("arrivals", 100),
                TallyLine("arrivals", 70, Breakdown(sex="female")),
                TallyLine("arrivals", 40, Breakdown(sex="male")),
            ],
        )

    assert refused.value.errors == {
        "lines.2.value": ["arrivals by sex add up to 110, more than the total of 100"],
        "lines.3.value": ["arrivals by sex add up to 110, more than the total of 100"],
    }
    assert not FlowObservation.objects.filter(place__slug="tabanovce", date_start=DAY.start).exists()


def test_the_same_day_again_changes_nothing(skopje_focal_point, skopje) -> None:  # type: ignore[no-untyped-def]
    lines = [TallyLine("arrivals", 300), TallyLine("arrivals", 120, Breakdown(sex="female"))]
    _record(skopje_focal_point, skopje, lines)

    again = _record(skopje_focal_point, skopje, lines)

    assert again.written == 0
