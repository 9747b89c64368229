"""User names are half a sign-in: no page or API field shows one to anybody but its owner and platform
administrators. The tracker's `linked_by`, a report run's reader and a forecast run's `requested_by` name
the person as `person_label` allows (full name to colleagues, the organisation to others, nothing to
anonymous readers)."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from django.test import Client

from corridor.accounts.choices import Role
from corridor.accounts.models import User
from corridor.actors.models import Organisation
from corridor.basis.services import link_response
from corridor.forecasting.models import ForecastRun
from corridor.knowledge.models import Recommendation
from corridor.operations.models import Activity
from corridor.reports.models import ReportRun
from corridor.reports.rendering import meta_of
from tests.conftest import MakeUser

RECOMMENDATION = "odihr-2016-protect-vulnerable-groups"
USERNAME = "skopje.focal"


@pytest.fixture
def focal(make_user: MakeUser, skopje: Organisation) -> User:
    user = make_user(USERNAME, skopje, Role.FOCAL_POINT)
    user.first_name, user.last_name = "Ana", "Petrovska"
    user.save()
    return user


@pytest.fixture
def linked(focal: User) -> None:
    link_response(
        actor=focal,
        recommendation=Recommendation.objects.get(slug=RECOMMENDATION),
        activity=Activity.objects.get(slug="skopje-frontline-workers-training-2016"),
        note="Trains frontline workers.",
    )


@pytest.fixture
def forecast_run(focal: User, skopje: Organisation) -> ForecastRun:
    return ForecastRun.objects.create(
        uid=uuid.uuid4(),
        kind="scenario",
        model="expected",
        parameters={"close": "mk-rs", "start": "2016-03-09", "days": 28},
        data_cutoff=date(2016, 4, 17),
        places=["fyrom"],
        requested_by=focal,
        owner=skopje,
        input_hash="0" * 64,
        content_classification="public",
        result={},
    )


@pytest.fixture
def report_run(focal: User) -> ReportRun:
    return ReportRun.objects.create(
        uid=uuid.uuid4(),
        kind="regional",
        parameters={"kind": "regional", "reader": USERNAME, "from": "2016-01-01", "to": "2016-01-31"},
        parameters_key="0" * 64,
        data="{}",
        data_hash="0" * 64,
        year=2016,
        sequence=1,
        version=1,
        classification="public",
        content_classification="public",
        issued_on=date(2016, 2, 1),
        created_by=focal,
    )


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def tracker_linked_by(client: Client) -> list[object]:
    body = client.get(f"/api/v1/recommendations/{RECOMMENDATION}/tracker").json()
    return [response["linked_by"] for response in body["responses"] if response["note"]]


def test_anonymous_readers_of_the_tracker_learn_nothing_about_who_linked(linked: None) -> None:
    # Given a response linked by the Skopje focal point
    # When an anonymous reader asks the API and the page
    answer = tracker_linked_by(Client())
    page = Client().get(f"/knowledge/recommendations/{RECOMMENDATION}/").content.decode()

    # Then neither names the user
    assert answer == [None]
    assert USERNAME not in page and "Petrovska" not in page
    assert "Trains frontline workers." in page


def test_a_member_of_another_organisation_sees_the_linker_s_organisation(
    linked: None, outsider: User, skopje: Organisation
) -> None:
    assert tracker_linked_by(signed_in(outsider)) == [f"a member of {skopje}"]
    page = signed_in(outsider).get(f"/knowledge/recommendations/{RECOMMENDATION}/").content.decode()
    assert USERNAME not in page and f"Linked by a member of {skopje}" in page


def test_a_colleague_sees_the_linker_s_full_name(
    linked: None, make_user: MakeUser, skopje: Organisation
) -> None:
    colleague = make_user("skopje.viewer", skopje, Role.VIEWER)

    assert tracker_linked_by(signed_in(colleague)) == ["Ana Petrovska"]


def test_the_linker_and_administrators_see_the_user_name(
    linked: None, focal: User, make_user: MakeUser
) -> None:
    admin = make_user("admin", superuser=True)

    assert tracker_linked_by(signed_in(focal)) == ["Ana Petrovska (skopje.focal)"]
    assert tracker_linked_by(signed_in(admin)) == ["Ana Petrovska (skopje.focal)"]


def test_anonymous_readers_of_a_public_report_run_do_not_learn_its_reader(report_run: ReportRun) -> None:
    body = Client().get(f"/api/v1/reports/{report_run.uid}").json()

    assert body["run"]["parameters"]["reader"] is None
    assert USERNAME not in str(body)


def test_another_organisation_s_member_sees_a_report_run_s_reader_as_an_organisation(
    report_run: ReportRun, outsider: User, skopje: Organisation
) -> None:
    body = signed_in(outsider).get(f"/api/v1/reports/{report_run.uid}").json()

    assert body["run"]["parameters"]["reader"] == f"a member of {skopje}"


def test_a_report_file_does_not_print_its_reader_s_user_name(report_run: ReportRun) -> None:
    meta = meta_of(report_run)

    assert USERNAME not in meta.prepared_for
    assert USERNAME not in str(meta.parameters)
    assert meta.prepared_for == "a signed-in reader"


def test_anonymous_readers_of_forecast_runs_do_not_learn_who_requested_them(
    forecast_run: ForecastRun,
) -> None:
    listed = Client().get("/api/v1/forecasting/runs").json()["items"]
    one = Client().get(f"/api/v1/forecasting/runs/{forecast_run.uid}").json()

    assert [run["requested_by"] for run in listed if run["uid"] == str(forecast_run.uid)] == [None]
    assert one["requested_by"] is None


def test_others_see_a_forecast_run_s_requester_as_an_organisation_and_pages_agree(
    forecast_run: ForecastRun, outsider: User, skopje: Organisation
) -> None:
    client = signed_in(outsider)

    one = client.get(f"/api/v1/forecasting/runs/{forecast_run.uid}").json()
    page = client.get("/scenarios/").content.decode()

    assert one["requested_by"] == f"a member of {skopje}"
    assert USERNAME not in page
    assert f"a member of {skopje}" in page
