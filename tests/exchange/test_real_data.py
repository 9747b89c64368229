"""The real 2015–16 data shipped with the case study, loaded through the importer: UNHCR's daily flows on
the route and Eurostat's monthly asylum applications from Kosovo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import hxl
import pytest
from django.contrib.contenttypes.models import ContentType

from corridor.core.models import Citation
from corridor.exchange.real_data import DATASETS, load_real_data
from corridor.exchange.services import export_records
from corridor.monitoring.models import FlowObservation

SCHEMA = Path(__file__).resolve().parents[2] / "corridor" / "exchange" / "hxl_schemas" / "observations.json"


def daily(country_place: str, day: date, metric: str = "arrivals") -> FlowObservation | None:
    return FlowObservation.objects.filter(
        place__slug=country_place, date_start=day, metric=metric, source_organisation__slug="unhcr"
    ).first()


@pytest.fixture
def loaded(db: None) -> list:
    return load_real_data()


def test_the_shipped_files_have_their_provenance_beside_them() -> None:
    for dataset in DATASETS:
        assert dataset.data_path.is_file()
        assert (dataset.data_path.parent / "PROVENANCE.md").is_file()
        assert dataset.mapping_path.is_file()


@pytest.mark.django_db
def test_the_daily_route_flows_load_with_a_zero_a_not_available_and_a_missing_day_kept_apart(loaded) -> None:
    route = loaded[0]

    assert (route.errors, route.created, route.skipped) == ([], 1594, 215)
    assert (daily("si", date(2015, 10, 1)).value, daily("si", date(2015, 10, 1)).value_status) == (
        0,
        "reported",
    )
    assert (daily("si", date(2015, 10, 3)).value, daily("si", date(2015, 10, 3)).value_status) == (
        None,
        "not_available",
    )
    assert daily("de", date(2015, 10, 1)) is None
    assert daily("de", date(2016, 2, 18)).value == 673
    assert daily("si", date(2016, 1, 15)).value == 3330
    assert daily("mk", date(2015, 10, 1)).value == 4370
    assert daily("greek-islands", date(2015, 10, 1)).value == 2631
    assert daily("greek-islands", date(2015, 10, 1), metric="departures").value == 2409


@pytest.mark.django_db
def test_the_kosovo_exodus_is_kosovo_never_serbia(loaded) -> None:
    asylum = loaded[1]
    applications = FlowObservation.objects.filter(
        metric="asylum_applications", source_organisation__slug="eurostat"
    )

    assert (asylum.errors, asylum.created, asylum.skipped) == ([], 223, 29)
    assert set(applications.values_list("nationality", flat=True)) == {"XK"}
    assert not applications.filter(place__slug="rs").exists()
    hungary = applications.get(place__slug="hu", date_start=date(2015, 1, 1))
    assert (hungary.value, hungary.date_end, hungary.date_precision, hungary.reliability) == (
        9185,
        date(2015, 1, 31),
        "month",
        "official",
    )
    assert not applications.filter(place__slug="at", date_start=date(2015, 11, 1)).exists()


@pytest.mark.django_db
def test_every_real_observation_cites_its_dataset_at_its_row(loaded) -> None:
    real = FlowObservation.objects.filter(
        source_organisation__slug__in=["unhcr", "eurostat"], slug__isnull=True
    )
    cited = Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(FlowObservation), object_id__in=real.values("pk")
    )

    assert cited.count() == real.count() == 1594 + 223
    assert cited.filter(locator="wb_route_daily_long.csv:8", source__slug="unhcr-wb-route-daily").exists()


@pytest.mark.django_db
def test_loading_the_real_data_again_changes_nothing(loaded, database_snapshot) -> None:
    before = database_snapshot()

    again = load_real_data()

    # The third dataset, the policy changes, is checked in test_real_policy_changes.py.
    assert [(report.created, report.revised, report.errors) for report in again] == [(0, 0, [])] * 3
    assert [report.unchanged for report in again] == [1594, 223, 5]
    assert database_snapshot() == before


@pytest.mark.django_db
def test_an_hxl_export_of_the_real_daily_flows_validates_with_libhxl(loaded, tmp_path) -> None:
    path = tmp_path / "route.csv"
    with path.open("wb") as stream:
        export_records(user=None, kind="observations", format="hxl", stream=stream)
    problems: list = []

    valid = hxl.schema(
        hxl.data(str(SCHEMA), hxl.InputOptions(allow_local=True)), callback=problems.append
    ).validate(hxl.data(str(path), hxl.InputOptions(allow_local=True)))
    arrivals = hxl.data(str(path), hxl.InputOptions(allow_local=True)).with_rows("#org+source=unhcr")

    assert (valid, problems) == (True, [])
    assert sum(1 for _ in arrivals) >= 1594
