"""Builders' numbers checked against fixtures whose sums are known, and the case study's own records."""

from __future__ import annotations

from datetime import date

import pytest

from corridor.core.dates import DateSpan
from corridor.operations.models import Activity
from corridor.operations.services import record_activity
from corridor.reports.builders.mission import build_mission
from corridor.reports.builders.regional import CITED_PER_CELL, HIGHLIGHTS, build_regional
from corridor.reports.builders.spot import build_spot
from corridor.reports.builders.update import build_update
from corridor.reports.canonical import canonical_json, data_hash, load
from corridor.reports.data.common import Period
from corridor.reports.data.kinds import MissionReport, RegionalReport, SpotReport, UpdateReport
from corridor.timeline.models import Event
from tests.reports.conftest import PERIOD, expected_values


def _reported(slug: str) -> dict[date, int]:
    return {day: value for day, value in expected_values(slug).items() if value is not None}


@pytest.mark.django_db
def test_the_regional_flows_sum_each_places_reported_days(arrivals) -> None:  # type: ignore[no-untyped-def]
    report = build_regional(None, period=PERIOD)

    rows = {row.place_slug: row for row in report.flows.rows}
    for slug in ("mk", "rs", "hu"):
        assert rows[slug].total == sum(_reported(slug).values())
        assert rows[slug].days_reported == len(_reported(slug))
    assert (rows["rs"].days_not_available, rows["rs"].days_missing) == (2, 0)
    assert (rows["hu"].days_reported, rows["hu"].days_missing) == (30, 153)
    assert rows["mk"].peak_day == date(2016, 3, 31) and rows["mk"].peak_value == 2000 + 10 * 182


@pytest.mark.django_db
def test_the_monthly_sums_add_up_to_the_total(arrivals) -> None:  # type: ignore[no-untyped-def]
    report = build_regional(None, period=PERIOD)

    serbia = next(row for row in report.flows.rows if row.place_slug == "rs")
    december = next(month for month in serbia.months if month.month == date(2015, 12, 1))
    expected = sum(v for d, v in _reported("rs").items() if d.month == 12)
    assert december.value == expected and december.days_reported == 29
    assert sum(month.value or 0 for month in serbia.months) == serbia.total


@pytest.mark.django_db
def test_places_follow_the_route_and_sites_come_after_countries(arrivals) -> None:  # type: ignore[no-untyped-def]
    report = build_regional(None, period=PERIOD)

    assert [row.place_slug for row in report.flows.rows] == ["mk", "rs", "hu", "gevgelija"]
    assert [row.is_site for row in report.flows.rows] == [False, False, False, True]
    assert [series.place_slug for series in report.flows.series] == ["mk", "rs", "hu"]


@pytest.mark.django_db
def test_the_map_shades_countries_by_their_total_and_marks_the_sites(arrivals) -> None:  # type: ignore[no-untyped-def]
    report = build_regional(None, period=PERIOD)

    shaded = {country.code: country.value for country in report.map.countries}
    assert shaded["MK"] == sum(_reported("mk").values())
    assert shaded["AL"] is None
    sites = {site.slug: site for site in report.map.sites}
    assert sites["gevgelija"].value == sum(_reported("gevgelija").values())
    assert sites["skopje"].role == "headquarters"


@pytest.mark.django_db
def test_every_flow_row_points_at_the_query_of_its_observations(arrivals) -> None:  # type: ignore[no-untyped-def]
    report = build_regional(None, period=PERIOD)

    refs = {ref.key: ref for ref in report.refs}
    serbia = next(row for row in report.flows.rows if row.place_slug == "rs")
    assert serbia.ref == "observations:rs:arrivals:unhcr:2015-10-01/2016-03-31"
    assert refs[serbia.ref].count == 183


