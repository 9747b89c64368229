"""The pages: each persona sees only what they may, forms show errors at the field, conflicts are shown."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from corridor.accounts.choices import Role
from corridor.monitoring.models import FlowObservation, MonitoringVisit
from corridor.timeline.models import Event


@pytest.fixture
def focal_client(skopje_focal_point) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(skopje_focal_point)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/timeline/",
        "/operations/osce-mission-to-skopje/",
        "/places/gevgelija/",
        "/places/mk/",
        "/activities/",
        "/visits/",
        "/meetings/",
    ],
)
def test_every_page_opens_for_a_visitor(url: str) -> None:
    assert Client().get(url).status_code == 200


@pytest.mark.django_db
def test_the_dashboard_shows_the_six_operations_the_map_and_the_timeline() -> None:
    page = Client().get("/").content.decode()

    for name in (
        "OSCE Mission to Skopje",
        "OSCE Mission to Serbia",
        "OSCE Presence in Albania",
        "OSCE Mission in Kosovo",
        "OSCE Mission to Montenegro",
        "OSCE Mission to Bosnia and Herzegovina",
    ):
        assert name in page
    assert '<svg class="map"' in page and "Gevgelija" in page
    assert 'id="timeline-list"' in page


@pytest.mark.django_db
def test_a_restricted_event_shows_only_to_those_cleared(make_event, skopje, make_user, serbia) -> None:  # type: ignore[no-untyped-def]
    make_event(skopje, "restricted", title="Pushback reported at the northern border")
    serbian = Client()
    serbian.force_login(make_user("serbia.ed", serbia, Role.EDITOR))
    skopjan = Client()
    skopjan.force_login(make_user("skopje.viewer", skopje, Role.VIEWER))

    assert "Pushback reported" not in Client().get("/timeline/").content.decode()
    assert "Pushback reported" not in serbian.get("/timeline/").content.decode()
    assert "Pushback reported" in skopjan.get("/timeline/").content.decode()


@pytest.mark.django_db
def test_recording_needs_a_sign_in() -> None:
    response = Client().get("/visits/new/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.django_db
def test_a_viewer_is_not_offered_the_record_menu(make_user, skopje) -> None:  # type: ignore[no-untyped-def]
    viewer = Client()
    viewer.force_login(make_user("viewer", skopje, Role.VIEWER))

    assert 'href="/record/"' not in viewer.get("/").content.decode()


@pytest.mark.django_db
def test_a_visit_recorded_in_the_form_is_on_the_timeline_and_the_operation_page(focal_client) -> None:  # type: ignore[no-untyped-def]
    response = focal_client.post(
        "/visits/new/",
        {
            "operation": "osce-mission-to-skopje",
            "places": ["gevgelija"],
            "date": "2016-03-09",
            "team": "PDU 2",
            "overnight": "true",
            "purpose": "Entry procedures after the closure",
            "classification": "internal",
            "findings-TOTAL_FORMS": "1",
            "findings-INITIAL_FORMS": "0",
            "findings-0-aspect": "humanitarian_conditions",
            "findings-0-concern": "serious",
            "findings-0-text": "Thousands waiting on the Greek side",
        },
    )

    visit = MonitoringVisit.objects.get(team="PDU 2")
    assert response.status_code == 302 and response["Location"] == f"/visits/{visit.slug}/"
    assert visit.overnight is True and visit.findings.get().concern == "serious"
    assert Event.objects.get(visit=visit).title in focal_client.get("/timeline/?kind=visit").content.decode()
    assert (
        f"/visits/{visit.slug}/" in focal_client.get("/operations/osce-mission-to-skopje/").content.decode()
    )


@pytest.mark.django_db
def test_a_form_shows_its_errors_at_the_field(focal_client) -> None:  # type: ignore[no-untyped-def]
    visits_before = MonitoringVisit.objects.count()

    response = focal_client.post(
        "/visits/new/",
        {
            "operation": "osce-mission-to-skopje",
            "places": ["gevgelija"],
            "date": "last Tuesday",
            "classification": "internal",
            "findings-TOTAL_FORMS": "0",
            "findings-INITIAL_FORMS": "0",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="field has-error"' in page
    assert "“last Tuesday” is not a date Corridor reads. For a day write" in page
    assert page.index("There is a problem") < page.index('class="field has-error"')
    assert "<title>Error: Record a monitoring visit" in page
    assert MonitoringVisit.objects.count() == visits_before


@pytest.mark.django_db
def test_screen_readers_hear_a_field_s_error_and_help_with_it(focal_client) -> None:  # type: ignore[no-untyped-def]
    response = focal_client.post("/visits/new/", {"date": "last Tuesday", "findings-TOTAL_FORMS": "0"})

    date_input = re.search(r'<input[^>]*name="date"[^>]*>', response.content.decode())
    assert date_input is not None
    described = re.search(r'aria-describedby="([^"]+)"', date_input.group(0))
    assert described is not None
    for target in described.group(1).split():
        assert f'id="{target}"' in response.content.decode(), target
    assert "id_date_error" in described.group(1)


@pytest.mark.django_db
def test_a_stale_edit_shows_both_versions_and_overwrites_nothing(
    focal_client, skopje, skopje_focal_point
) -> None:  # type: ignore[no-untyped-def]
    from corridor.core.dates import DateSpan
    from corridor.geo.models import Place
    from corridor.monitoring.services import log_visit, update_visit

    gevgelija = Place.objects.get(slug="gevgelija")
    visit = log_visit(
        actor=skopje_focal_point,
        operation=skopje,
        places=[gevgelija],
        span=DateSpan.parse("2016-03-09"),
        team="PDU 1",
    )
    update_visit(actor=skopje_focal_point, visit=visit, expected_version=1, team="PDU 1 and 2")

    response = focal_client.post(
        f"/visits/{visit.slug}/edit/",
        {
            "version": "1",
            "operation": "osce-mission-to-skopje",
            "places": ["gevgelija"],
            "date": "2016-03-09",
            "team": "PDU 3",
            "overnight": "unknown",
            "classification": "internal",
            "findings-TOTAL_FORMS": "0",
            "findings-INITIAL_FORMS": "0",
        },
    )

    page = response.content.decode()
    assert "saved this record while you were editing it" in page
    assert "PDU 3" in page and "PDU 1 and 2" in page
    assert MonitoringVisit.objects.get(pk=visit.pk).team == "PDU 1 and 2"


@pytest.mark.django_db
def test_a_daily_count_keeps_zero_and_not_available_apart(focal_client) -> None:  # type: ignore[no-untyped-def]
    base = {
        "owner": "osce-mission-to-skopje",
        "place": "tabanovce",
        "source_organisation": "unhcr",
        "classification": "internal",
    }

    focal_client.post("/counts/new/", {**base, "date": "2016-03-10", "arrivals": "0"})
    focal_client.post("/counts/new/", {**base, "date": "11.3.2016", "arrivals_na": "on"})
    month = focal_client.post("/counts/new/", {**base, "date": "2016-03", "arrivals": "5"})

    counts = FlowObservation.objects.filter(place__slug="tabanovce").order_by("date_start")
    assert [(c.value, c.value_status) for c in counts] == [(0, "reported"), (None, "not_available")]
    assert "“2016-03” is March 2016; give one day" in month.content.decode()


@pytest.mark.django_db
def test_names_follow_the_chosen_convention(focal_client) -> None:  # type: ignore[no-untyped-def]
    focal_client.post("/names/", {"audience": "osce_official", "next": "/places/mk/"})

    assert "the former Yugoslav Republic of Macedonia" in focal_client.get("/places/mk/").content.decode()
    focal_client.post("/names/", {"audience": "neutral", "next": "/"})
    assert "<h1>North Macedonia</h1>" in focal_client.get("/places/mk/").content.decode()


@pytest.mark.django_db
def test_dates_are_shown_with_their_precision() -> None:
    page = Client().get("/operations/osce-mission-to-skopje/").content.decode()

    assert "August 2015" in page


@pytest.mark.django_db
def test_a_token_is_created_shown_once_and_revoked_from_the_account_page(
    focal_client, skopje_focal_point
) -> None:  # type: ignore[no-untyped-def]
    created = focal_client.post("/account/", {"name": "UNHCR sync"}).content.decode()
    secret = created.split('<code id="new-token">')[1].split("</code>")[0]
    token = skopje_focal_point.api_tokens.get()

    assert Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/events").status_code == 200
    assert secret not in focal_client.get("/account/").content.decode()
    focal_client.post(f"/account/tokens/{token.pk}/revoke/")
    assert Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/events").status_code == 401


@pytest.mark.django_db
def test_a_job_page_shows_progress_only_to_its_submitter(
    focal_client, skopje_focal_point, make_user, serbia
) -> None:  # type: ignore[no-untyped-def]
    import uuid

    from corridor.jobs.models import Job

    job = Job.objects.create(
        uid=uuid.uuid4(),
        kind="exchange.import",
        submitted_by=skopje_focal_point,
        status="running",
        progress=0.4,
        message="row 40,000 of 100,000",
    )
    other = Client()
    other.force_login(make_user("serbia.other", serbia, "editor"))

    page = focal_client.get(f"/jobs/{job.uid}/").content.decode()
    assert "row 40,000 of 100,000" in page and 'hx-trigger="every 2s"' in page
    assert "<h1>Import job</h1>" in page
    assert "<td>Import</td>" in focal_client.get("/jobs/").content.decode()
    assert other.get(f"/jobs/{job.uid}/").status_code == 404


@pytest.mark.django_db
def test_an_uploaded_file_with_a_bad_row_is_reported_and_writes_nothing(  # type: ignore[no-untyped-def]
    focal_client, django_capture_on_commit_callbacks
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from corridor.jobs.models import Job

    rows = (
        "date,place,metric,value,source_organisation\n"
        "2016-03-09,gevgelija,arrivals,120,unhcr\n"
        "2016-03-10,gevgelija,arrivals,-4,unhcr\n"
    )
    before = FlowObservation.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = focal_client.post(
            "/exchange/",
            {
                "file": SimpleUploadedFile("counts.csv", rows.encode(), content_type="text/csv"),
                "kind": "observations",
                "mode": "all_or_nothing",
            },
        )

    job = Job.objects.get()
    page = focal_client.get(response["Location"]).content.decode()
    assert response.status_code == 302 and job.status == "refused", job.error
    assert FlowObservation.objects.count() == before
    assert "-4" in page and "Download the error report" in page
    assert job.message == (
        "counts.csv: 2 rows read, 1 error(s); wrote nothing: 0 created, 0 revised, 0 updated, 0 unchanged, "
        "0 skipped"
    )
    assert "Refused: 1 error, nothing written" in page
    report = focal_client.get(f"/exchange/{job.uid}/errors.csv").content.decode()
    assert report.splitlines()[0] == "row,column,value,reason"
    assert ",value,-4," in report


@pytest.mark.django_db
def test_a_visitor_exports_only_public_records_as_hxl(make_event, skopje) -> None:  # type: ignore[no-untyped-def]
    make_event(skopje, "restricted", title="Hidden pushback")

    response = Client().get("/exchange/export/?kind=events&format=hxl")

    text = response.content.decode()
    assert response.status_code == 200
    assert text.splitlines()[1].startswith("#")
    assert "Hidden pushback" not in text and "Balkans route" in text


@pytest.mark.django_db
def test_a_report_generated_from_the_page_downloads_as_pdf(
    focal_client, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from corridor.jobs.models import Job

    with django_capture_on_commit_callbacks(execute=True):
        response = focal_client.post(
            "/reports/",
            {
                "kind": "update",
                "start": "2016-01-01",
                "end": "2016-06-30",
                "operation": "osce-mission-to-skopje",
                "distribution": "OSCE Permanent Council",
                "formats": ["pdf"],
            },
        )

    job = Job.objects.get(kind="reports.generate")
    assert response.status_code == 302 and job.status == "succeeded", job.error
    download = focal_client.get(f"/reports/{job.result['run']}/pdf/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert bytes(download.content).startswith(b"%PDF")


@pytest.mark.django_db
def test_the_dashboard_says_which_operations_had_no_migration_focal_point() -> None:
    page = Client().get("/").content.decode()
    rows = {
        re.sub(r"<[^>]+>", "", match.group(1)).strip(): re.sub(
            r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(2))
        )
        for match in re.finditer(
            r'<tr><th scope="row">(.*?)</th>\s*<td>(.*?)</td>', page.split('id="focal-heading"')[1], re.S
        )
    }

    assert rows["Mission in Kosovo"].startswith("no migration focal point as of 2016")
    assert rows["Mission to Serbia"].startswith("migration since early 2015")
    assert "trafficking in human beings since: not dated" in rows["Mission to Serbia"]


@pytest.mark.django_db
def test_a_meeting_without_decisions_says_so_outside_the_numbered_list() -> None:
    page = Client().get("/meetings/mk-weekly-coordination-meetings/").content.decode()
    decisions = page.split('id="decisions-heading"')[1].split("</section>")[0]

    assert "None recorded." in decisions
    assert "<ol>" not in decisions


@pytest.mark.django_db
def test_the_place_menus_list_sites_first_in_groups(focal_client) -> None:  # type: ignore[no-untyped-def]
    page = focal_client.get("/visits/new/").content.decode()
    menu = page.split('id="id_places"')[1].split("</select>")[0]
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', menu, re.S)

    assert [label for label, _ in groups][:4] == [
        "Where your operation works",
        "Sites",
        "Cities and areas",
        "Countries and territories",
    ]
    yours, sites, countries = groups[0][1], groups[1][1], groups[3][1]
    assert 'value="gevgelija"' in yours and 'value="tabanovce"' in yours and 'value="mk"' in yours
    assert 'value="gevgelija"' not in sites and 'value="presevo"' in sites
    assert 'value="rs"' in countries and 'value="mk"' not in countries
    count_menu = (
        focal_client.get("/counts/new/").content.decode().split('id="id_place"')[1].split("</select>")[0]
    )
    yours = count_menu.split('<optgroup label="Where your operation works">')[1].split("</optgroup>")[0]
    assert count_menu.index("Where your operation works") < count_menu.index('<optgroup label="Sites">')
    assert yours.index('value="gevgelija"') < yours.index('value="mk"')
    assert 'value="tabanovce"' in yours and 'value="presevo"' not in yours


@pytest.mark.django_db
def test_a_focal_point_of_one_operation_finds_it_chosen_on_a_new_record(focal_client) -> None:  # type: ignore[no-untyped-def]
    visit = focal_client.get("/visits/new/").content.decode()
    activity = focal_client.get("/activities/new/").content.decode()

    assert '<option value="osce-mission-to-skopje" selected>' in visit
    assert '<option value="osce-mission-to-skopje" selected>' in activity
    # A form sent back keeps what was sent, even without an operation.
    sent_back = focal_client.post("/visits/new/", {"team": "PDU 1", "findings-TOTAL_FORMS": "0"})
    assert 'value="osce-mission-to-skopje" selected' not in sent_back.content.decode()


@pytest.mark.django_db
def test_a_visit_is_saved_with_the_finding_rows_left_as_shown(focal_client) -> None:  # type: ignore[no-untyped-def]
    untouched = {
        f"findings-{row}-{name}": value
        for row in range(3)
        for name, value in (("aspect", "staffing"), ("concern", "none"), ("text", ""))
    }
    one_filled = {**untouched, "findings-1-aspect": "equipment", "findings-1-text": "No fingerprint scanners"}
    base = {
        "operation": "osce-mission-to-skopje",
        "places": ["gevgelija"],
        "overnight": "unknown",
        "classification": "internal",
        "findings-TOTAL_FORMS": "3",
        "findings-INITIAL_FORMS": "0",
    }

    without = focal_client.post("/visits/new/", {**base, "date": "2016-03-09", **untouched})
    with_one = focal_client.post("/visits/new/", {**base, "date": "2016-03-10", **one_filled})
    half_filled = focal_client.post(
        "/visits/new/", {**base, "date": "2016-03-11", **untouched, "findings-2-concern": "serious"}
    )

    assert without.status_code == 302 and with_one.status_code == 302
    first, second = MonitoringVisit.objects.filter(date_start__in=["2016-03-09", "2016-03-10"]).order_by(
        "date_start"
    )
    assert first.findings.count() == 0
    assert [(f.aspect, f.text) for f in second.findings.all()] == [("equipment", "No fingerprint scanners")]
    # A row the user changed but did not describe is an error at that row, and nothing is saved.
    assert half_filled.status_code == 200 and "This field is required." in half_filled.content.decode()
    assert not MonitoringVisit.objects.filter(date_start="2016-03-11").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "model", "slug"),
    [
        ("/visits/{}/", MonitoringVisit, "joint-visit-presevo-tabanovce-2015-11"),
        ("/activities/{}/", "operations.Activity", "skopje-frontline-workers-training-2016"),
        ("/meetings/{}/", "operations.Meeting", "mk-weekly-coordination-meetings"),
        (
            "/knowledge/commitments/{}/",
            "knowledge.Commitment",
            "assess-environmental-degradation-migratory-pressures",
        ),
        ("/knowledge/documents/{}/", "knowledge.Document", "mission-bih-cve-strategy-2015-2020"),
    ],
)
def test_a_record_page_shows_the_sources_it_cites(url: str, model: object, slug: str) -> None:
    from django.apps import apps

    from corridor.core.citations import citations_of

    record_model = apps.get_model(model) if isinstance(model, str) else model
    record = record_model.objects.get(slug=slug)  # type: ignore[attr-defined]
    cited = list(citations_of(record))

    page = Client().get(url.format(slug)).content.decode()

    assert cited, "the case study cites this record"
    sources = page.split('id="sources-heading"')[1].split("</section>")[0]
    for citation in cited:
        assert f"{citation.source.title}</strong>, {citation.locator}" in sources


@pytest.mark.django_db
def test_a_site_without_counts_points_to_its_country_s() -> None:
    page = Client().get("/places/gevgelija/").content.decode()

    assert "No daily counts recorded here. The country's are on the page of" in page
    assert 'href="/places/mk/"' in page.split("No daily counts recorded here.")[1].split("</p>")[0]
