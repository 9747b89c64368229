"""A job's page and the job list say what came of each kind of job in words, and offer what it produced.

Every job here really runs (inside the test, as `JOBS_SYNC` runs them), so the words are those of the
results the handlers return. None of the pages may show a field name, a Python value or a bare run id.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from corridor.exchange.jobs import IMPORT_JOB, import_job_params
from corridor.forecasting.jobs import FORECAST_JOB, SCENARIO_JOB, forecast_job_params, scenario_job_params
from corridor.forecasting.models import ForecastRun
from corridor.forecasting.scenarios import ScenarioRequest
from corridor.jobs.models import Job
from corridor.jobs.services import submit_job
from corridor.monitoring.models import FlowObservation
from corridor.reports.jobs import submit_report
from corridor.reports.requests import ReportRequest
from tests.forecasting.flows import load_route_flows
from tests.reports.conftest import PERIOD

pytestmark = pytest.mark.django_db

HEADER = "date,place,metric,value,source_organisation,uid,place_name"
GOOD = [
    "2016-03-09,gevgelija,arrivals,120,unhcr,a1,Gevgelija",
    "2016-03-10,gevgelija,arrivals,130,unhcr,a2,Gevgelija",
]
BAD = [
    "2016-03-11,gevgelija,arrivals,-4,unhcr,a3,Gevgelija",
    "2016-03-12,nowhere,arrivals,10,unhcr,a4,Nowhere",
]
INTERNAL_NAMES = [
    "dry_run",
    "ignored_columns",
    "rows_read",
    "error_count",
    "refused_rows",
    "data_cutoff",
    "diverted_total",
    "traceback",
    "summary",
    "None",
    "True",
    "False",
    "exchange.import",
    "reports.generate",
    "forecasting.forecast",
    "forecasting.scenario",
    "all_or_nothing",
    "valid_rows_only",
    "ValueError",
    "FileNotFoundError",
]
UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")


def visible_text(page: str) -> str:
    """What a reader sees of the page's main part: its text, without tags, attributes or addresses."""
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main.split(">", 1)[1])))


def links_of(page: str) -> dict[str, str]:
    """The page's links: their words → their addresses."""
    return {
        html.unescape(re.sub(r"<[^>]+>", "", label).strip()): html.unescape(address)
        for address, label in re.findall(r'<a href="([^"]+)">(.*?)</a>', page, re.S)
    }


def assert_in_words(page: str) -> None:
    text = visible_text(page)
    for name in INTERNAL_NAMES:
        assert not re.search(rf"\b{re.escape(name)}\b", text), f"{name!r} shown: {text}"
    assert not UUID.search(text), f"a bare id shown: {text}"
    assert "[]" not in text and "{" not in text


@pytest.fixture
def client_of() -> Callable[..., Client]:
    def signed_in(user: object) -> Client:
        client = Client()
        client.force_login(user)  # type: ignore[arg-type]
        return client

    return signed_in


@pytest.fixture
def upload(skopje_focal_point, client_of, django_capture_on_commit_callbacks) -> Callable[..., Job]:  # type: ignore[no-untyped-def]
    """Upload rows as the Skopje focal point does on the exchange page; the job it ran."""
    focal = client_of(skopje_focal_point)

    def post(rows: list[str], *, mode: str = "all_or_nothing", dry_run: bool = False) -> Job:
        content = "\n".join([HEADER, *rows]) + "\n"
        form = {
            "file": SimpleUploadedFile("counts.csv", content.encode(), content_type="text/csv"),
            "kind": "observations",
            "mode": mode,
        }
        if dry_run:
            form["dry_run"] = "on"
        with django_capture_on_commit_callbacks(execute=True):
            response = focal.post("/exchange/", form)
        assert response.status_code == 302, response.content.decode()[:2000]
        return Job.objects.get(uid=response["Location"].split("/")[2])

    return post


def job_page(client: Client, job: Job) -> str:
    return client.get(f"/jobs/{job.uid}/").content.decode()


