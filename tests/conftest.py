"""Shared fixtures: the case study loaded once per test database, a few named organisations and
personas (a focal point in Skopje, an editor in Belgrade, an analyst in Vienna, an outsider), and a
factory for classified records."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from datetime import date

import pytest

from corridor.accounts.choices import Role
from corridor.accounts.models import Membership, User
from corridor.actors.choices import OrganisationKind
from corridor.actors.models import Organisation
from corridor.casestudy.services import load_case_study
from corridor.core.choices import Classification
from corridor.exchange.real_data import load_shipped_routes
from corridor.timeline.models import Event

# The API suite's client per kind of caller serves every suite that calls the API (reports, search).
pytest_plugins = ["tests.api_fixtures"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> None:  # type: ignore[misc]
    """Load the shipped case study and its routes once into the test database; each test then runs in a
    transaction."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        load_case_study()
        load_shipped_routes()


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests never reach beyond this machine: connecting anywhere but loopback fails loudly."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = str(address[0]) if isinstance(address, tuple) else str(address)
            if not (host.startswith("127.") or host in {"localhost", "::1"}):
                raise RuntimeError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)
    yield


@pytest.fixture
def skopje(db: None) -> Organisation:
    return Organisation.objects.get(slug="osce-mission-to-skopje")


@pytest.fixture
def serbia(db: None) -> Organisation:
    return Organisation.objects.get(slug="osce-mission-to-serbia")


@pytest.fixture
def cpc(db: None) -> Organisation:
    return Organisation.objects.get(slug="osce-secretariat-cpc")


@pytest.fixture
def unhcr(db: None) -> Organisation:
    return Organisation.objects.get(slug="unhcr")


@pytest.fixture
def delegation(db: None) -> Organisation:
    return Organisation.objects.create(
        slug="test-delegation", name="Test delegation", kind=OrganisationKind.DELEGATION
    )


MakeUser = Callable[..., User]


@pytest.fixture
def make_user(db: None) -> MakeUser:
    def make(
        username: str,
        organisation: Organisation | None = None,
        role: str = Role.VIEWER,
        clearance: str = Classification.PUBLIC,
        superuser: bool = False,
    ) -> User:
        user = User.objects.create_user(
            username=username, password="not-a-real-password", is_superuser=superuser, is_staff=superuser
        )
        if organisation is not None:
            Membership.objects.create(user=user, organisation=organisation, role=role, clearance=clearance)
        return user

    return make


@pytest.fixture
def skopje_focal_point(make_user: MakeUser, skopje: Organisation) -> User:
    return make_user("skopje.focal", skopje, Role.FOCAL_POINT)


@pytest.fixture
def vienna_analyst(make_user: MakeUser, cpc: Organisation) -> User:
    return make_user("vienna.analyst", cpc, Role.ANALYST, Classification.RESTRICTED)


@pytest.fixture
def outsider(make_user: MakeUser, unhcr: Organisation) -> User:
    return make_user("unhcr.partner", unhcr, Role.EDITOR)


@pytest.fixture
def make_event(db: None) -> Callable[..., Event]:
    counter = iter(range(1_000_000))

    def make(owner: Organisation, classification: str = Classification.PUBLIC, **fields: object) -> Event:
        values: dict[str, object] = {
            "slug": f"test-event-{next(counter)}",
            "kind": "incident",
            "title": "A test incident",
            "date_start": date(2016, 3, 9),
            "date_end": date(2016, 3, 9),
            "date_precision": "day",
        }
        values.update(fields)
        return Event.objects.create(owner=owner, classification=classification, **values)

    return make
