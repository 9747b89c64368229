"""The dated 2015–16 border-policy changes, loaded by `corridor realdata load` through the ordinary events
importer as the platform: on the timeline with their spans, countries and citations, once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from corridor.accounts.models import User
from corridor.core.models import Citation
from corridor.exchange.real_data import DATASETS, load_real_data
from corridor.exchange.report import ImportReport
from corridor.exchange.services import PLATFORM, import_file
from corridor.forecasting.services import timeline_changes
from corridor.operations.models import Activity
from corridor.timeline.models import Event
from tests.exchange.conftest import WriteFile

Snapshot = Callable[[], dict[str, list[tuple]]]

POLICY_CHANGES = next(dataset for dataset in DATASETS if dataset.folder == "policy-changes-2015-16")
EXPECTED = [
    # title, start, end, precision, countries, row of the file
    ("fYROM admits only Syrians/Iraqis/Afghans", date(2015, 11, 18), date(2015, 11, 19), "range", ["MK"], 2),
    ("Austria's daily caps", date(2016, 2, 19), date(2016, 2, 19), "day", ["AT"], 3),
    ("fYROM stops Afghans", date(2016, 2, 21), date(2016, 2, 22), "range", ["MK"], 4),
    ("Route closed to most", date(2016, 3, 8), date(2016, 3, 9), "range", ["SI"], 5),
    ("EU–Turkey statement in force", date(2016, 3, 20), date(2016, 3, 20), "day", ["GR", "TR"], 6),
]
EVENTS_FILE = (
    "date,kind,title,countries,owner,classification\n"
    "2016-02-19,border_policy_change,Austria caps daily entries,AT,osce-mission-to-skopje,public\n"
)
ACTIVITIES_FILE = "date,title,category,lead\n2016-02-19,A count,research,osce-mission-to-skopje\n"


def policy_events() -> list[Event]:
    """The events titled as the file's rows (the case study has policy changes of its own)."""
    return list(Event.objects.filter(title__in=[row[0] for row in EXPECTED]).order_by("date_start"))


def citations_of(event: Event) -> list[tuple[str, str]]:
    return list(
        Citation.objects.filter(
            content_type=ContentType.objects.get_for_model(Event), object_id=event.pk
        ).values_list("source__slug", "locator")
    )


@pytest.fixture
def loaded(db: None) -> list[ImportReport]:
    return load_real_data()


@pytest.mark.django_db
def test_the_policy_changes_ship_with_their_mapping_and_provenance() -> None:
    assert POLICY_CHANGES.data_path.name == "policy_changes.csv"
    assert POLICY_CHANGES.mapping_path.is_file()
    assert "realdata load" in (POLICY_CHANGES.data_path.parent / "PROVENANCE.md").read_text()


@pytest.mark.django_db
def test_the_five_policy_changes_are_on_the_timeline_with_their_spans_and_countries(
    loaded: list[ImportReport],
) -> None:
    report = loaded[-1]

    events = policy_events()

    assert (report.kind, report.errors, report.created) == ("events", [], 5)
    assert [
        (
            event.title,
            event.date_start,
            event.date_end,
            event.span.kind,
            sorted(event.countries.values_list("code", flat=True)),
        )
        for event in events
    ] == [row[:5] for row in EXPECTED]
    assert {(event.kind, event.owner.slug, event.classification) for event in events} == {
        ("border_policy_change", "osce-secretariat-cpc", "public")
    }
    assert events[0].description.startswith("The former Yugoslav Republic of Macedonia lets through only")


@pytest.mark.django_db
def test_each_policy_change_cites_the_dataset_at_its_row(loaded: list[ImportReport]) -> None:
    events = policy_events()

    assert [citations_of(event) for event in events] == [
        [("corridor-policy-changes-2015-16", f"policy_changes.csv:{row[5]}")] for row in EXPECTED
    ]


@pytest.mark.django_db
def test_the_platform_wrote_them_and_their_history_names_no_user(loaded: list[ImportReport]) -> None:
    events = policy_events()

    history = Event.history.filter(id__in=[event.pk for event in events])
    cited = Citation.history.filter(
        content_type=ContentType.objects.get_for_model(Event), object_id__in=[event.pk for event in events]
    )
    assert history.count() == cited.count() == 5
    assert {change.history_user_id for change in [*history, *cited]} == {None}
    assert {event.version for event in events} == {1}


@pytest.mark.django_db
def test_loading_the_real_data_again_changes_nothing_on_the_timeline(
    loaded: list[ImportReport], database_snapshot: Snapshot
) -> None:
    before = database_snapshot()

    again = load_real_data()

    assert [(report.created, report.updated, report.unchanged) for report in again][-1] == (0, 0, 5)
    assert database_snapshot() == before