def list_row(client: Client, job: Job) -> str:
    page = client.get("/jobs/").content.decode()
    rows = [row for row in page.split("<tr>") if f"/jobs/{job.uid}/" in row]
    assert len(rows) == 1, page
    return "<main>" + rows[0] + "</main>"


def test_an_import_that_wrote_its_rows_says_how_many_were_new_and_revised(
    upload, skopje_focal_point, client_of
) -> None:  # type: ignore[no-untyped-def]
    upload(GOOD)
    changed = [
        "2016-03-09,gevgelija,arrivals,120,unhcr,a1,Gevgelija",
        "2016-03-10,gevgelija,arrivals,135,unhcr,a2,Gevgelija",
    ]

    job = upload([*changed, "2016-03-13,gevgelija,arrivals,90,unhcr,a5,Gevgelija"])

    focal = client_of(skopje_focal_point)
    page, row = job_page(focal, job), list_row(focal, job)
    headline = "Imported: 3 rows, 2 written (1 new, 1 revised), 1 unchanged"
    assert job.status == "succeeded"
    assert headline in page and headline in row
    assert "counts.csv — flow observations" in page and "counts.csv — flow observations" in row
    assert "Columns not read: uid, place_name." in page
    assert "error report" not in page
    assert "<td>Import</td>" in row
    assert_in_words(page)
    assert_in_words(row)


def test_a_file_with_errors_imported_all_or_nothing_is_refused_and_writes_nothing(
    upload, skopje_focal_point, client_of
) -> None:  # type: ignore[no-untyped-def]
    before = FlowObservation.objects.count()

    job = upload([*GOOD, *BAD])

    focal = client_of(skopje_focal_point)
    page, row = job_page(focal, job), list_row(focal, job)
    assert job.status == "refused"
    assert FlowObservation.objects.count() == before
    assert "Refused: 2 errors, nothing written" in page and "Refused: 2 errors, nothing written" in row
    assert "All or nothing: a file is written only when every row is valid." in page
    assert links_of(page)["Download the error report (CSV)"] == f"/exchange/{job.uid}/errors.csv"
    assert links_of(row)["Download the error report (CSV)"] == f"/exchange/{job.uid}/errors.csv"
    assert "<td>-4</td>" in page
    assert_in_words(page)
    assert_in_words(row)


def test_an_import_of_valid_rows_only_writes_them_and_counts_the_rows_refused(
    upload, skopje_focal_point, client_of
) -> None:  # type: ignore[no-untyped-def]
    job = upload([*GOOD, *BAD], mode="valid_rows_only")

    page = job_page(client_of(skopje_focal_point), job)
    assert job.status == "succeeded"
    assert "Imported: 4 rows, 2 written (2 new), 2 refused with errors" in page
    assert "Download the error report (CSV)" in links_of(page)
    assert_in_words(page)


def test_a_check_without_errors_says_what_would_be_written_and_that_nothing_was(
    upload, skopje_focal_point, client_of
) -> None:  # type: ignore[no-untyped-def]
    before = FlowObservation.objects.count()

    job = upload(GOOD, dry_run=True)

    focal = client_of(skopje_focal_point)
    page, row = job_page(focal, job), list_row(focal, job)
    assert job.status == "succeeded"
    assert FlowObservation.objects.count() == before
    headline = "Checked (dry run): 2 rows would be written, nothing written"
    assert headline in page and headline in row
    assert "error report" not in page
    assert_in_words(page)
    assert_in_words(row)


def test_a_check_that_found_errors_is_no_success(upload, skopje_focal_point, client_of) -> None:  # type: ignore[no-untyped-def]
    job = upload([*GOOD, *BAD], dry_run=True)

    focal = client_of(skopje_focal_point)
    page, row = job_page(focal, job), list_row(focal, job)
    assert job.status == "refused"
    assert "Checked: 2 errors" in page and "Checked: 2 errors" in row
    assert "Succeeded" not in page and "Succeeded" not in row
    assert "The file would be refused: it is written only when every row is valid." in page
    assert "Nothing was written: this was a check." in page
    assert "Download the error report (CSV)" in links_of(page)
    assert_in_words(page)


