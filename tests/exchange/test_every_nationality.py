"""Every country and nationality: the full ISO 3166 list with Kosovo as XK, UN M49 regions, names by
language, and breakdowns by nationality that accept any of them (and nothing else)."""

from __future__ import annotations

from datetime import date

import pytest

from corridor.core.dates import DateSpan
from corridor.core.exceptions import ValidationFailed
from corridor.exchange.services import import_file
from corridor.geo.iso import country_name, is_country_code, iso_countries, iso_country
from corridor.geo.models import Country, Place
from corridor.geo.services import sync_iso_countries
from corridor.monitoring.models import FlowObservation
from corridor.monitoring.services import Breakdown, TallyLine, record_day, record_observation

DAY = DateSpan.on(date(2016, 3, 20))


def test_the_list_is_iso_3166_with_kosovo_and_no_country_is_left_out() -> None:
    codes = {country.code for country in iso_countries()}

    assert len(codes) == 250
    assert {"IR", "ER", "AF", "SY", "VE", "CU", "HT", "XK", "RS"} <= codes
    assert iso_country("XKX") == iso_country("xk")
    assert iso_country("XKX").name == "Kosovo"  # type: ignore[union-attr]
    assert not is_country_code("XKX") and not is_country_code("ZZ") and is_country_code("ER")


def test_every_country_but_antarctica_has_an_m49_region() -> None:
    venezuela = iso_country("VE")

    assert venezuela is not None
    assert (venezuela.region, venezuela.subregion, venezuela.intermediate_region) == (
        "Americas",
        "Latin America and the Caribbean",
        "South America",
    )
    assert (iso_country("XK").region, iso_country("XK").subregion) == ("Europe", "Southern Europe")  # type: ignore[union-attr]
    assert [country.code for country in iso_countries() if not country.region] == ["AQ"]


def test_names_come_in_the_interface_languages_through_the_gettext_catalogues() -> None:
    assert country_name("DE") == "Germany"
    assert country_name("DE", "sq") == "Gjermani"
    assert country_name("IR", "mk") == "Иран"
    assert country_name("XK", "sr@latin") == "Kosovo"
    with pytest.raises(KeyError):
        country_name("ZZ")


@pytest.mark.django_db
def test_every_country_is_kept_with_its_regions_and_a_second_sync_writes_nothing() -> None:
    eritrea = Country.objects.get(code="ER")

    assert Country.objects.count() == 250
    assert (eritrea.alpha3, eritrea.m49_region, eritrea.m49_subregion) == (
        "ERI",
        "Africa",
        "Sub-Saharan Africa",
    )
    assert Country.objects.get(code="XK").alpha3 == "XKX"
    assert sync_iso_countries() == 0


@pytest.mark.django_db
def test_a_file_naming_iranian_eritrean_and_kosovar_nationals_is_imported(cpc_editor, write_file) -> None:  # type: ignore[no-untyped-def]
    path = write_file(
        "place,date,metric,value,source_organisation,owner,nationality\n"
        "gevgelija,2015-11-20,arrivals,12,unhcr,osce-secretariat-cpc,IR\n"
        "gevgelija,2015-11-20,arrivals,7,unhcr,osce-secretariat-cpc,Eritrea\n"
        "gevgelija,2015-11-20,arrivals,3,unhcr,osce-secretariat-cpc,XKX\n"
        "gevgelija,2015-11-20,arrivals,2,unhcr,osce-secretariat-cpc,AFG\n"
    )

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert report.errors == []
    stored = FlowObservation.objects.filter(place__slug="gevgelija", date_start=date(2015, 11, 20))
    assert sorted(stored.exclude(nationality="").values_list("nationality", "value")) == [
        ("AF", 2),
        ("ER", 7),
        ("IR", 12),
        ("XK", 3),
    ]


@pytest.mark.django_db
def test_a_file_naming_no_country_is_refused_at_its_line_and_column(cpc_editor, write_file) -> None:  # type: ignore[no-untyped-def]
    path = write_file(
        "place,date,metric,value,source_organisation,owner,nationality\n"
        "gevgelija,2015-11-20,arrivals,12,unhcr,osce-secretariat-cpc,Atlantis\n"
    )

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert len(report.errors) == 1
    error = report.errors[0]
    assert (error.row, error.column, error.value) == (2, "nationality", "Atlantis")
    assert "is not a known country" in error.reason
    assert not FlowObservation.objects.filter(place__slug="gevgelija", date_start=date(2015, 11, 20)).exists()


@pytest.mark.django_db
def test_a_count_by_nationality_reads_alpha3_and_refuses_an_unknown_code(skopje_focal_point, skopje) -> None:  # type: ignore[no-untyped-def]
    place = Place.objects.get(slug="tabanovce")
    given = {"actor": skopje_focal_point, "owner": skopje, "place": place, "metric": "arrivals", "span": DAY}

    outcome = record_observation(
        **given, value=4, source_organisation=skopje, breakdown=Breakdown(nationality="ERI")
    )
    with pytest.raises(ValidationFailed) as refused:
        record_observation(
            **given, value=4, source_organisation=skopje, breakdown=Breakdown(nationality="QQ")
        )

    assert outcome.observation.nationality == "ER"
    assert "nationality" in refused.value.errors


@pytest.mark.django_db
def test_the_tally_refuses_a_day_whose_line_names_no_country(skopje_focal_point, skopje) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as refused:
        record_day(
            actor=skopje_focal_point,
            owner=skopje,
            place=Place.objects.get(slug="tabanovce"),
            span=DAY,
            source_organisation=skopje,
            lines=[TallyLine("arrivals", 30), TallyLine("arrivals", 5, Breakdown(nationality="Persia"))],
        )

    assert list(refused.value.errors) == ["lines.1.nationality"]
    assert not FlowObservation.objects.filter(place__slug="tabanovce", date_start=DAY.start).exists()
