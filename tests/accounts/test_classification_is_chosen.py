"""Nothing becomes public unless someone chose public or the organisation's default says so.

For every interface that creates records — the forms, the API, imports (page, command) — a record created
without a classification is hidden from anonymous readers and partner agencies, unless the owner's
administrators made public the default for that kind of record. Choosing public is publishing: a focal
point's or an administrator's decision, refused to editors.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from corridor.accounts.choices import RecordKind, Role
from corridor.accounts.models import ClassificationDefault
from corridor.accounts.services import set_classification_defaults
from corridor.cli.main import main
from corridor.core.exceptions import PermissionDenied
from corridor.monitoring.models import FlowObservation, MonitoringVisit
from corridor.operations.models import Activity, Meeting
from corridor.timeline.models import Event

pytestmark = pytest.mark.django_db

SKOPJE = "osce-mission-to-skopje"


@pytest.fixture
def editor(make_user, skopje):  # type: ignore[no-untyped-def]
    return make_user("skopje.editor", skopje, Role.EDITOR)


@pytest.fixture
def signed_in(editor) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(editor)
    return client


def _readers_who_see(record: Any, make_user, unhcr) -> set[str]:  # type: ignore[no-untyped-def]
    from corridor.accounts.access import can_read

    partner = make_user(f"partner.{record.pk}.{type(record).__name__}", unhcr, Role.EDITOR)
    return {
        name
        for name, reader in (("anonymous", None), ("partner", partner))
        if can_read(reader, classification=record.classification, owner_id=record.owner_id)
    }


def _checked_classification(page: str) -> str:
    """The classification a form shows chosen."""
    found = re.search(r'<input type="radio" name="classification" value="(\w+)"[^>]*checked', page)
    assert found is not None, "the form shows no classification chosen"
    return found.group(1)


FORMS: dict[str, tuple[str, dict[str, Any], Callable[[], Any]]] = {
    "daily count": (
        "/counts/new/",
        {
            "owner": SKOPJE,
            "place": "tabanovce",
            "date": "2016-03-10",
            "arrivals": "312",
            "source_organisation": "unhcr",
        },
        lambda: FlowObservation.objects.get(place__slug="tabanovce", date_start="2016-03-10", value=312),
    ),
    "visit": (
        "/visits/new/",
        {
            "operation": SKOPJE,
            "places": ["gevgelija"],
            "date": "2016-03-10",
            "overnight": "unknown",
            "purpose": "ZZ visit by form",
            "findings-TOTAL_FORMS": "0",
            "findings-INITIAL_FORMS": "0",
        },
        lambda: MonitoringVisit.objects.get(purpose="ZZ visit by form"),
    ),
    "event": (
        "/events/new/",
        {"owner": SKOPJE, "kind": "incident", "title": "ZZ event by form", "date": "2016-03-10"},
        lambda: Event.objects.get(title="ZZ event by form"),
    ),
    "activity": (
        "/activities/new/",
        {
            "lead": SKOPJE,
            "title": "ZZ activity by form",
            "category": "monitoring",
            "date": "2016-03",
            "funding": "unknown",
            "participants-TOTAL_FORMS": "0",
            "participants-INITIAL_FORMS": "0",
        },
        lambda: Activity.objects.get(title="ZZ activity by form"),
    ),
    "meeting": (
        "/meetings/new/",
        {
            "owner": SKOPJE,
            "title": "ZZ meeting by form",
            "date": "2016-03-10",
            "recurrence": "once",
            "points-TOTAL_FORMS": "0",
            "points-INITIAL_FORMS": "0",
        },
        lambda: Meeting.objects.get(title="ZZ meeting by form"),
    ),
}
KIND_OF_FORM = {
    "daily count": RecordKind.OBSERVATION,
    "visit": RecordKind.VISIT,
    "event": RecordKind.EVENT,
    "activity": RecordKind.ACTIVITY,
    "meeting": RecordKind.MEETING,
}


@pytest.mark.parametrize("form", list(FORMS))
def test_a_form_shows_the_owners_default_chosen_and_a_record_saved_with_it_stays_internal(  # type: ignore[no-untyped-def]
    form, signed_in, make_user, unhcr
) -> None:
    path, fields, saved = FORMS[form]

    shown = _checked_classification(signed_in.get(path).content.decode())
    response = signed_in.post(path, {**fields, "classification": shown})

    assert response.status_code == 302, response.content.decode()[:3000]
    assert shown == "internal"
    assert _readers_who_see(saved(), make_user, unhcr) == set()


@pytest.mark.parametrize("form", list(FORMS))
def test_a_form_offers_public_only_to_those_who_may_publish(form, signed_in, make_user, skopje) -> None:  # type: ignore[no-untyped-def]
    path, _, _ = FORMS[form]
    focal = Client()
    focal.force_login(make_user("skopje.focal.forms", skopje, Role.FOCAL_POINT))

    assert 'value="public"' not in signed_in.get(path).content.decode()
    assert 'value="public"' in focal.get(path).content.decode()


@pytest.mark.parametrize("form", list(FORMS))
def test_an_organisation_that_chose_public_gets_public_records_from_its_forms(  # type: ignore[no-untyped-def]
    form, skopje, make_user, unhcr
) -> None:
    admin = make_user("skopje.admin", skopje, Role.ADMIN)
    set_classification_defaults(
        actor=admin, organisation_id=skopje.pk, defaults={KIND_OF_FORM[form]: "public"}
    )
    client = Client()
    client.force_login(admin)
    path, fields, saved = FORMS[form]

    shown = _checked_classification(client.get(path).content.decode())
    client.post(path, {**fields, "classification": shown})

    assert shown == "public"
    assert _readers_who_see(saved(), make_user, unhcr) == {"anonymous", "partner"}


def test_an_editor_cannot_publish_by_posting_public_to_a_form(signed_in) -> None:  # type: ignore[no-untyped-def]
    path, fields, _ = FORMS["event"]

    response = signed_in.post(path, {**fields, "classification": "public"})

    assert response.status_code == 200
    assert not Event.objects.filter(title="ZZ event by form").exists()


API: dict[str, tuple[str, dict[str, Any], Callable[[], Any]]] = {
    "observation": (
        "/api/v1/observations",
        {
            "place": "tabanovce",
            "metric": "arrivals",
            "date": "2016-03-11",
            "value": 411,
            "source_organisation": "unhcr",
            "owner": SKOPJE,
        },
        lambda: FlowObservation.objects.get(place__slug="tabanovce", date_start="2016-03-11", value=411),
    ),
    "visit": (
        "/api/v1/visits",
        {"operation": SKOPJE, "places": ["gevgelija"], "date": "2016-03-11", "purpose": "ZZ visit by API"},
        lambda: MonitoringVisit.objects.get(purpose="ZZ visit by API"),
    ),
    "event": (
        "/api/v1/events",
        {"owner": SKOPJE, "kind": "incident", "title": "ZZ event by API", "date": "2016-03-11"},
        lambda: Event.objects.get(title="ZZ event by API"),
    ),
    "activity": (
        "/api/v1/activities",
        {"lead": SKOPJE, "title": "ZZ activity by API", "category": "monitoring", "date": "2016-03"},
        lambda: Activity.objects.get(title="ZZ activity by API"),
    ),
    "meeting": (
        "/api/v1/meetings",
        {"owner": SKOPJE, "title": "ZZ meeting by API", "date": "2016-03-11"},
        lambda: Meeting.objects.get(title="ZZ meeting by API"),
    ),
}


@pytest.mark.parametrize("kind", list(API))
def test_a_record_posted_to_the_api_without_a_classification_stays_internal(  # type: ignore[no-untyped-def]
    kind, client_for, make_user, unhcr
) -> None:
    path, body, saved = API[kind]

    response = client_for("skopje-editor").post(path, json.dumps(body), content_type="application/json")

    assert response.status_code == 201, response.content
    assert response.json().get(
        "classification", response.json().get("observation", {}).get("classification")
    ) in (
        "internal",
        None,
    )
    assert _readers_who_see(saved(), make_user, unhcr) == set()


@pytest.mark.parametrize("kind", list(API))
def test_an_editor_publishing_through_the_api_is_refused(kind, client_for) -> None:  # type: ignore[no-untyped-def]
    path, body, _ = API[kind]

    response = client_for("skopje-editor").post(
        path, json.dumps({**body, "classification": "public"}), content_type="application/json"
    )

    assert response.status_code == 403, response.content


def test_an_editor_cannot_widen_who_reads_an_event_through_the_api(client_for, skopje) -> None:  # type: ignore[no-untyped-def]
    client = client_for("skopje-editor")
    path, body, saved = API["event"]
    created = client.post(
        path, json.dumps({**body, "classification": "restricted"}), content_type="application/json"
    )
    slug = created.json()["slug"]

    widened = client.patch(
        f"/api/v1/events/{slug}",
        json.dumps({"classification": "public"}),
        content_type="application/json",
        HTTP_IF_MATCH='"1"',
    )

    assert widened.status_code == 403, widened.content
    assert saved().classification == "restricted"


def test_a_focal_point_publishes_through_the_api(client_for) -> None:  # type: ignore[no-untyped-def]
    path, body, saved = API["event"]

    response = client_for("skopje-focal-point").post(
        path, json.dumps({**body, "classification": "public"}), content_type="application/json"
    )

    assert response.status_code == 201 and saved().classification == "public"


IMPORTS = {
    "observations": (
        "place,date,metric,value,source_organisation,owner\ntabanovce,2016-03-12,arrivals,513,unhcr,{owner}\n",
        lambda: FlowObservation.objects.get(place__slug="tabanovce", date_start="2016-03-12", value=513),
    ),
    "events": (
        "owner,kind,title,date\n{owner},incident,ZZ event by file,2016-03-12\n",
        lambda: Event.objects.get(title="ZZ event by file"),
    ),
    "activities": (
        "lead,title,category,date\n{owner},ZZ activity by file,monitoring,2016-03\n",
        lambda: Activity.objects.get(title="ZZ activity by file"),
    ),
    "places": (
        "slug,name,kind,country,owner\nzz-file-camp,ZZ camp by file,camp,MK,{owner}\n",
        lambda: __import__("corridor.geo.models", fromlist=["Place"]).Place.objects.get(slug="zz-file-camp"),
    ),
}


@pytest.mark.parametrize("kind", list(IMPORTS))
def test_a_file_without_a_classification_column_imports_internal_records(  # type: ignore[no-untyped-def]
    kind, editor, tmp_path: Path, make_user, unhcr
) -> None:
    from corridor.exchange.services import import_file

    content, saved = IMPORTS[kind]
    path = tmp_path / f"{kind}.csv"
    path.write_text(content.format(owner=SKOPJE))

    report = import_file(actor=editor, source=path, kind=kind)

    assert report.errors == [] and report.written
    assert _readers_who_see(saved(), make_user, unhcr) == set()


@pytest.mark.parametrize("kind", ["observations", "events", "places"])
def test_the_import_command_without_a_classification_column_imports_internal_records(  # type: ignore[no-untyped-def]
    kind, tmp_path: Path, make_user, unhcr, capsys
) -> None:
    content, saved = IMPORTS[kind]
    path = tmp_path / f"{kind}.csv"
    path.write_text(content.format(owner=SKOPJE))

    code = main(["import", str(path), "--kind", kind])

    assert code == 0, capsys.readouterr()
    assert _readers_who_see(saved(), make_user, unhcr) == set()


def test_an_editor_stating_public_in_a_file_is_refused_with_the_row(editor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from corridor.exchange.services import import_file

    path = tmp_path / "counts.csv"
    path.write_text(
        "place,date,metric,value,source_organisation,owner,classification\n"
        f"tabanovce,2016-03-13,arrivals,9,unhcr,{SKOPJE},public\n"
    )

    report = import_file(actor=editor, source=path, kind="observations")

    assert [(error.row, error.column) for error in report.errors] == [(2, "classification")]
    assert not FlowObservation.objects.filter(date_start="2016-03-13", value=9).exists()


def test_only_an_organisations_administrators_set_its_defaults(editor, skopje) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        set_classification_defaults(actor=editor, organisation_id=skopje.pk, defaults={"event": "public"})

    assert not ClassificationDefault.objects.filter(organisation=skopje).exists()


def test_the_defaults_page_is_for_administrators(signed_in, make_user, skopje) -> None:  # type: ignore[no-untyped-def]
    admin = Client()
    admin.force_login(make_user("skopje.admin.page", skopje, Role.ADMIN))
    path = f"/account/organisations/{SKOPJE}/defaults/"

    saved = admin.post(
        path, {kind: "restricted" if kind == "visit" else "internal" for kind in RecordKind.values}
    )

    assert signed_in.get(path).status_code == 403
    assert saved.status_code == 302
    assert ClassificationDefault.objects.get(organisation=skopje, kind="visit").classification == "restricted"
    assert _checked_classification(admin.get("/visits/new/").content.decode()) == "restricted"
