"""A monthly count is kept at month precision, never as a day: a month written as its first day
(`2018-01-01`, as R and many statistics exports write months) reads as that month when the file says
`date_precision` month; any other day with that precision is refused at its row and column."""

from __future__ import annotations

from datetime import date

import pytest

from corridor.exchange.services import import_file
from corridor.monitoring.models import FlowObservation

HEADER = "place,date,date_precision,metric,value,source_organisation,owner,nationality"
pytestmark = pytest.mark.django_db


def test_a_first_of_the_month_with_month_precision_is_kept_as_the_month(cpc_editor, write_file) -> None:  # type: ignore[no-untyped-def]
    path = write_file(
        f"{HEADER}\n"
        "gevgelija,2018-01-01,month,arrivals,461,unhcr,osce-secretariat-cpc,CUB\n"
        "gevgelija,2018-02-01,month,arrivals,24,unhcr,osce-secretariat-cpc,ERI\n"
    )

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert report.errors == []
    stored = FlowObservation.objects.filter(place__slug="gevgelija", date_start__year=2018).order_by(
        "date_start"
    )
    assert list(stored.values_list("date_start", "date_end", "date_precision", "nationality")) == [
        (date(2018, 1, 1), date(2018, 1, 31), "month", "CU"),
        (date(2018, 2, 1), date(2018, 2, 28), "month", "ER"),
    ]


def test_another_day_with_month_precision_is_refused_and_nothing_is_written(cpc_editor, write_file) -> None:  # type: ignore[no-untyped-def]
    path = write_file(f"{HEADER}\ngevgelija,2018-01-15,month,arrivals,461,unhcr,osce-secretariat-cpc,CUB\n")

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert [(error.row, error.column) for error in report.errors] == [(2, "date_precision")]
    assert "does not match the date, which is a day" in report.errors[0].reason
    assert not FlowObservation.objects.filter(place__slug="gevgelija", date_start__year=2018).exists()
