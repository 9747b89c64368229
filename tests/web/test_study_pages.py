"""The pages show what the study says of a field operation (engagement, notes, sources, undated focal
points) and the annex interviews, each with a list and a page of its own."""

from __future__ import annotations

import pytest
from django.test import Client

from corridor.actors.models import Interview, Organisation
from corridor.core.choices import Classification

pytestmark = pytest.mark.django_db


def test_an_operation_page_shows_its_engagement_notes_sources_and_interviews() -> None:
    page = Client().get("/operations/osce-mission-to-serbia/").content.decode()

    assert "on the frontline" in page
    assert "Sources" in page and "OSCE Mission to Serbia, 5 May 2016" in page
    interview = Interview.objects.get(organisation__slug="osce-mission-to-serbia")
    assert f"/interviews/{interview.uid}/" in page


def test_a_focal_point_the_study_leaves_undated_reads_undated() -> None:
    page = Client().get("/operations/osce-mission-to-skopje/").content.decode()

    assert "Focal point for migration, undated" in page
    assert "since 2015" not in page


def test_the_study_interviews_have_a_list_and_a_page_each() -> None:
    listing = Client().get("/interviews/").content.decode()
    interview = Interview.objects.get(organisation__slug="osce-mission-to-serbia")
    page = Client().get(f"/interviews/{interview.uid}/").content.decode()

    assert listing.count("/interviews/") >= 6
    assert "National Legal Adviser / Focal Point for Trafficking in Human Beings" in page
    assert "5 May 2016" in page


def test_an_interview_at_an_organisation_the_reader_may_not_read_is_not_found(skopje: Organisation) -> None:
    hidden = Organisation.objects.create(
        slug="hidden-body",
        name="Hidden body",
        kind="ngo",
        classification=Classification.INTERNAL,
        owner=skopje,
    )
    interview = Interview.objects.create(
        organisation=hidden,
        positions=["Head"],
        date_start="2016-05-05",
        date_end="2016-05-05",
        date_precision="day",
    )

    assert Client().get(f"/interviews/{interview.uid}/").status_code == 404
    assert str(interview.uid) not in Client().get("/interviews/").content.decode()


def test_undated_documents_are_listed_after_every_dated_one(skopje: Organisation) -> None:
    from corridor.knowledge.models import Document

    Document.objects.create(slug="an-undated-note", title="An undated note", kind="other", owner=skopje)

    dates = list(Document.objects.values_list("date_start", flat=True))

    assert dates[-1] is None
    assert all(day is None for day in dates[dates.index(None) :])
