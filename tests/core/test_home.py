import pytest
from django.test import Client


@pytest.mark.django_db
def test_the_home_page_shows_what_is_loaded_to_a_visitor() -> None:
    page = Client().get("/")

    assert page.status_code == 200
    text = page.content.decode()
    assert "OSCE Mission to Skopje" in text
    assert "Timeline events" in text


@pytest.mark.django_db
def test_the_home_page_counts_only_what_the_reader_may_see(make_event, skopje, vienna_analyst) -> None:  # type: ignore[no-untyped-def]
    make_event(skopje, "restricted", title="Restricted incident")
    client = Client()
    anonymous = {h.label: h.count for h in client.get("/").context["holdings"]}
    client.force_login(vienna_analyst)
    analyst = {h.label: h.count for h in client.get("/").context["holdings"]}

    assert analyst["Timeline events"] == anonymous["Timeline events"] + 1
