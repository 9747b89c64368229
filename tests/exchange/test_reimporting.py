"""Importing an export made earlier never undoes an edit saved since: each row is an edit made from the
version it was exported at — merged with a colleague's later edit, or refused where both changed the same
field — and a row without a version may not change a stored record. Links the importing user cannot
read are kept, since their export could not list them."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from corridor.accounts.choices import Role
from corridor.core.dates import DateSpan
from corridor.exchange.services import export_records, import_file
from corridor.geo.models import Place
from corridor.geo.services import record_place, update_place
from corridor.operations.models import Activity
from corridor.operations.services import record_activity, update_activity
from corridor.timeline.models import Event
from corridor.timeline.services import record_event, update_event


def export_rows(user, kind: str) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    stream = io.BytesIO()
    export_records(user=user, kind=kind, format="csv", stream=stream)
    return list(csv.DictReader(io.StringIO(stream.getvalue().decode("utf-8"))))


def write_rows(rows: list[dict[str, str]], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def row_of(rows: list[dict[str, str]], slug: str) -> list[dict[str, str]]:
    return [row for row in rows if row["slug"] == slug]


@pytest.fixture
def colleague(make_user, skopje):  # type: ignore[no-untyped-def]
    return make_user("skopje.editor", skopje, Role.EDITOR)


@pytest.fixture
def crossing_event(skopje_focal_point, skopje) -> Event:  # type: ignore[no-untyped-def]
    return record_event(
        actor=skopje_focal_point, owner=skopje, kind="incident", title="Crossing closed at night",
        span=DateSpan.parse("2016-03-09"), description="Closed from 22:00.",
        places=[Place.objects.get(slug="gevgelija")], classification="internal",
    )  # fmt: skip


@pytest.fixture
def visit_activity(skopje_focal_point, skopje) -> Activity:  # type: ignore[no-untyped-def]
    return record_activity(
        actor=skopje_focal_point, lead=skopje, title="Night visit to the crossing", category="monitoring",
        span=DateSpan.parse("2016-03-09"), description="Two monitors.", classification="internal",
    )  # fmt: skip


@pytest.fixture
def transit_site(skopje_focal_point, skopje) -> Place:  # type: ignore[no-untyped-def]
    return record_place(
        actor=skopje_focal_point, slug="test-transit-site", owner=skopje, name="Test transit site",
        kind="transit_centre", country=Place.objects.get(slug="mk").country, latitude=Decimal("41.14"),
        longitude=Decimal("22.50"), classification="internal",
    )  # fmt: skip


@pytest.mark.django_db
def test_an_old_event_export_imported_again_keeps_a_colleagues_later_edit(
    crossing_event, skopje_focal_point, colleague, tmp_path
) -> None:
    # Given yesterday's export, and a colleague's edit of the description since
    old_export = row_of(export_rows(skopje_focal_point, "events"), crossing_event.slug)
    update_event(actor=colleague, event=crossing_event, expected_version=1, description="Closed from 20:00.")

    # When the old export is imported again, unchanged
    report = import_file(
        actor=skopje_focal_point, source=write_rows(old_export, tmp_path / "a.csv"), kind="events"
    )

    # Then the colleague's edit survives
    crossing_event.refresh_from_db()
    assert (report.errors, report.updated, report.unchanged) == ([], 0, 1)
    assert (crossing_event.description, crossing_event.version) == ("Closed from 20:00.", 2)


@pytest.mark.django_db
def test_an_edit_of_an_old_event_export_is_merged_with_a_colleagues_edit_of_another_field(
    crossing_event, skopje_focal_point, colleague, tmp_path
) -> None:
    old_export = row_of(export_rows(skopje_focal_point, "events"), crossing_event.slug)
    update_event(actor=colleague, event=crossing_event, expected_version=1, description="Closed from 20:00.")
    old_export[0]["title"] = "Crossing closed every night"

    report = import_file(
        actor=skopje_focal_point, source=write_rows(old_export, tmp_path / "a.csv"), kind="events"
    )

    crossing_event.refresh_from_db()
    assert (report.errors, report.updated) == ([], 1)
    assert (crossing_event.title, crossing_event.description) == (
        "Crossing closed every night",
        "Closed from 20:00.",
    )


@pytest.mark.django_db
def test_an_old_event_export_changing_what_a_colleague_changed_is_refused_naming_the_field(
    crossing_event, skopje_focal_point, colleague, tmp_path
) -> None:
    old_export = row_of(export_rows(skopje_focal_point, "events"), crossing_event.slug)
    update_event(actor=colleague, event=crossing_event, expected_version=1, description="Closed from 20:00.")
    old_export[0]["description"] = "Closed from 23:00."
    old_export[0]["title"] = "Crossing closed every night"

    report = import_file(
        actor=skopje_focal_point, source=write_rows(old_export, tmp_path / "a.csv"), kind="events",
        mode="valid_rows_only",
    )  # fmt: skip

    crossing_event.refresh_from_db()
    assert report.updated == 0
    assert [(error.row, "both changed: description;" in error.reason) for error in report.errors] == [
        (2, True)
    ]
    assert (crossing_event.title, crossing_event.description, crossing_event.version) == (
        "Crossing closed at night", "Closed from 20:00.", 2,
    )  # fmt: skip


@pytest.mark.django_db
def test_an_old_activity_export_never_reverts_a_colleagues_edit(
    visit_activity, skopje_focal_point, colleague, tmp_path
) -> None:
    old_export = row_of(export_rows(skopje_focal_point, "activities"), visit_activity.slug)
    update_activity(
        actor=colleague, activity=visit_activity, expected_version=1, description="Three monitors."
    )
    unchanged = write_rows(old_export, tmp_path / "unchanged.csv")
    old_export[0]["description"] = "Four monitors."
    conflicting = write_rows(old_export, tmp_path / "conflicting.csv")

    kept = import_file(actor=skopje_focal_point, source=unchanged, kind="activities")
    refused = import_file(actor=skopje_focal_point, source=conflicting, kind="activities")

    visit_activity.refresh_from_db()
    assert (kept.errors, kept.updated) == ([], 0)
    assert ["both changed: description;" in error.reason for error in refused.errors] == [True]
    assert (visit_activity.description, visit_activity.version) == ("Three monitors.", 2)


@pytest.mark.django_db
def test_an_old_place_export_is_merged_with_a_colleagues_edit_or_refused_where_both_changed(
    transit_site, skopje_focal_point, colleague, tmp_path
) -> None:
    # Given an export of the place, then a colleague renames it
    old_export = row_of(export_rows(skopje_focal_point, "places"), transit_site.slug)
    update_place(actor=colleague, place=transit_site, expected_version=1, name="Test transit site (north)")
    unchanged = write_rows(old_export, tmp_path / "unchanged.csv")
    old_export[0]["coordinates_source"] = "GPS, 2016"
    another_field = write_rows(old_export, tmp_path / "another-field.csv")
    old_export[0]["name"] = "Test transit site (south)"
    same_field = write_rows(old_export, tmp_path / "same-field.csv")

    # When the old export is imported: unchanged, changing another field, changing the name too
    kept = import_file(actor=skopje_focal_point, source=unchanged, kind="places")
    merged = import_file(actor=skopje_focal_point, source=another_field, kind="places")
    refused = import_file(actor=skopje_focal_point, source=same_field, kind="places")

    # Then the colleague's name survives every time; the other field is merged in
    transit_site.refresh_from_db()
    assert (kept.errors, kept.updated, merged.errors, merged.updated) == ([], 0, [], 1)
    assert ["both changed: name;" in error.reason for error in refused.errors] == [True]
    assert (transit_site.name, transit_site.coordinates_source, transit_site.version) == (
        "Test transit site (north)", "GPS, 2016", 3,
    )  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["events", "activities", "places"])
def test_a_row_without_a_version_may_not_change_a_stored_record(
    kind, crossing_event, visit_activity, transit_site, skopje_focal_point, tmp_path
) -> None:
    record = {"events": crossing_event, "activities": visit_activity, "places": transit_site}[kind]
    rows = row_of(export_rows(skopje_focal_point, kind), record.slug)
    del rows[0]["version"]
    unchanged = write_rows(rows, tmp_path / "unchanged.csv")
    rows[0]["note"] = "Written over without a version"
    changed = write_rows(rows, tmp_path / "changed.csv")

    confirmed = import_file(actor=skopje_focal_point, source=unchanged, kind=kind)
    refused = import_file(actor=skopje_focal_point, source=changed, kind=kind)

    record.refresh_from_db()
    assert (confirmed.errors, confirmed.unchanged) == ([], 1)
    assert ["the row carries no version" in error.reason for error in refused.errors] == [True]
    assert (record.note, record.version) == ("", 1)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["events", "activities"])
def test_importing_an_export_keeps_the_links_its_user_could_not_read(
    kind, make_user, serbia, skopje, tmp_path
) -> None:
    # Given a record of Serbia linking (legacy data) a restricted shelter and partner of Skopje
    editor = make_user("serbia.editor", serbia, Role.EDITOR)
    shelter = Place.objects.create(
        slug="zz-secret-shelter", name="ZZ-SECRET-Shelter", kind="reception_centre",
        country=Place.objects.get(slug="mk").country, classification="restricted", owner=skopje,
    )  # fmt: skip
    from corridor.actors.models import Organisation

    partner = Organisation.objects.create(
        slug="zz-secret-partner",
        name="ZZ-SECRET-Partner",
        kind="ngo",
        classification="restricted",
        owner=skopje,
    )
    gevgelija = Place.objects.get(slug="gevgelija")
    if kind == "events":
        record = record_event(
            actor=editor, owner=serbia, kind="incident", title="Joint visit",
            span=DateSpan.parse("2016-03-09"), places=[gevgelija], classification="internal",
        )  # fmt: skip
        record.actors.add(partner)
    else:
        record = record_activity(
            actor=editor, lead=serbia, title="Joint visit", category="monitoring",
            span=DateSpan.parse("2016-03-09"), places=[gevgelija], classification="internal",
        )  # fmt: skip
        record.partners.add(partner)
    record.places.add(shelter)
    rows = row_of(export_rows(editor, kind), record.slug)
    rows[0]["title"] = "Joint visit to the crossing"

    # When Serbia's editor imports their edited export
    report = import_file(actor=editor, source=write_rows(rows, tmp_path / "edit.csv"), kind=kind)

    # Then the title changed and the links they could not see are still there
    record.refresh_from_db()
    linked = record.actors if kind == "events" else record.partners
    assert (report.errors, report.updated, record.title) == ([], 1, "Joint visit to the crossing")
    assert set(record.places.all()) == {gevgelija, shelter}
    assert partner in set(linked.all())


@pytest.mark.django_db
def test_importing_an_export_keeps_a_parent_its_user_could_not_read(
    make_user, serbia, skopje, tmp_path
) -> None:
    editor = make_user("serbia.editor", serbia, Role.EDITOR)
    shelter = Place.objects.create(
        slug="zz-secret-shelter", name="ZZ-SECRET-Shelter", kind="reception_centre",
        country=Place.objects.get(slug="mk").country, classification="restricted", owner=skopje,
    )  # fmt: skip
    annex = record_place(
        actor=editor, slug="test-annex", owner=serbia, name="Annex", kind="reception_centre",
        country=shelter.country, classification="internal",
    )  # fmt: skip
    Place.objects.filter(pk=annex.pk).update(parent=shelter)
    rows = row_of(export_rows(editor, "places"), "test-annex")
    rows[0]["name"] = "Annex (east)"

    report = import_file(actor=editor, source=write_rows(rows, tmp_path / "edit.csv"), kind="places")

    annex.refresh_from_db()
    assert (report.errors, annex.name, annex.parent_id) == ([], "Annex (east)", shelter.pk)