@pytest.mark.django_db
def test_the_engagement_matrix_counts_each_operations_activities_by_category() -> None:
    report = build_regional(None, period=PERIOD)

    skopje = next(row for row in report.engagement if row.operation_slug == "osce-mission-to-skopje")
    cells = {cell.category: cell for cell in skopje.cells}
    led = Activity.objects.filter(
        lead__slug="osce-mission-to-skopje",
        category="monitoring",
        classification="public",
        date_start__lte=PERIOD.end,
        date_end__gte=PERIOD.start,
    )
    assert cells["monitoring"].led == led.count() == 5
    assert (cells["policing_crime"].led, cells["policing_crime"].joint) == (6, 1)
    assert len(report.engagement) == 6
    assert skopje.focal_point == "yes"  # the study gives no date
    assert skopje.working_group == "yes (August 2015)"


@pytest.mark.django_db
def test_a_crowded_engagement_cell_cites_the_query_that_lists_its_activities(
    skopje_focal_point, skopje
) -> None:  # type: ignore[no-untyped-def]
    # Given: more monitoring activities of the Mission to Skopje in the period than a cell cites one by one.
    existing = build_regional(None, period=PERIOD)
    before = next(r for r in existing.engagement if r.operation_slug == skopje.slug)
    monitoring = next(c for c in before.cells if c.category == "monitoring")
    for number in range(CITED_PER_CELL + 1 - monitoring.led - monitoring.joint):
        record_activity(
            actor=skopje_focal_point,
            lead=skopje,
            title=f"Border monitoring round {number}",
            category="monitoring",
            span=DateSpan.parse("2015-12"),
            classification="public",
        )

    # When: the regional report is built.
    report = build_regional(None, period=PERIOD)

    # Then: the cell counts every activity and points at one query reference naming how many it lists.
    row = next(r for r in report.engagement if r.operation_slug == skopje.slug)
    cell = next(c for c in row.cells if c.category == "monitoring")
    assert cell.led + cell.joint == CITED_PER_CELL + 1
    (key,) = cell.refs
    ref = next(r for r in report.refs if r.key == key)
    assert ref.kind == "activities" and ref.count == CITED_PER_CELL + 1
    assert key == f"activities:{skopje.slug}:monitoring:{PERIOD.start}/{PERIOD.end}"
    assert [c.source for c in ref.citations] == ["study-2016"]
    assert not any(r.slug.startswith("border-monitoring-round") for r in report.refs)


@pytest.mark.django_db
def test_every_statement_points_at_records_in_the_annex() -> None:
    report = build_regional(None, period=PERIOD)

    keys = {ref.key for ref in report.refs}
    pointed = {key for statement in report.summary + report.gaps for key in statement.refs}
    pointed |= {entry.ref for entry in report.highlights} | {line.ref for line in report.recommendations}
    assert pointed <= keys
    joint = next(
        e for e in report.highlights if e.title.startswith("Heads of the Missions to Serbia and Skopje")
    )
    cited = next(ref for ref in report.refs if ref.key == joint.ref)
    assert cited.slug == "joint-visit-presevo-tabanovce-2015-11"
    assert cited.citations and cited.citations[0].source == "study-2016"


@pytest.mark.django_db
def test_highlights_keep_the_most_telling_events_in_date_order(make_event, skopje) -> None:  # type: ignore[no-untyped-def]
    for index in range(HIGHLIGHTS + 5):
        make_event(
            skopje,
            kind="training",
            slug=f"zz-training-{index}",
            date_start=date(2016, 1, 5),
            date_end=date(2016, 1, 5),
        )

    report = build_regional(None, period=PERIOD)

    assert len(report.highlights) == HIGHLIGHTS
    assert report.events_in_period > HIGHLIGHTS
    kinds = {entry.kind for entry in report.highlights}
    assert "border_policy_change" in kinds
    assert [e.start for e in report.highlights] == sorted(e.start for e in report.highlights)


