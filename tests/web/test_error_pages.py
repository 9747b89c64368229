"""Corridor's own error pages: 404 for what is missing or hidden (alike, also with DEBUG on), 403 saying why
and whom to ask, 500 without a trace of the code."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from corridor.accounts.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted_event(make_event, skopje):  # type: ignore[no-untyped-def]
    return make_event(skopje, "restricted", slug="zz-hidden-event", title="ZZ hidden incident")


@pytest.mark.parametrize("debug", [False, True])
def test_a_hidden_record_and_a_missing_one_get_the_same_page_of_our_own(  # type: ignore[no-untyped-def]
    settings, restricted_event, debug
) -> None:
    settings.DEBUG = debug
    client = Client()

    hidden = client.get("/events/zz-hidden-event/")
    missing = client.get("/events/zz-no-such-event/")
    nowhere = client.get("/no/such/address/")

    for response in (hidden, missing, nowhere):
        page = response.content.decode()
        assert response.status_code == 404
        assert "Nothing here" in page and "none you may read" in page
        assert "URLconf" not in page and "Traceback" not in page
    assert _page(hidden, "zz-hidden-event") == _page(missing, "zz-no-such-event")


def _page(response, slug: str) -> str:  # type: ignore[no-untyped-def]
    """The page without what differs anyway: the address itself, and the form token."""
    page = response.content.decode().replace(slug, "")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_an_api_address_keeps_its_json_answer(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = True

    response = Client().get("/api/v1/events/zz-no-such-event")

    assert response.status_code == 404 and response.json() == {"detail": "Not found."}


def test_a_reader_who_may_not_edit_gets_a_page_saying_why_and_whom_to_ask(make_user, serbia) -> None:  # type: ignore[no-untyped-def]
    from corridor.timeline.models import Event

    event = Event.objects.filter(classification="public", visit__isnull=True, meeting__isnull=True).first()
    reader = Client()
    reader.force_login(make_user("serbia.viewer", serbia, Role.VIEWER))

    response = reader.get(f"/events/{event.slug}/edit/")

    page = response.content.decode()
    assert response.status_code == 403
    assert "You may not do this" in page
    assert f"Only editors, focal points and administrators of {event.owner}" in page
    assert "Ask a focal point or an administrator" in page
    assert '<form method="post" id="edit-form"' not in page


def test_a_reader_who_records_nothing_is_told_so_at_the_record_forms(make_user, delegation) -> None:  # type: ignore[no-untyped-def]
    reader = Client()
    reader.force_login(make_user("delegation.reader", delegation, Role.VIEWER))

    for path in ("/counts/new/", "/visits/new/", "/events/new/", "/activities/new/", "/meetings/new/"):
        response = reader.get(path)
        assert response.status_code == 403, path
        assert "yours reads only" in response.content.decode()


def test_a_server_error_shows_a_page_of_our_own(settings, rf) -> None:  # type: ignore[no-untyped-def]
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))

    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in page and "Traceback" not in page
