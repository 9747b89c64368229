"""The case study: complete, faithful to its source, idempotent, and all-or-nothing on bad files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers

from corridor.actors.choices import OrganisationKind
from corridor.actors.models import Organisation
from corridor.casestudy.problems import CaseStudyInvalid
from corridor.casestudy.services import DATA_DIR, load_case_study
from corridor.core.models import Citation
from corridor.geo.models import Place
from corridor.knowledge.models import Commitment
from corridor.operations.models import Activity
from corridor.timeline.models import Event

CITED_MODELS = [
    "geo.Country",
    "geo.Place",
    "geo.RouteLink",
    "actors.Organisation",
    "actors.Interview",
    "actors.FocalPoint",
    "actors.WorkingGroup",
    "knowledge.Document",
    "knowledge.Commitment",
    "knowledge.Mandate",
    "knowledge.MandateClause",
    "knowledge.Recommendation",
    "knowledge.RecommendationFollowUp",
    "monitoring.FlowObservation",
    "monitoring.MonitoringVisit",
    "timeline.Event",
    "operations.Activity",
    "operations.Meeting",
]


def _snapshot() -> dict[str, str]:
    """Every row of every project model, history tables included, serialised."""
    tables = {}
    for model in apps.get_models():
        if model._meta.app_label in {"sessions", "admin", "contenttypes", "auth"}:
            continue
        tables[model._meta.label] = serializers.serialize("json", model.objects.order_by("pk"))
    return tables


@pytest.mark.django_db
def test_it_holds_the_six_field_operations_with_headquarters_and_mandates() -> None:
    operations = Organisation.objects.filter(kind=OrganisationKind.OSCE_FIELD_OPERATION)

    assert sorted(operations.values_list("slug", flat=True)) == [
        "osce-mission-in-kosovo",
        "osce-mission-to-bih",
        "osce-mission-to-montenegro",
        "osce-mission-to-serbia",
        "osce-mission-to-skopje",
        "osce-presence-in-albania",
    ]
    for operation in operations:
        assert operation.field_operation.headquarters.has_coordinates
        assert operation.mandate.clauses.exists(), operation.slug
        assert operation.interviews.get().positions, operation.slug


@pytest.mark.django_db
def test_it_meets_the_promised_counts() -> None:
    assert Event.objects.count() >= 90
    assert Activity.objects.count() >= 50
    assert Commitment.objects.count() >= 25
    assert Place.objects.filter(latitude__isnull=False).count() >= 12


@pytest.mark.django_db
@pytest.mark.parametrize("label", CITED_MODELS)
def test_every_record_cites_its_source(label: str) -> None:
    model = apps.get_model(label)
    content_type = ContentType.objects.get_for_model(model)
    cited = set(Citation.objects.filter(content_type=content_type).values_list("object_id", flat=True))

    uncited = model.objects.exclude(pk__in=cited)

    assert model.objects.exists(), f"no {label} loaded"
    assert list(uncited.values_list("pk", flat=True)[:10]) == []


@pytest.mark.django_db
def test_dates_keep_the_precision_the_study_gives() -> None:
    skopje_group = Organisation.objects.get(slug="osce-mission-to-skopje").workinggroups.get(exists=True)

    assert skopje_group.date_text == "August 2015"
    assert Event.objects.filter(date_precision="day").exists()
    assert Event.objects.exclude(date_precision="day").count() > 10


@pytest.mark.django_db
def test_loading_again_changes_nothing() -> None:
    before = _snapshot()

    report = load_case_study()

    assert not report.changed, (report.counts.created, report.counts.updated, report.counts.deleted)
    assert _snapshot() == before


@pytest.mark.django_db
def test_a_changed_file_updates_only_what_changed_and_keeps_history(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    events_file = next((data / "events").glob("*.yaml"))
    original = events_file.read_text(encoding="utf-8")
    first_title = next(line for line in original.splitlines() if line.strip().startswith("title:"))
    events_file.write_text(original.replace(first_title, "  title: A corrected title", 1), encoding="utf-8")

    report = load_case_study(data_dir=data)

    assert dict(report.counts.updated) == {"timeline.Event": 1}
    changed = Event.objects.get(title="A corrected title")
    assert changed.version == 2
    assert changed.history.count() == 2


def _broken_copy(tmp_path: Path, kind: str, text: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / kind / "zz-broken.yaml").write_text(text, encoding="utf-8")
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        (
            "events",
            "- slug: bad\n  kind: incident\n  title: X\n  date: November 2015\n"
            "  sources: [{section: '6.1', quote: 'Gevgelija'}]\n",
            "zz-broken.yaml:1: date: 'November 2015' is not a date this system reads",
        ),
        (
            "events",
            "- slug: bad\n  kind: riot\n  title: X\n  date: 2015-11\n"
            "  sources: [{section: '6.1', quote: 'Gevgelija'}]\n",
            "zz-broken.yaml:1: kind: 'riot' is not one of",
        ),
        (
            "events",
            "- slug: bad\n  kind: incident\n  title: X\n  date: 2015-11\n  places: [gevgelja]\n"
            "  sources: [{section: '6.1', quote: 'Gevgelija'}]\n",
            "places[0]: unknown place 'gevgelja' (did you mean gevgelija",
        ),
        (
            "events",
            "- slug: bad\n  kind: incident\n  title: X\n  date: 2015-11\n",
            "zz-broken.yaml:1: sources: every record must cite at least one source",
        ),
        (
            "events",
            "- slug: bad\n  kind: incident\n  title: X\n  date: 2015-11\n"
            "  sources: [{section: '6.1', quote: 'borders were closed by aliens'}]\n",
            "sources[0].quote: not found in the study",
        ),
        (
            "events",
            "- slug: bad\n  kind: incident\n  title: [unclosed\n",
            "zz-broken.yaml:4: YAML syntax, column 1: expected ',' or ']'",
        ),
        (
            "observations",
            "- slug: bad-figure\n  place: mk\n  date: 2015\n  metric: arrivals\n  value: -5\n"
            "  sources: [{section: '2.2', quote: 'Macedonia'}]\n",
            "value: -5 is not a whole number of people",
        ),
        (
            "events",
            "- slug: twice\n  kind: incident\n  kind: meeting\n  title: X\n  date: 2015-11\n"
            "  sources: [{section: '6.1', quote: 'Gevgelija'}]\n",
            "zz-broken.yaml:3: YAML syntax, column 3: the key 'kind' appears twice",
        ),
        (
            "activities",
            "- slug: bad-quantity\n  title: X\n  category: research\n  lead: osce-mission-to-serbia\n"
            "  date: 2015-11\n  quantities: [{name: judges, prosecutors, value: 50}]\n"
            "  sources: [{section: '6.7', quote: 'Latonero'}]\n",
            "quantities[0].prosecutors: unknown field",
        ),
        (
            "events",
            "- slug: a-month-from-nowhere\n  kind: incident\n  title: X\n  date: 2015-11\n"
            "  sources: [{section: '6.1', quote: 'similar visits were made to the northern border'}]\n",
            "zz-broken.yaml:1: date: is dated to month precision ('2015-11'), but no quote of the record",
        ),
        (
            "visits",
            "- slug: a-day-from-nowhere\n  operation: osce-mission-to-skopje\n  start: 2015/2016-05-05\n"
            "  sources: [{section: '6.1', quote: 'similar visits were made to the northern border'}]\n",
            "zz-broken.yaml:1: start: is dated to day precision ('2015/2016-05-05'), but no quote",
        ),
        (
            "focal_points",
            "- slug: a-season-from-nowhere\n  organisation: osce-mission-to-skopje\n  topic: migration\n"
            "  established: spring 2015\n"
            "  sources: [{section: '6.1', quote: 'similar visits were made to the northern border'}]\n",
            "established: is dated to season precision ('spring 2015'), but no quote of the record",
        ),
        (
            "places",
            "- slug: half-placed\n  name: Half\n  kind: camp\n  country: MK\n  lat: 41.1\n"
            "  sources: [{section: '6.1', quote: 'Gevgelija'}]\n",
            "lon: give both coordinates or neither",
        ),
    ],
)
def test_a_bad_file_is_reported_exactly_and_nothing_is_written(
    tmp_path: Path, kind: str, text: str, expected: str
) -> None:
    data = _broken_copy(tmp_path, kind, text)
    before = _snapshot()

    with pytest.raises(CaseStudyInvalid) as error:
        load_case_study(data_dir=data)

    assert any(expected in str(problem) for problem in error.value.problems), error.value
    assert _snapshot() == before


@pytest.mark.django_db
def test_a_duplicate_slug_names_both_places(tmp_path: Path) -> None:
    first = next((DATA_DIR / "events").glob("*.yaml"))
    slug = next(
        line.split(":", 1)[1].strip() for line in first.read_text().splitlines() if line.startswith("- slug:")
    )
    data = _broken_copy(
        tmp_path,
        "events",
        f"- slug: {slug}\n  kind: incident\n  title: X\n  date: 2015-11\n"
        "  sources: [{section: '6.1', quote: 'Gevgelija'}]\n",
    )

    with pytest.raises(CaseStudyInvalid) as error:
        load_case_study(data_dir=data)

    assert any(f"event {slug!r} is already defined at" in str(p) for p in error.value.problems)


@pytest.mark.django_db
def test_a_dry_run_checks_everything_and_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "events" / "zz-new.yaml").write_text(
        "- slug: a-new-event\n  kind: incident\n  title: New\n  date: 2016-03\n"
        "  sources: [{section: '6.1', quote: 'in Gevgelija from March 2016'}]\n",
        encoding="utf-8",
    )
    before = _snapshot()

    report = load_case_study(data_dir=data, dry_run=True)

    assert report.counts.created["timeline.Event"] == 1
    assert _snapshot() == before