@pytest.mark.django_db
def test_a_dry_run_of_the_real_data_writes_nothing(database_snapshot: Snapshot) -> None:
    before = database_snapshot()

    reports = load_real_data(dry_run=True)

    assert (reports[-1].errors, reports[-1].created, reports[-1].written) == ([], 5, False)
    assert database_snapshot() == before


@pytest.mark.django_db
def test_the_alerts_panel_finds_the_dated_changes_on_an_anonymous_readers_timeline(
    loaded: list[ImportReport],
) -> None:
    changes = timeline_changes(None, start=date(2016, 2, 1), end=date(2016, 3, 31))

    dated = [(change.title, change.start, change.end) for change in changes if change.start == change.end]
    assert ("Austria's daily caps", date(2016, 2, 19), date(2016, 2, 19)) in dated
    assert ("EU–Turkey statement in force", date(2016, 3, 20), date(2016, 3, 20)) in dated


@pytest.mark.django_db
def test_a_users_events_import_still_checks_their_rights(
    outsider: User, write_file: WriteFile, database_snapshot: Snapshot
) -> None:
    before = database_snapshot()

    report = import_file(actor=outsider, source=write_file(EVENTS_FILE), kind="events")

    assert report.created == 0
    assert [error.as_row() for error in report.errors] == [
        (
            "2",
            "owner",
            "osce-mission-to-skopje",
            "you may not write records for OSCE Mission to Skopje: you edit only for your own",
        )
    ]
    assert database_snapshot() == before


@pytest.mark.django_db
def test_a_users_events_import_with_a_mapping_cite_cites_each_event(
    skopje_focal_point: User, write_file: WriteFile
) -> None:
    mapping = {"kind": "events", "cite": {"source": "unhcr-wb-route-daily", "locator": "{file}:{row}"}}

    first = import_file(
        actor=skopje_focal_point, source=write_file(EVENTS_FILE, "caps.csv"), kind="events", mapping=mapping
    )
    again = import_file(
        actor=skopje_focal_point, source=write_file(EVENTS_FILE, "caps.csv"), kind="events", mapping=mapping
    )

    event = Event.objects.get(title="Austria caps daily entries")
    assert (first.created, again.unchanged) == (1, 1)
    assert citations_of(event) == [("unhcr-wb-route-daily", "caps.csv:2")]
    cited = Citation.history.get(content_type=ContentType.objects.get_for_model(Event), object_id=event.pk)
    assert cited.history_user == skopje_focal_point


@pytest.mark.django_db
def test_the_platform_may_now_import_events_but_still_not_activities(write_file: WriteFile) -> None:
    events = import_file(actor=PLATFORM, source=write_file(EVENTS_FILE), kind="events")
    activities = import_file(actor=PLATFORM, source=write_file(ACTIVITIES_FILE), kind="activities")

    assert (events.errors, events.created) == ([], 1)
    assert Event.history.get(title="Austria caps daily entries").history_user is None
    assert [error.reason for error in activities.errors] == [
        "importing activities needs a user to act for: name one (corridor import --user)"
    ]


@pytest.mark.django_db
def test_a_users_activities_import_with_a_mapping_cite_cites_each_activity(
    skopje_focal_point: User, write_file: WriteFile
) -> None:
    mapping = {"kind": "activities", "cite": {"source": "unhcr-wb-route-daily", "locator": "{file}:{row}"}}
    path = write_file(ACTIVITIES_FILE, "a.csv")

    report = import_file(actor=skopje_focal_point, source=path, kind="activities", mapping=mapping)

    activity = Activity.objects.get(title="A count")
    assert (report.errors, report.created) == ([], 1)
    assert list(
        Citation.objects.filter(
            content_type=ContentType.objects.get_for_model(Activity), object_id=activity.pk
        ).values_list("source__slug", "locator")
    ) == [("unhcr-wb-route-daily", "a.csv:2")]


@pytest.mark.django_db
def test_a_citation_added_to_an_unchanged_event_counts_as_an_update(
    skopje_focal_point: User, write_file: WriteFile
) -> None:
    path = write_file(EVENTS_FILE, "caps.csv")
    import_file(actor=skopje_focal_point, source=path, kind="events")
    mapping = {"kind": "events", "cite": {"source": "unhcr-wb-route-daily", "locator": "{file}:{row}"}}

    cited = import_file(actor=skopje_focal_point, source=path, kind="events", mapping=mapping)

    event = Event.objects.get(title="Austria caps daily entries")
    assert (cited.updated, cited.unchanged, event.version) == (1, 0, 1)
    assert citations_of(event) == [("unhcr-wb-route-daily", "caps.csv:2")]
