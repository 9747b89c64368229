"""Runs are reproducible: the same parameters on unchanged data give the same run and the same bytes;
changed data give the next version of the same reference; new parameters a new reference."""

from __future__ import annotations

from datetime import date

import pytest

from corridor.core.exceptions import ValidationFailed
from corridor.monitoring.models import FlowObservation
from corridor.reports.builders import build
from corridor.reports.canonical import data_hash
from corridor.reports.models import ReportRun
from corridor.reports.rendering import document_of
from corridor.reports.requests import ReportRequest
from corridor.reports.services import ensure_output, generate_report
from tests.reports.conftest import PERIOD

REGIONAL = ReportRequest(kind="regional", start=PERIOD.start, end=PERIOD.end)


@pytest.mark.django_db
def test_the_same_parameters_on_unchanged_data_give_the_same_run_and_bytes(arrivals) -> None:  # type: ignore[no-untyped-def]
    first = generate_report(request=REGIONAL, reader=None, formats=["pdf", "docx"])
    first_files = {o.format: bytes(o.content) for o in first.outputs.all()}

    again = generate_report(request=REGIONAL, reader=None, formats=["pdf", "docx"])

    assert (again.pk, again.reference, again.version, again.data_hash) == (
        first.pk,
        first.reference,
        first.version,
        first.data_hash,
    )
    assert {o.format: bytes(o.content) for o in again.outputs.all()} == first_files
    assert ReportRun.objects.count() == 1


@pytest.mark.django_db
def test_a_file_rendered_again_from_the_stored_data_is_byte_identical(arrivals) -> None:  # type: ignore[no-untyped-def]
    run = generate_report(request=REGIONAL, reader=None, formats=["pdf", "docx", "html"])
    before = {o.format: bytes(o.content) for o in run.outputs.all()}
    run.outputs.all().delete()

    after = {fmt: bytes(ensure_output(run, fmt).content) for fmt in ("pdf", "docx", "html")}

    assert after == before


@pytest.mark.django_db
def test_the_hash_is_of_the_data_alone_not_of_when_it_was_made(arrivals) -> None:  # type: ignore[no-untyped-def]
    run = generate_report(request=REGIONAL, reader=None, formats=["html"])

    assert run.data_hash == data_hash(build(REGIONAL, None))
    assert str(run.issued_on) not in run.data
    assert run.reference not in run.data


@pytest.mark.django_db
def test_changed_data_give_version_2_of_the_same_reference(arrivals) -> None:  # type: ignore[no-untyped-def]
    first = generate_report(request=REGIONAL, reader=None, formats=["html"])
    FlowObservation.objects.filter(place__slug="mk", date_start=date(2016, 1, 1)).update(value=99_999)

    second = generate_report(request=REGIONAL, reader=None, formats=["html"])

    assert second.pk != first.pk
    assert (second.reference, second.version) == (first.reference, 2)
    assert second.data_hash != first.data_hash
    assert b"99,999" in bytes(second.outputs.get(format="html").content)
    assert b"99,999" not in bytes(first.outputs.get(format="html").content)


@pytest.mark.django_db
def test_references_are_numbered_per_kind_and_year(arrivals) -> None:  # type: ignore[no-untyped-def]
    first = generate_report(request=REGIONAL, reader=None, formats=["html"])
    other_period = ReportRequest(kind="regional", start=date(2015, 11, 1), end=date(2015, 11, 30))
    second = generate_report(request=other_period, reader=None, formats=["html"])
    spot = generate_report(
        request=ReportRequest(kind="spot", event="joint-visit-presevo-tabanovce-2015-11"),
        reader=None,
        formats=["html"],
    )

    year = first.issued_on.year
    assert first.reference == f"CRD-REG-{year}-0001"
    assert second.reference == f"CRD-REG-{year}-0002"
    assert spot.reference == f"CRD-SPT-{year}-0001"


@pytest.mark.django_db
def test_the_run_keeps_its_parameters_and_reader(vienna_analyst) -> None:  # type: ignore[no-untyped-def]
    request = ReportRequest(
        kind="mission",
        operation="osce-mission-to-serbia",
        start=PERIOD.start,
        end=PERIOD.end,
        distribution=("CPC", "Chairmanship"),
    )
    run = generate_report(request=request, reader=vienna_analyst, formats=["html"])

    assert run.parameters == {
        "kind": "mission",
        "reader": "vienna.analyst",
        "from": "2015-10-01",
        "to": "2016-03-31",
        "operation": "osce-mission-to-serbia",
        "classification": "",
        "distribution": ["CPC", "Chairmanship"],
    }
    assert run.created_by == vienna_analyst
    assert run.distribution == ["CPC", "Chairmanship"]


@pytest.mark.django_db
def test_the_marking_is_the_one_asked_for_but_never_below_the_content(secrets, vienna_analyst) -> None:  # type: ignore[no-untyped-def]
    lower = ReportRequest(kind="regional", start=PERIOD.start, end=PERIOD.end, classification="public")
    higher = ReportRequest(kind="regional", start=PERIOD.start, end=PERIOD.end, classification="restricted")

    assert (
        generate_report(request=lower, reader=vienna_analyst, formats=["html"]).classification == "restricted"
    )
    assert generate_report(request=higher, reader=None, formats=["html"]).classification == "restricted"
    assert generate_report(request=REGIONAL, reader=None, formats=["html"]).classification == "public"


@pytest.mark.django_db
def test_the_document_read_back_from_a_run_has_every_section() -> None:
    run = generate_report(request=REGIONAL, reader=None, formats=["html"])

    titles = [section.title for section in document_of(run).sections]
    assert titles == [
        "Summary",
        "Flows along the route",
        "Engagement of the field operations",
        "Timeline highlights",
        "Cross-border and joint activities",
        "Gaps and open recommendations",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("request_", "errors"),
    [
        (ReportRequest(kind="weekly"), {"kind"}),
        (ReportRequest(kind="regional"), {"start", "end"}),
        (ReportRequest(kind="regional", start=date(2016, 3, 1), end=date(2016, 2, 1)), {"end"}),
        (ReportRequest(kind="mission", start=date(2016, 1, 1), end=date(2016, 2, 1)), {"operation"}),
        (
            ReportRequest(kind="mission", operation="unhcr", start=date(2016, 1, 1), end=date(2016, 2, 1)),
            {"operation"},
        ),
        (ReportRequest(kind="spot", event="no-such-event", window_days=0), {"event", "window_days"}),
        (
            ReportRequest(
                kind="regional", start=date(2016, 1, 1), end=date(2016, 2, 1), classification="secret"
            ),
            {"classification"},
        ),
    ],
)
def test_a_bad_request_is_refused_naming_each_field(request_, errors) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as refused:
        generate_report(request=request_, reader=None)

    assert set(refused.value.errors) == errors
    assert not ReportRun.objects.exists()


@pytest.mark.django_db
def test_a_hidden_event_is_refused_like_a_missing_one(secrets) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as refused:
        generate_report(request=ReportRequest(kind="spot", event="zz-restricted-incident"), reader=None)

    assert refused.value.errors == {"event": ["no event 'zz-restricted-incident'"]}
