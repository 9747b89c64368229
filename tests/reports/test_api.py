"""The reports API for every kind of caller: request a report (a job), follow it, download its files."""

from __future__ import annotations

import pytest

from corridor.jobs import handlers
from corridor.reports.jobs import JOB_KIND
from corridor.reports.models import ReportRun
from tests.api_fixtures import READERS
from tests.reports.conftest import SECRET, text_of

BODY = {"kind": "regional", "start": "2015-10-01", "end": "2016-03-31", "formats": ["html"]}
SIGNED_IN = [name for name in READERS if name != "anonymous"]


def _request(client, body, capture):  # type: ignore[no-untyped-def]
    with capture(execute=True):
        return client.post("/api/v1/reports", body, content_type="application/json")


def test_the_report_job_kind_is_registered() -> None:
    assert handlers.HANDLERS[JOB_KIND].__name__ == "run_report_job"


@pytest.mark.django_db
def test_an_anonymous_caller_may_not_request_a_report(client_for, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    response = _request(client_for("anonymous"), BODY, django_capture_on_commit_callbacks)

    assert response.status_code == 401
    assert not ReportRun.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("reader", SIGNED_IN)
def test_every_signed_in_caller_gets_a_report_holding_what_they_may_read(  # type: ignore[no-untyped-def]
    reader, client_for, secrets, django_capture_on_commit_callbacks
) -> None:
    client = client_for(reader)
    body = {**BODY, "kind": "mission", "operation": "osce-mission-to-skopje"}

    queued = _request(client, body, django_capture_on_commit_callbacks)

    assert queued.status_code == 202, queued.content
    uid = queued.json()["uid"]
    status = client.get(f"/api/v1/reports/{uid}").json()
    assert status["status"] == "succeeded" and status["progress"] == 1.0
    run = status["run"]
    assert run["reference"].startswith("CRD-MIS-") and run["formats"] == ["html"]
    download = client.get(f"/api/v1/reports/{uid}/download?format=html")
    assert download.status_code == 200
    assert download["Content-Disposition"] == f'attachment; filename="{run["reference"]}-v1.html"'
    text = text_of(download.content, "html")
    assert (SECRET in text) == ("restricted" in READERS[reader])
    assert run["classification"] == ("restricted" if "restricted" in READERS[reader] else "public")


@pytest.mark.django_db
def test_a_format_not_yet_rendered_is_rendered_on_download(
    client_for, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("vienna-analyst")
    uid = _request(client, BODY, django_capture_on_commit_callbacks).json()["uid"]

    response = client.get(f"/api/v1/reports/{uid}/download?format=docx")

    assert response.status_code == 200
    assert response.content.startswith(b"PK")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.django_db
def test_a_run_is_found_by_its_own_uid_too(client_for, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    client = client_for("serbia-editor")
    uid = _request(client, BODY, django_capture_on_commit_callbacks).json()["uid"]
    run_uid = client.get(f"/api/v1/reports/{uid}").json()["run"]["uid"]

    response = client.get(f"/api/v1/reports/{run_uid}")

    assert response.status_code == 200
    assert response.json()["run"]["uid"] == run_uid
    assert client.get(f"/api/v1/reports/{run_uid}/download?format=html").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("other", ["anonymous", "serbia-editor", "unhcr-partner", "skopje-viewer"])
def test_another_callers_restricted_report_answers_404(
    other, client_for, secrets, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    owner = client_for("vienna-analyst")
    uid = _request(owner, BODY, django_capture_on_commit_callbacks).json()["uid"]
    run_uid = owner.get(f"/api/v1/reports/{uid}").json()["run"]["uid"]

    for key in (uid, run_uid):
        assert client_for(other).get(f"/api/v1/reports/{key}").status_code == 404
        assert client_for(other).get(f"/api/v1/reports/{key}/download?format=html").status_code == 404


@pytest.mark.django_db
def test_a_report_still_queued_cannot_be_downloaded_yet(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("vienna-analyst")
    uid = client.post("/api/v1/reports", BODY, content_type="application/json").json()["uid"]

    status = client.get(f"/api/v1/reports/{uid}").json()
    response = client.get(f"/api/v1/reports/{uid}/download?format=html")

    assert status["status"] == "queued" and status["run"] is None
    assert response.status_code == 409


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "weekly"}, "kind"),
        ({"kind": "regional", "start": "2016-03-31", "end": "2015-10-01"}, "end"),
        ({"kind": "mission", "start": "2015-10-01", "end": "2016-03-31", "operation": "nope"}, "operation"),
        ({"kind": "spot", "event": "zz-restricted-incident"}, "event"),
        ({**BODY, "formats": ["odt"]}, "formats"),
    ],
)
def test_a_bad_request_answers_422_naming_the_field(body, field, client_for, secrets) -> None:  # type: ignore[no-untyped-def]
    response = client_for("serbia-editor").post("/api/v1/reports", body, content_type="application/json")

    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["body", field]]


@pytest.mark.django_db
def test_an_unknown_uid_answers_404(client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("superuser").get("/api/v1/reports/00000000-0000-0000-0000-000000000000")

    assert response.status_code == 404
