"""A report holds only what its reader may read: a restricted event, activity or visit never appears in
the HTML, PDF or Word built for an uncleared reader, and does for a cleared analyst."""

from __future__ import annotations

import pytest

from corridor.accounts.choices import Role
from corridor.reports.requests import ReportRequest
from corridor.reports.selectors import report_runs_visible_to
from corridor.reports.services import generate_report
from tests.reports.conftest import PERIOD, SECRET, text_of

REGIONAL = ReportRequest(kind="regional", start=PERIOD.start, end=PERIOD.end)
MISSION = ReportRequest(
    kind="mission", operation="osce-mission-to-skopje", start=PERIOD.start, end=PERIOD.end
)
UPDATE = ReportRequest(kind="update", operation="osce-mission-to-skopje", start=PERIOD.start, end=PERIOD.end)


@pytest.fixture
def readers(make_user, skopje, serbia, cpc, unhcr, vienna_analyst):  # type: ignore[no-untyped-def]
    return {
        "anonymous": None,
        "partner": make_user("unhcr.reader", unhcr, Role.EDITOR),
        "serbia-editor": make_user("serbia.reader", serbia, Role.EDITOR),
        "internal-analyst": make_user("internal.analyst", cpc, Role.ANALYST, "internal"),
        "vienna-analyst": vienna_analyst,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("output_format", ["html", "pdf", "docx"])
def test_a_restricted_record_never_reaches_an_uncleared_readers_report(
    secrets, readers, output_format
) -> None:  # type: ignore[no-untyped-def]
    run = generate_report(request=REGIONAL, reader=readers["internal-analyst"], formats=[output_format])

    text = text_of(bytes(run.outputs.get(format=output_format).content), output_format)
    assert "Regional situation report" in text
    assert SECRET not in text
    assert run.content_classification != "restricted"
    keys = {ref["key"] for ref in __import__("json").loads(run.data)["refs"]}
    assert not keys & {str(record.uid) for record in secrets.values()}


@pytest.mark.django_db
@pytest.mark.parametrize("output_format", ["html", "pdf", "docx"])
def test_a_cleared_analysts_report_holds_the_restricted_records_and_is_marked_so(
    secrets, readers, output_format
) -> None:  # type: ignore[no-untyped-def]
    run = generate_report(request=MISSION, reader=readers["vienna-analyst"], formats=[output_format])

    text = text_of(bytes(run.outputs.get(format=output_format).content), output_format)
    assert f"{SECRET} incident at the border" in text
    assert f"{SECRET} activity with the border police" in text
    assert run.classification == run.content_classification == "restricted"
    assert "RESTRICTED" in text


@pytest.mark.django_db
@pytest.mark.parametrize("reader", ["anonymous", "partner", "serbia-editor", "internal-analyst"])
@pytest.mark.parametrize("request_", [REGIONAL, MISSION, UPDATE], ids=["regional", "mission", "update"])
def test_no_report_kind_built_for_an_uncleared_reader_mentions_the_secrets(
    secrets, readers, reader, request_
) -> None:  # type: ignore[no-untyped-def]
    run = generate_report(request=request_, reader=readers[reader], formats=["html"])

    assert SECRET not in text_of(bytes(run.outputs.get(format="html").content), "html")
    assert SECRET not in run.data


@pytest.mark.django_db
def test_the_restricted_visit_appears_in_the_update_for_the_owning_mission(
    secrets, skopje_focal_point
) -> None:  # type: ignore[no-untyped-def]
    run = generate_report(request=UPDATE, reader=skopje_focal_point, formats=["html"])

    text = text_of(bytes(run.outputs.get(format="html").content), "html")
    assert f"{SECRET} visit purpose" in text
    assert run.classification == "restricted"


@pytest.mark.django_db
def test_a_restricted_run_is_readable_only_by_its_reader_and_cleared_analysts(
    secrets, readers, make_user, cpc
) -> None:  # type: ignore[no-untyped-def]
    run = generate_report(request=MISSION, reader=readers["vienna-analyst"], formats=["html"])
    other_analyst = make_user("another.analyst", cpc, Role.ANALYST, "restricted")
    cpc_viewer = make_user("cpc.viewer", cpc, Role.VIEWER)

    assert report_runs_visible_to(readers["vienna-analyst"]).filter(pk=run.pk).exists()
    assert report_runs_visible_to(other_analyst).filter(pk=run.pk).exists()
    for name in ("anonymous", "partner", "serbia-editor", "internal-analyst"):
        assert not report_runs_visible_to(readers[name]).filter(pk=run.pk).exists(), name
    assert not report_runs_visible_to(cpc_viewer).filter(pk=run.pk).exists()


@pytest.mark.django_db
def test_a_public_run_is_readable_by_anyone(readers) -> None:  # type: ignore[no-untyped-def]
    run = generate_report(request=REGIONAL, reader=None, formats=["html"])

    assert run.classification == "public"
    for reader in readers.values():
        assert report_runs_visible_to(reader).filter(pk=run.pk).exists()