@pytest.mark.django_db
def test_the_mission_report_follows_the_serbia_background_reports_pattern() -> None:
    report = build_mission(None, operation="osce-mission-to-serbia", period=PERIOD)

    assert "Closing of the Balkans route" in [entry.title for entry in report.responses]
    assert any("migration working group" in s.text for s in report.host_arrangements)
    assert any(s.text.startswith("Staffing (not assessed)") for s in report.challenges)
    assert any("Preševo" in entry.title for entry in report.implications)
    assert report.activities[0].category == "monitoring"
    assert sum(len(group.activities) for group in report.activities) == 15


@pytest.mark.django_db
def test_the_activity_update_lists_the_missions_visits_and_meetings() -> None:
    report = build_update(
        None, operation="osce-mission-to-skopje", period=Period(date(2015, 6, 1), date(2016, 6, 10))
    )

    assert len(report.visits) == 5
    assert len(report.meetings) == 3
    assert all(line.ref in {ref.key for ref in report.refs} for line in report.meetings)
    assert report.timeline == tuple(sorted(report.timeline, key=lambda e: (e.start, e.end)))


@pytest.mark.django_db
def test_the_spot_report_compares_counts_before_and_after_the_event(arrivals, make_event, skopje) -> None:  # type: ignore[no-untyped-def]
    event = make_event(
        skopje,
        slug="zz-border-closure",
        kind="border_policy_change",
        title="Border closed",
        date_start=date(2016, 2, 20),
        date_end=date(2016, 2, 20),
    )
    event.countries.set([skopje.field_operation.host_country])

    report = build_spot(None, event="zz-border-closure", window_days=7)

    macedonia = next(change for change in report.flow_changes if change.place_slug == "mk")
    values = _reported("mk")
    assert macedonia.before_total == sum(
        values[d] for d in values if date(2016, 2, 13) <= d < date(2016, 2, 20)
    )
    assert macedonia.after_total == sum(
        values[d] for d in values if date(2016, 2, 20) < d <= date(2016, 2, 27)
    )
    assert (macedonia.before_days, macedonia.after_days) == (7, 7)
    assert report.context_period == Period(date(2016, 2, 13), date(2016, 2, 27))


@pytest.mark.django_db
def test_the_spot_report_finds_related_events_activities_and_visits() -> None:
    report = build_spot(None, event="joint-visit-presevo-tabanovce-2015-11")

    assert [s.text for s in report.places] == [
        "Preševo one-stop centre (one-stop centre, Serbia)",
        "Tabanovce transit station (transit centre, North Macedonia)",
    ]
    assert any(entry.title == "Macedonia tightens its border policy" for entry in report.related_events)
    assert report.related_activities and report.related_visits


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "build"),
    [
        (RegionalReport, lambda: build_regional(None, period=PERIOD)),
        (MissionReport, lambda: build_mission(None, operation="osce-mission-to-skopje", period=PERIOD)),
        (UpdateReport, lambda: build_update(None, operation="osce-mission-to-serbia", period=PERIOD)),
        (SpotReport, lambda: build_spot(None, event="macedonia-border-policy-tightening-2015-11-2016-02")),
    ],
)
def test_built_data_survive_the_round_trip_through_canonical_json(kind, build, arrivals) -> None:  # type: ignore[no-untyped-def]
    report = build()

    assert load(kind, canonical_json(report)) == report
    assert data_hash(build()) == data_hash(report)


@pytest.mark.django_db
def test_an_event_the_reader_may_not_see_is_not_built_into_a_spot_report(secrets) -> None:  # type: ignore[no-untyped-def]
    from corridor.core.exceptions import NotFound

    with pytest.raises(NotFound):
        build_spot(None, event="zz-restricted-incident")
    assert Event.objects.filter(slug="zz-restricted-incident").exists()


@pytest.mark.django_db
def test_an_operation_whose_migration_another_focal_point_covers_has_no_migration_focal_point() -> None:
    report = build_regional(None, period=PERIOD)
    states = {row.operation_slug: row.focal_point for row in report.engagement}

    assert states["osce-mission-in-kosovo"] == "none"
    assert states["osce-mission-to-montenegro"] == "none"
    assert states["osce-mission-to-serbia"] == "yes (early 2015)"
