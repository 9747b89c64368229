"""Real concurrency for the API suite: requests fired at once from threads, each with its own connection.

Tests that race need `django_db(transaction=True)`: each thread's connection sees only what is committed.
Such a test empties the database when it ends, so it cannot count on the case study (an earlier racing
test may have emptied it): it builds a small world of its own with `build_world`, under names the case
study does not use.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.test import Client

from corridor.accounts.choices import Role
from corridor.accounts.models import Membership, User
from corridor.accounts.services import create_token
from corridor.actors.choices import OrganisationKind
from corridor.actors.models import Organisation
from corridor.core.choices import Classification
from corridor.geo.models import Country, Place

ON_POSTGRESQL_ONLY = (
    "races need PostgreSQL: SQLite serialises every write transaction (BEGIN IMMEDIATE), so threads "
    "cannot interleave inside one; the SQLite suite checks the same outcomes without threads"
)


@dataclass(frozen=True)
class Answer:
    """What one racing request got back: its status and body (`{}` when not JSON)."""

    status: int
    body: Any
    etag: str | None = None
    content: bytes = b""


@dataclass(frozen=True)
class World:
    """A field operation in North Macedonia and one in Serbia, a source and a site, and their people."""

    skopje: Organisation
    serbia: Organisation
    source: Organisation
    site: Place
    tokens: dict[str, str]

    def client(self, name: str) -> Client:
        """A new client for the named person (one per thread: a client is not shared between threads)."""
        return Client(HTTP_AUTHORIZATION=f"Bearer {self.tokens[name]}")


PEOPLE = {
    "skopje-editor": ("skopje", Role.EDITOR),
    "skopje-focal-point": ("skopje", Role.FOCAL_POINT),
    "serbia-editor": ("serbia", Role.EDITOR),
}


def build_world() -> World:
    country, _ = Country.objects.get_or_create(
        code="MK", defaults={"alpha3": "MKD", "name": "North Macedonia"}
    )
    skopje = Organisation.objects.create(
        slug="race-skopje", name="Race mission to Skopje", kind=OrganisationKind.OSCE_FIELD_OPERATION
    )
    serbia = Organisation.objects.create(
        slug="race-serbia", name="Race mission to Serbia", kind=OrganisationKind.OSCE_FIELD_OPERATION
    )
    source = Organisation.objects.create(
        slug="race-unhcr", name="Race UNHCR", kind=OrganisationKind.UN_AGENCY
    )
    site = Place.objects.create(
        slug="race-gevgelija",
        name="Race Gevgelija",
        kind="border_crossing",
        country=country,
        latitude=41.14,
        longitude=22.50,
        owner=skopje,
        classification=Classification.PUBLIC,
    )
    organisations = {"skopje": skopje, "serbia": serbia}
    tokens = {}
    for name, (organisation, role) in PEOPLE.items():
        user = User.objects.create_user(username=f"race.{name}", first_name=name.replace("-", " ").title())
        Membership.objects.create(user=user, organisation=organisations[organisation], role=role)
        tokens[name] = create_token(user=user, name="race").secret
    return World(skopje, serbia, source, site, tokens)


def race(calls: Sequence[Callable[[], Any]]) -> list[Any]:
    """Run every call in its own thread, all released at once; their results (or exceptions), in order.

    Each thread closes its database connection when done, so no connection outlives the test.
    """
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - carried to the test, which reports it as a failed answer
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def post(client: Client, url: str, body: dict[str, Any], **headers: str) -> Answer:
    response = client.post(url, json.dumps(body), content_type="application/json", **headers)
    return _answer(response)


def patch(client: Client, url: str, body: dict[str, Any], **headers: str) -> Answer:
    response = client.patch(url, json.dumps(body), content_type="application/json", **headers)
    return _answer(response)


def _answer(response: Any) -> Answer:
    try:
        body = response.json()
    except ValueError:
        body = {}
    etag = response["ETag"] if response.has_header("ETag") else None
    return Answer(response.status_code, body, etag, response.content)
