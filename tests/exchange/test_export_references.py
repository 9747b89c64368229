"""An export never names a record its reader may not read: not as a link of a visible record (an event's
places and actors, an activity's lead and partners, a place's parent and owner), nor as the place,
source, owner or earlier version of a visible figure."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from corridor.accounts.choices import Role
from corridor.actors.models import Organisation
from corridor.exchange.exporting import ExportFilters
from corridor.exchange.services import export_records
from corridor.geo.models import Place
from corridor.monitoring.models import FlowObservation
from corridor.operations.models import Activity

KINDS = ("observations", "events", "activities", "places")
FORMATS = ("hxl", "csv", "xlsx", "json")


def export_text(user, kind: str, format: str, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    """The whole export as text (a workbook's sheets and shared strings, unzipped)."""
    path = tmp_path / f"{kind}.{format}"
    with path.open("wb") as stream:
        export_records(user=user, kind=kind, format=format, stream=stream, filters=ExportFilters())
    if format != "xlsx":
        return path.read_text(encoding="utf-8")
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(name).decode() for name in archive.namelist())


def _figure(**fields: object) -> FlowObservation:
    values: dict[str, object] = {
        "metric": "present", "date_start": date(2016, 3, 8), "date_end": date(2016, 3, 8),
        "date_precision": "day", "value": 40, "reliability": "estimate",
    }  # fmt: skip
    values.update(fields)
    return FlowObservation.objects.create(**values)


@pytest.fixture
def secrets(make_event, skopje, serbia, cpc, unhcr) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """A restricted partner and shelter of the Mission to Skopje, named by older public and internal
    records (links written directly, as legacy data would hold them); returns every marker by name."""
    partner = Organisation.objects.create(
        slug="zz-secret-partner", name="ZZ-SECRET-Partner", kind="ngo", classification="restricted",
        owner=skopje,
    )  # fmt: skip
    shelter = Place.objects.create(
        slug="zz-secret-shelter", name="ZZ-SECRET-Shelter", kind="reception_centre",
        country=Place.objects.get(slug="mk").country, classification="restricted", owner=skopje,
    )  # fmt: skip
    gevgelija = Place.objects.get(slug="gevgelija")
    for owner, classification in ((serbia, "public"), (cpc, "internal"), (partner, "public")):
        event = make_event(owner, classification, title=f"Visit with {classification} links")
        event.places.set([shelter, gevgelija])
        event.actors.set([partner, unhcr])
    activity = Activity.objects.create(
        slug="zz-activity-with-secret-partner", title="Shelter staff briefed", category="monitoring",
        lead=partner, owner=serbia, classification="public", date_start=date(2016, 3, 8),
        date_end=date(2016, 3, 8), date_precision="day",
    )  # fmt: skip
    activity.partners.set([partner, unhcr])
    activity.places.set([shelter, gevgelija])
    Place.objects.create(
        slug="zz-public-annex", name="Public annex", kind="reception_centre", parent=shelter,
        country=gevgelija.country, classification="public", owner=partner,
    )  # fmt: skip
    earlier = _figure(
        place=gevgelija,
        source_organisation=unhcr,
        owner=skopje,
        classification="restricted",
        is_current=False,
    )
    _figure(
        place=gevgelija,
        source_organisation=unhcr,
        owner=serbia,
        classification="public",
        revision_of=earlier,
        value=41,
    )
    _figure(
        place=shelter, source_organisation=partner, owner=serbia, classification="public", metric="arrivals"
    )
    _figure(
        place=gevgelija,
        source_organisation=unhcr,
        owner=partner,
        classification="public",
        metric="departures",
    )
    return {
        "partner name": partner.name, "partner slug": partner.slug, "partner uid": str(partner.uid),
        "shelter name": shelter.name, "shelter slug": shelter.slug, "shelter uid": str(shelter.uid),
        "restricted figure uid": str(earlier.uid),
    }  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("format", FORMATS)
def test_an_export_names_a_restricted_record_only_to_those_who_may_read_it(
    format, secrets, make_user, outsider, serbia, skopje_focal_point, tmp_path
) -> None:
    # Given records readable by everyone that refer to a restricted partner and shelter of Skopje
    serbia_editor = make_user("serbia.editor", serbia, Role.EDITOR)
    readers = {"anonymous": None, "UNHCR editor": outsider, "Serbia's editor": serbia_editor}

    # When each reader exports every kind
    leaks = {
        (reader, kind, marker)
        for reader, user in readers.items()
        for kind in KINDS
        for marker, value in secrets.items()
        if value in export_text(user, kind, format, tmp_path)
    }
    seen_by_skopje = "\n".join(export_text(skopje_focal_point, kind, format, tmp_path) for kind in KINDS)

    # Then no marker reaches a reader who may not read it, and Skopje's focal point sees them
    assert leaks == set()
    assert {marker for marker, value in secrets.items() if value in seen_by_skopje} == set(secrets) - {
        "partner name",
        "partner uid",
    }  # no export lists organisations, only their slugs


@pytest.mark.django_db
def test_a_withheld_reference_is_left_out_of_a_list_and_empty_when_single(
    secrets, outsider, tmp_path
) -> None:
    import csv
    import io

    events = list(csv.DictReader(io.StringIO(export_text(outsider, "events", "csv", tmp_path))))
    activities = list(csv.DictReader(io.StringIO(export_text(outsider, "activities", "csv", tmp_path))))
    places = list(csv.DictReader(io.StringIO(export_text(outsider, "places", "csv", tmp_path))))

    visit = next(row for row in events if row["title"] == "Visit with public links" and row["owner"] == "")
    assert (visit["places"], visit["actors"]) == ("gevgelija", "unhcr")
    briefing = next(row for row in activities if row["slug"] == "zz-activity-with-secret-partner")
    assert (briefing["lead"], briefing["partners"], briefing["places"]) == ("", "unhcr", "gevgelija")
    annex = next(row for row in places if row["slug"] == "zz-public-annex")
    assert (annex["parent"], annex["owner"]) == ("", "")