def test_a_report_job_links_to_the_reports_and_offers_each_format_it_rendered(
    vienna_analyst, client_of, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    request = ReportRequest(kind="regional", start=PERIOD.start, end=PERIOD.end)
    with django_capture_on_commit_callbacks(execute=True):
        job = submit_report(request=request, reader=vienna_analyst, formats=["html", "pdf", "docx"])
    job.refresh_from_db()

    analyst = client_of(vienna_analyst)
    page, row = job_page(analyst, job), list_row(analyst, job)
    run = job.result["run"]
    assert job.status == "succeeded"
    assert "Report ready" in page and "Report ready" in row
    assert f"Regional situation report {job.result['reference']}, version 1" in page
    offered = links_of(page)
    assert offered["Open Reports"] == "/reports/"
    assert offered["Download HTML (interactive, works offline)"] == f"/reports/{run}/html/"
    assert offered["Download PDF"] == f"/reports/{run}/pdf/"
    assert offered["Download Word"] == f"/reports/{run}/docx/"
    assert analyst.get(offered["Download Word"]).status_code == 200
    assert "<td>Report</td>" in row
    assert_in_words(page)
    assert_in_words(row)


def test_a_forecast_job_links_to_the_place_it_forecast_and_to_its_run(
    vienna_analyst, client_of, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    load_route_flows()
    with django_capture_on_commit_callbacks(execute=True):
        job = submit_job(
            kind=FORECAST_JOB,
            params=forecast_job_params(reader=vienna_analyst, place="mk"),
            submitted_by=vienna_analyst,
        )
    job.refresh_from_db()

    analyst = client_of(vienna_analyst)
    page, row = job_page(analyst, job), list_row(analyst, job)
    run = ForecastRun.objects.get(job=job)
    assert job.status == "succeeded"
    assert "Forecast ready" in page and "Forecast ready" in row
    assert "Arrivals in North Macedonia, 14 days ahead" in page
    assert f"From the daily counts up to {run.data_cutoff:%-d %B %Y}." in page
    offered = links_of(page)
    assert offered["Open the place's page, where it is drawn"] == "/places/mk/"
    assert offered["Download it as data (JSON)"] == f"/api/v1/forecasting/runs/{run.uid}"
    assert analyst.get(offered["Download it as data (JSON)"]).json()["uid"] == str(run.uid)
    assert "<td>Forecast</td>" in row
    assert_in_words(page)
    assert_in_words(row)


def test_a_scenario_job_links_to_the_scenario_it_ran(
    skopje_focal_point, client_of, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    load_route_flows()
    from datetime import date

    asked = ScenarioRequest("mk-rs", date(2016, 3, 9), 7, agents=True)
    with django_capture_on_commit_callbacks(execute=True):
        job = submit_job(
            kind=SCENARIO_JOB,
            params=scenario_job_params(reader=skopje_focal_point, request=asked),
            submitted_by=skopje_focal_point,
        )
    job.refresh_from_db()

    focal = client_of(skopje_focal_point)
    page, row = job_page(focal, job), list_row(focal, job)
    run = ForecastRun.objects.get(job=job)
    assert "Scenario ready" in page and "Scenario ready" in row
    assert "Closing MK–RS border: Tabanovce → Preševo from 9 March 2016 for 7 days" in page
    assert links_of(page)["Open the scenario"] == f"/scenarios/{run.uid}/"
    assert "<td>Scenario</td>" in row
    assert_in_words(page)
    assert_in_words(row)


def test_a_job_that_failed_says_why_in_plain_words_and_that_nothing_was_written(
    skopje_focal_point, client_of, django_capture_on_commit_callbacks, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    params = import_job_params(path=tmp_path / "gone.csv", file_name="counts.csv", kind="observations")
    with django_capture_on_commit_callbacks(execute=True):
        job = submit_job(kind=IMPORT_JOB, params=params, submitted_by=skopje_focal_point)
    job.refresh_from_db()

    focal = client_of(skopje_focal_point)
    page, row = job_page(focal, job), list_row(focal, job)
    words = (
        "Failed: an unexpected error stopped it (the details are logged for the administrators); "
        "nothing was written"
    )
    assert job.status == "failed" and job.error.startswith("FileNotFoundError")
    assert words in page and words in row
    assert_in_words(page)
    assert_in_words(row)


def test_a_job_refused_by_a_rule_while_it_ran_says_the_rule(
    vienna_analyst, client_of, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    load_route_flows()
    with django_capture_on_commit_callbacks(execute=True):
        job = submit_job(
            kind=FORECAST_JOB,
            params=forecast_job_params(reader=vienna_analyst, place="mk"),
            submitted_by=vienna_analyst,
        )
        FlowObservation.objects.all().delete()  # the counts are gone by the time the job runs
    job.refresh_from_db()

    page = job_page(client_of(vienna_analyst), job)
    assert job.status == "failed"
    assert (
        "Failed: place: you can see no daily counts on Western Balkans route, 2015–16 to forecast from; "
        "nothing was written" in page
    )
    assert_in_words(page)


def test_a_running_job_is_polled_until_it_ends_and_then_no_longer(
    upload, skopje_focal_point, client_of
) -> None:  # type: ignore[no-untyped-def]
    job = upload(GOOD)
    focal = client_of(skopje_focal_point)
    Job.objects.filter(pk=job.pk).update(status="running", progress=0.4, message="checked 40,000 rows")

    polled = focal.get(f"/jobs/{job.uid}/", HTTP_HX_REQUEST="true").content.decode()
    Job.objects.filter(pk=job.pk).update(status="succeeded", progress=1.0, message="done")
    ended = focal.get(f"/jobs/{job.uid}/", HTTP_HX_REQUEST="true").content.decode()

    assert polled.startswith('<div id="job-status"') and 'hx-trigger="every 2s"' in polled
    assert "Running" in polled and "checked 40,000 rows" in polled
    assert ended.startswith('<div id="job-status"') and "hx-trigger" not in ended
    assert "Imported: 2 rows, 2 written (2 new)" in ended


def test_the_job_list_takes_as_many_queries_for_many_jobs_as_for_one(
    upload, skopje_focal_point, client_of
) -> None:  # type: ignore[no-untyped-def]
    focal = client_of(skopje_focal_point)
    upload(GOOD)
    with CaptureQueriesContext(connection) as one:
        focal.get("/jobs/")
    for _ in range(3):
        upload(BAD)
        upload(GOOD, dry_run=True)

    with CaptureQueriesContext(connection) as seven:
        page = focal.get("/jobs/").content.decode()

    assert page.count("/jobs/") >= 7
    assert len(seven) == len(one)


def test_a_colleague_never_sees_a_job_that_read_what_only_its_submitter_may(
    vienna_analyst, skopje_focal_point, client_of, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    load_route_flows(classification="restricted")
    with django_capture_on_commit_callbacks(execute=True):
        job = submit_job(
            kind=FORECAST_JOB,
            params=forecast_job_params(reader=vienna_analyst, place="mk"),
            submitted_by=vienna_analyst,
        )
    run = ForecastRun.objects.get(job=job)
    colleague = client_of(skopje_focal_point)

    assert run.content_classification == "restricted"
    assert client_of(vienna_analyst).get(f"/jobs/{job.uid}/").status_code == 200
    assert colleague.get(f"/jobs/{job.uid}/").status_code == 404
    assert colleague.get(f"/jobs/{job.uid}/", HTTP_HX_REQUEST="true").status_code == 404
    assert str(job.uid) not in colleague.get("/jobs/").content.decode()
    assert colleague.get(f"/api/v1/forecasting/runs/{run.uid}").status_code == 404


def test_a_colleague_never_gets_the_error_report_of_someone_elses_import(
    upload, make_user, skopje, client_of
) -> None:  # type: ignore[no-untyped-def]
    job = upload([*GOOD, *BAD])
    colleague = client_of(make_user("skopje.colleague", skopje, "focal_point"))

    assert colleague.get(f"/jobs/{job.uid}/").status_code == 404
    assert colleague.get(f"/exchange/{job.uid}/errors.csv").status_code == 404
