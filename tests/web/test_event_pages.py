"""The events list, an event's page and its edit form: who sees what, filters, versions, conflicts."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from corridor.accounts.choices import Role
from corridor.core.dates import DateSpan
from corridor.geo.models import Country, Place
from corridor.monitoring.services import log_visit
from corridor.operations.services import record_activity
from corridor.timeline.models import Event
from corridor.timeline.services import record_event, update_event

EVENT_LINK = re.compile(r'<td><a href="/events/([\w-]+)/">')


def signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def focal_client(skopje_focal_point) -> Client:  # type: ignore[no-untyped-def]
    return signed_in(skopje_focal_point)


@pytest.fixture
def gevgelija(db: None) -> Place:
    return Place.objects.get(slug="gevgelija")


@pytest.fixture
def closure(skopje_focal_point, skopje, gevgelija) -> Event:  # type: ignore[no-untyped-def]
    """An internal event of the Mission to Skopje at Gevgelija."""
    return record_event(
        actor=skopje_focal_point,
        owner=skopje,
        kind="border_policy_change",
        title="Border closed to all but Syrians and Iraqis",
        span=DateSpan.parse("2016-02-21"),
        description="Afghans refused entry at the southern border.",
        places=[gevgelija],
        actors=[skopje],
        classification="internal",
    )


def edit_form(event: Event, **changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "version": str(event.version),
        "kind": event.kind,
        "title": event.title,
        "date": event.span.code,
        "places": [place.slug for place in event.places.all()],
        "actors": [actor.slug for actor in event.actors.all()],
        "description": event.description,
        "classification": event.classification,
    }
    values.update(changes)
    return values


@pytest.mark.django_db
def test_the_events_page_lists_the_case_study_and_the_nav_leads_to_it() -> None:
    page = Client().get("/events/?q=helsinki").content.decode()

    assert "Helsinki Final Act" in page
    assert page.index('href="/timeline/">Timeline') < page.index('href="/events/">Events')
    assert 'href="/events/helsinki-final-act-1975/"' in page


@pytest.mark.django_db
def test_each_persona_sees_only_the_events_they_may(  # type: ignore[no-untyped-def]
    make_event, skopje, make_user, serbia, vienna_analyst, outsider
) -> None:
    hidden = make_event(skopje, "restricted", title="Pushback reported at the northern border")
    readers = {
        "anonymous": Client(),
        "skopje viewer": signed_in(make_user("skopje.viewer", skopje, Role.VIEWER)),
        "serbia editor": signed_in(make_user("serbia.ed", serbia, Role.EDITOR)),
        "vienna analyst": signed_in(vienna_analyst),
        "unhcr partner": signed_in(outsider),
    }

    listed = {name: "Pushback reported" in c.get("/events/").content.decode() for name, c in readers.items()}
    opened = {name: c.get(f"/events/{hidden.slug}/").status_code for name, c in readers.items()}

    assert listed == {
        "anonymous": False,
        "skopje viewer": True,
        "serbia editor": False,
        "vienna analyst": True,
        "unhcr partner": False,
    }
    assert opened == {
        "anonymous": 404,
        "skopje viewer": 200,
        "serbia editor": 404,
        "vienna analyst": 200,
        "unhcr partner": 404,
    }


@pytest.mark.django_db
def test_an_internal_event_is_hidden_from_a_partner_but_not_from_another_mission(  # type: ignore[no-untyped-def]
    closure, make_user, serbia, outsider
) -> None:
    serbian = signed_in(make_user("serbia.ed", serbia, Role.EDITOR))

    assert serbian.get(f"/events/{closure.slug}/").status_code == 200
    assert signed_in(outsider).get(f"/events/{closure.slug}/").status_code == 404
    assert Client().get(f"/events/{closure.slug}/edit/").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "shown", "not_shown"),
    [
        ("kind=border_policy_change", "Border closed to all", "Helsinki Final Act"),
        ("q=afghans", "Border closed to all", "Helsinki Final Act"),
        ("place=gevgelija", "Border closed to all", "Helsinki Final Act"),
        ("place=mk", "Border closed to all", "Helsinki Final Act"),
        ("operation=osce-mission-to-skopje", "Border closed to all", "Helsinki Final Act"),
        ("from=2016-02&to=2016-02", "Border closed to all", "Helsinki Final Act"),
        ("from=1975&to=1975", "Helsinki Final Act", "Border closed to all"),
        ("place=rs", "nothing", "Border closed to all"),
    ],
)
def test_the_filters_narrow_the_events(focal_client, closure, query, shown, not_shown) -> None:  # type: ignore[no-untyped-def]
    page = focal_client.get(f"/events/?{query}").content.decode()

    if shown != "nothing":
        assert shown in page
    assert not_shown not in page


@pytest.mark.django_db
def test_an_unreadable_date_filter_is_named_and_does_not_filter(focal_client, closure) -> None:  # type: ignore[no-untyped-def]
    page = focal_client.get("/events/?from=last+winter").content.decode()

    assert 'id="events-from-error"' in page and 'aria-invalid="true"' in page
    assert "Border closed to all" in page


@pytest.mark.django_db
def test_the_list_pages_through_the_events_and_keeps_the_filters() -> None:
    first = Client().get("/events/?q=").content.decode()
    second = Client().get("/events/?q=&page=2").content.decode()

    assert "Page 1 of" in first and "q=&amp;page=2" in first
    assert "Page 2 of" in second
    assert len(EVENT_LINK.findall(first)) == 50
    assert EVENT_LINK.findall(second) and not set(EVENT_LINK.findall(first)) & set(EVENT_LINK.findall(second))


@pytest.mark.django_db
def test_the_list_reads_a_page_in_a_fixed_number_of_queries(  # type: ignore[no-untyped-def]
    focal_client, django_assert_max_num_queries
) -> None:
    focal_client.get("/events/")  # the session and the reader's access, once
    # Two queries more than the rows need: the places hidden from the reader, once, so none is named; and
    # what the place filter names (a slug, a country's code or a name), once.
    with django_assert_max_num_queries(12):
        response = focal_client.get("/events/?place=mk")

    assert response.status_code == 200


@pytest.mark.django_db
def test_an_event_page_shows_what_when_where_who_and_its_sources() -> None:
    page = Client().get("/events/helsinki-final-act-1975/").content.decode()

    assert "<h1>" in page and "Helsinki Final Act" in page
    assert "1975" in page and "precision:" in page
    assert 'id="sources-heading"' in page and "No source cited." not in page
    assert "Edit the event" not in page and "Generate the spot report" not in page


@pytest.mark.django_db
def test_an_event_page_shows_its_place_actor_related_activity_and_report_link(  # type: ignore[no-untyped-def]
    focal_client, closure, skopje, skopje_focal_point, gevgelija
) -> None:
    record_activity(
        actor=skopje_focal_point,
        lead=skopje,
        title="Protection monitoring at Vinojug",
        category="monitoring",
        span=DateSpan.parse("2016-02"),
        places=[gevgelija],
    )

    page = focal_client.get(f"/events/{closure.slug}/").content.decode()

    assert "21 February 2016" in page and "(precision: day)" in page
    assert 'href="/places/gevgelija/"' in page
    assert 'href="/operations/osce-mission-to-skopje/"' in page
    assert "Protection monitoring at Vinojug" in page
    assert f'href="/events/{closure.slug}/edit/"' in page
    assert 'action="/reports/"' in page and f'name="event" value="{closure.slug}"' in page


@pytest.mark.django_db
def test_the_spot_report_form_on_an_event_page_generates_the_report(  # type: ignore[no-untyped-def]
    focal_client, closure, django_capture_on_commit_callbacks
) -> None:
    from corridor.jobs.models import Job

    with django_capture_on_commit_callbacks(execute=True):
        response = focal_client.post(
            "/reports/",
            {
                "kind": "spot",
                "event": closure.slug,
                "distribution": "OSCE Permanent Council",
                "formats": ["html"],
            },
        )

    job = Job.objects.get(kind="reports.generate")
    assert response.status_code == 302 and job.status == "succeeded", job.error
    assert job.params["request"]["event"] == closure.slug


@pytest.mark.django_db
def test_a_visit_entry_links_to_its_visit_and_its_edit_goes_to_the_visit_form(  # type: ignore[no-untyped-def]
    focal_client, skopje, skopje_focal_point, gevgelija
) -> None:
    visit = log_visit(
        actor=skopje_focal_point, operation=skopje, places=[gevgelija], span=DateSpan.parse("2016-03-09")
    )
    entry = Event.objects.get(visit=visit)

    page = focal_client.get(f"/events/{entry.slug}/").content.decode()
    edit = focal_client.get(f"/events/{entry.slug}/edit/")

    assert f'href="/visits/{visit.slug}/"' in page and "Edit the visit" in page
    assert edit.status_code == 302 and edit["Location"] == f"/visits/{visit.slug}/edit/"


@pytest.mark.django_db
def test_timeline_entries_link_to_their_event_pages(closure) -> None:  # type: ignore[no-untyped-def]
    page = Client().get("/timeline/").content.decode()

    assert 'href="/events/helsinki-final-act-1975/"' in page


@pytest.mark.django_db
def test_an_event_recorded_in_the_form_opens_its_page(focal_client) -> None:  # type: ignore[no-untyped-def]
    response = focal_client.post(
        "/events/new/",
        {
            "owner": "osce-mission-to-skopje",
            "kind": "incident",
            "title": "Protest at Tabanovce",
            "date": "early 2016-03",
            "places": ["tabanovce"],
            "actors": ["osce-mission-to-skopje"],
            "classification": "public",
        },
    )

    event = Event.objects.get(title="Protest at Tabanovce")
    assert response["Location"] == f"/events/{event.slug}/"
    assert [a.slug for a in event.actors.all()] == ["osce-mission-to-skopje"]
    assert "early March 2016" in focal_client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_an_edit_saves_a_new_version(focal_client, closure) -> None:  # type: ignore[no-untyped-def]
    response = focal_client.post(
        f"/events/{closure.slug}/edit/",
        edit_form(
            closure, title="Border closed to Afghans", date="2016-02", places=["gevgelija", "tabanovce"]
        ),
    )

    closure.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == f"/events/{closure.slug}/"
    assert (closure.version, closure.title, closure.date_text) == (
        2,
        "Border closed to Afghans",
        "February 2016",
    )
    assert {p.slug for p in closure.places.all()} == {"gevgelija", "tabanovce"}


@pytest.mark.django_db
def test_the_edit_form_starts_from_the_saved_event(focal_client, closure) -> None:  # type: ignore[no-untyped-def]
    page = focal_client.get(f"/events/{closure.slug}/edit/").content.decode()

    assert 'name="version" value="1"' in page
    assert 'value="2016-02-21"' in page and 'name="owner"' not in page
    assert '<label for="id_actors">Who acted</label>' in page


@pytest.mark.django_db
def test_a_stale_edit_shows_both_versions_and_changes_nothing(  # type: ignore[no-untyped-def]
    focal_client, closure, skopje_focal_point
) -> None:
    update_event(actor=skopje_focal_point, event=closure, expected_version=1, title="Closed to Afghans")

    response = focal_client.post(
        f"/events/{closure.slug}/edit/", edit_form(closure, version="1", title="Closed to all but SIA")
    )

    page = response.content.decode()
    closure.refresh_from_db()
    assert "saved this record while you were editing it" in page
    assert "Closed to all but SIA" in page and "Closed to Afghans" in page
    assert 'name="version" value="2"' in page
    assert (closure.title, closure.version) == ("Closed to Afghans", 2)


@pytest.mark.django_db
def test_an_edit_shows_its_errors_at_the_field_and_saves_nothing(focal_client, closure) -> None:  # type: ignore[no-untyped-def]
    response = focal_client.post(
        f"/events/{closure.slug}/edit/", edit_form(closure, date="sometime", title="")
    )

    page = response.content.decode()
    closure.refresh_from_db()
    assert response.status_code == 200
    assert page.count('class="field has-error"') == 2
    assert "“sometime” is not a date Corridor reads" in page
    assert closure.version == 1


@pytest.mark.django_db
def test_only_editors_of_the_owner_may_open_the_edit_form(closure, make_user, skopje, serbia) -> None:  # type: ignore[no-untyped-def]
    viewer = signed_in(make_user("skopje.viewer", skopje, Role.VIEWER))
    serbian = signed_in(make_user("serbia.ed", serbia, Role.EDITOR))

    assert "Edit the event" not in viewer.get(f"/events/{closure.slug}/").content.decode()
    assert viewer.get(f"/events/{closure.slug}/edit/").status_code == 403
    assert serbian.post(f"/events/{closure.slug}/edit/", edit_form(closure, title="Taken")).status_code == 403
    closure.refresh_from_db()
    assert closure.title == "Border closed to all but Syrians and Iraqis"


@pytest.mark.django_db
def test_an_edit_keeps_the_places_the_editor_cannot_see(  # type: ignore[no-untyped-def]
    closure, serbia, skopje_focal_point
) -> None:
    secret = Place.objects.create(
        slug="secret-site",
        name="Secret site",
        kind="other",
        country=Country.objects.get(code="RS"),
        classification="restricted",
        owner=serbia,
    )
    closure.places.add(secret)
    form = edit_form(closure, title="Retitled", places=["gevgelija"])

    signed_in(skopje_focal_point).post(f"/events/{closure.slug}/edit/", form)

    closure.refresh_from_db()
    assert closure.title == "Retitled"
    assert {p.slug for p in closure.places.all()} == {"gevgelija", "secret-site"}


@pytest.mark.django_db
def test_a_dated_event_keeps_its_date_when_only_the_title_changes(focal_client, make_event, skopje) -> None:  # type: ignore[no-untyped-def]
    event = make_event(
        skopje, date_start=date(2015, 1, 1), date_end=date(2015, 4, 30), date_precision="part_of_year"
    )

    focal_client.post(f"/events/{event.slug}/edit/", edit_form(event, title="Retitled early 2015"))

    event.refresh_from_db()
    assert (event.title, event.date_text, event.version) == ("Retitled early 2015", "early 2015", 2)


@pytest.mark.django_db
def test_an_event_page_links_the_documents_it_names() -> None:
    event = Event.objects.filter(documents__classification="public").distinct().first()
    assert event is not None, "the case study names documents on its events"
    document = event.documents.filter(classification="public").first()
    assert document is not None

    page = Client().get(f"/events/{event.slug}/").content.decode()

    assert f'href="/knowledge/documents/{document.slug}/"' in page


@pytest.mark.django_db
def test_an_event_without_places_is_placed_by_its_countries_in_the_list(make_event, skopje) -> None:  # type: ignore[no-untyped-def]
    from corridor.geo.models import Country

    event = make_event(skopje, kind="border_policy_change", title="Daily caps at the Spielfeld crossing")
    event.countries.set(Country.objects.filter(code__in=["AT", "SI"]))

    page = Client().get("/events/", {"kind": "border_policy_change"}).content.decode()
    row = next(row for row in page.split("<tr>") if "Daily caps at the Spielfeld crossing" in row)

    assert "<td>Austria, Slovenia</td>" in row
