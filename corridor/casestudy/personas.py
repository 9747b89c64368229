"""Demo personas: one sign-in per kind of user, for `make demo` and for trying the access rules."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from corridor.accounts.access import forget_access
from corridor.accounts.choices import Role
from corridor.accounts.models import Membership, User
from corridor.actors.choices import OrganisationKind
from corridor.actors.models import Organisation
from corridor.core.choices import Classification

DEMO_DELEGATION = "demo-delegation"


@dataclass(frozen=True)
class Persona:
    username: str
    description: str
    organisation: str
    role: str
    clearance: str = Classification.PUBLIC
    superuser: bool = False


PERSONAS = (
    Persona(
        "skopje.focal",
        "Migration focal point, OSCE Mission to Skopje",
        "osce-mission-to-skopje",
        Role.FOCAL_POINT,
    ),
    Persona("serbia.editor", "Editor, OSCE Mission to Serbia", "osce-mission-to-serbia", Role.EDITOR),
    Persona(
        "vienna.analyst",
        "Analyst, Conflict Prevention Centre, OSCE Secretariat (cleared: restricted)",
        "osce-secretariat-cpc",
        Role.ANALYST,
        Classification.RESTRICTED,
    ),
    Persona(
        "delegation.reader",
        "Reader at a participating State's delegation (reads public records)",
        DEMO_DELEGATION,
        Role.VIEWER,
    ),
    Persona("admin", "Platform administrator", "osce-secretariat-cpc", Role.ADMIN, superuser=True),
)


@dataclass(frozen=True)
class PersonaLogin:
    persona: Persona
    password: str


def demo_password(persona: Persona) -> str:
    return f"corridor-demo-{persona.username.split('.')[0]}"


@transaction.atomic
def create_demo_personas() -> list[PersonaLogin]:
    """Create (or reset) the demo users and their memberships; returns their sign-ins."""
    Organisation.objects.get_or_create(
        slug=DEMO_DELEGATION,
        defaults={"name": "Delegation of a participating State (demo)", "kind": OrganisationKind.DELEGATION},
    )
    logins = []
    for persona in PERSONAS:
        organisation = Organisation.objects.get(slug=persona.organisation)
        user, _ = User.objects.get_or_create(username=persona.username)
        user.first_name = persona.description
        user.is_superuser = user.is_staff = persona.superuser
        password = demo_password(persona)
        user.set_password(password)
        user.save()
        Membership.objects.update_or_create(
            user=user,
            organisation=organisation,
            defaults={"role": persona.role, "clearance": persona.clearance, "is_active": True},
        )
        forget_access(user)
        logins.append(PersonaLogin(persona, password))
    return logins
