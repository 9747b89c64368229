"""A record's history on its page: who changed what and when, with the values; restoring an earlier version
saves it as a new one."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from corridor.core.dates import DateSpan
from corridor.geo.models import Place
from corridor.monitoring.models import MonitoringVisit
from corridor.monitoring.services import FindingInput, log_visit, update_visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(skopje_focal_point, skopje):  # type: ignore[no-untyped-def]
    recorded = log_visit(
        actor=skopje_focal_point,
        operation=skopje,
        places=[Place.objects.get(slug="gevgelija")],
        span=DateSpan.on(date(2016, 3, 9)),
        team="PDU 1",
        findings=[FindingInput("staffing", "serious", "Two officers")],
        classification="internal",
    )
    finding = recorded.findings.get()
    return update_visit(
        actor=skopje_focal_point,
        visit=recorded,
        expected_version=1,
        team="PDU 1 and 2",
        findings=[FindingInput("staffing", "critical", "Two officers", uid=str(finding.uid))],
    )


def test_the_visit_page_shows_who_changed_what_and_when(visit, skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(skopje_focal_point)

    page = client.get(f"/visits/{visit.slug}/").content.decode()

    assert "<strong>Version 2</strong>" in page and "<strong>Version 1</strong>" in page
    assert '<th scope="row">Team</th><td>PDU 1</td><td>PDU 1 and 2</td>' in page
    history = page[page.index("history-heading") :]
    assert "Staffing, Serious concern: Two officers" in history
    assert "Staffing, Critical: Two officers" in history
    assert "skopje.focal" in history
    assert f"/visits/{visit.slug}/versions/1/restore/" in page


def test_restoring_an_earlier_version_saves_it_as_a_new_one(visit, skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(skopje_focal_point)
    finding_uid = visit.findings.get().uid

    preview = client.get(f"/visits/{visit.slug}/versions/1/restore/").content.decode()
    response = client.post(f"/visits/{visit.slug}/versions/1/restore/")

    restored = MonitoringVisit.objects.get(pk=visit.pk)
    finding = restored.findings.get()
    assert "PDU 1 and 2" in preview and response.status_code == 302
    assert (restored.version, restored.team) == (3, "PDU 1")
    assert (finding.concern, finding.uid) == ("serious", finding_uid)
    assert "<strong>Version 3</strong>" in client.get(f"/visits/{visit.slug}/").content.decode()


def test_a_reader_who_may_not_change_the_visit_sees_no_restore_and_is_refused(  # type: ignore[no-untyped-def]
    visit, make_user, serbia
) -> None:
    from corridor.accounts.choices import Role

    reader = Client()
    reader.force_login(make_user("serbia.editor.history", serbia, Role.EDITOR))

    page = reader.get(f"/visits/{visit.slug}/").content.decode()
    refused = reader.post(f"/visits/{visit.slug}/versions/1/restore/")

    assert "<strong>Version 2</strong>" in page and "Restore this version" not in page
    history = page[page.index("history-heading") :]
    assert "skopje.focal" not in history, history[:2000]
    assert "a member of Mission to Skopje" in history
    assert refused.status_code == 403
    assert MonitoringVisit.objects.get(pk=visit.pk).version == 2
