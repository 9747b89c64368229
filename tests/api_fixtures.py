"""Fixtures for the API: a client per kind of caller, and Skopje-owned records of every kind at every
classification, each titled with a marker so tests can pick them out of the case study."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from corridor.accounts.choices import Role
from corridor.accounts.services import create_token
from corridor.actors.models import Organisation
from corridor.core.choices import Classification
from corridor.geo.models import Country, Place
from corridor.knowledge.models import Commitment, Document, Recommendation
from corridor.monitoring.models import FlowObservation, MonitoringVisit
from corridor.operations.models import Activity, Meeting
from corridor.timeline.models import Event

LEVELS = (Classification.PUBLIC, Classification.INTERNAL, Classification.RESTRICTED)
EVERYTHING = set(LEVELS)
READERS: dict[str, set[str]] = {
    "anonymous": {"public"},
    "skopje-viewer": EVERYTHING,
    "skopje-editor": EVERYTHING,
    "skopje-focal-point": EVERYTHING,
    "skopje-admin": EVERYTHING,
    "vienna-analyst": EVERYTHING,
    "serbia-editor": {"public", "internal"},
    "unhcr-partner": {"public"},
    "superuser": EVERYTHING,
}
WRITERS = {"skopje-editor", "skopje-focal-point", "skopje-admin", "superuser"}


@pytest.fixture
def client_for(make_user, skopje, serbia, cpc, unhcr) -> Callable[[str], Client]:  # type: ignore[no-untyped-def]
    """The client of the named caller (a personal token; a session for 'superuser'), one per name."""
    people = {
        "skopje-viewer": (skopje, Role.VIEWER, "public"),
        "skopje-editor": (skopje, Role.EDITOR, "public"),
        "skopje-focal-point": (skopje, Role.FOCAL_POINT, "public"),
        "skopje-admin": (skopje, Role.ADMIN, "public"),
        "vienna-analyst": (cpc, Role.ANALYST, "restricted"),
        "serbia-editor": (serbia, Role.EDITOR, "public"),
        "unhcr-partner": (unhcr, Role.EDITOR, "public"),
    }

    made: dict[str, Client] = {}

    def make(name: str) -> Client:
        if name not in made:
            made[name] = _new(name)
        return made[name]

    def _new(name: str) -> Client:
        if name == "anonymous":
            return Client()
        if name == "superuser":
            client = Client()
            client.force_login(make_user("root", superuser=True))
            return client
        organisation, role, clearance = people[name]
        user = make_user(name, organisation, role, clearance)
        secret = create_token(user=user, name="tests").secret
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    return make


def _span(day: date) -> dict[str, object]:
    return {"date_start": day, "date_end": day, "date_precision": "day"}


@pytest.fixture
def marked(skopje: Organisation, unhcr: Organisation) -> dict[str, dict[str, object]]:
    """For each kind, one Skopje-owned record per classification: kind → level → record."""
    gevgelija = Place.objects.get(slug="gevgelija")
    macedonia = Country.objects.get(code="MK")
    records: dict[str, dict[str, object]] = {}
    for index, level in enumerate(LEVELS):
        day = date(2016, 3, 1 + index)
        owned = {"owner": skopje, "classification": level}
        tag = f"zz-{level}"
        place = Place.objects.create(
            slug=f"{tag}-site",
            name=f"ZZ {level} site",
            kind="camp",
            country=macedonia,
            latitude=41.15,
            longitude=22.5,
            **owned,
        )
        visit = MonitoringVisit.objects.create(
            slug=f"{tag}-visit", operation=skopje, purpose=f"ZZ {level}", **owned, **_span(day)
        )
        visit.places.set([gevgelija])
        meeting = Meeting.objects.create(
            slug=f"{tag}-meeting", title=f"ZZ {level} meeting", **owned, **_span(day)
        )
        records.setdefault("places", {})[level] = place
        records.setdefault("events", {})[level] = Event.objects.create(
            slug=f"{tag}-event", kind="incident", title=f"ZZ {level} incident", **owned, **_span(day)
        )
        records.setdefault("visits", {})[level] = visit
        records.setdefault("activities", {})[level] = Activity.objects.create(
            slug=f"{tag}-activity",
            title=f"ZZ {level} activity",
            category="monitoring",
            lead=skopje,
            **owned,
            **_span(day),
        )
        records.setdefault("meetings", {})[level] = meeting
        records.setdefault("observations", {})[level] = FlowObservation.objects.create(
            place=gevgelija,
            metric="arrivals",
            value=1000 + index,
            source_organisation=unhcr,
            **owned,
            **_span(day),
        )
        document = Document.objects.create(
            slug=f"{tag}-document", title=f"ZZ {level} document", kind="report", **owned
        )
        records.setdefault("documents", {})[level] = document
        records.setdefault("commitments", {})[level] = Commitment.objects.create(
            slug=f"{tag}-commitment",
            text=f"ZZ {level} commitment",
            theme="general",
            dimension="human",
            **owned,
        )
        records.setdefault("recommendations", {})[level] = Recommendation.objects.create(
            slug=f"{tag}-recommendation", text=f"ZZ {level} recommendation", issuer=skopje, **owned
        )
    return records
