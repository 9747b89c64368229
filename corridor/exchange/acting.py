"""Who an import acts for: a signed-in user (checked record by record), or the platform itself.

`PLATFORM` is what `corridor import` acts as when no `--user` is given, and what `make demo` uses to load
the shipped real data: like `corridor casestudy load`, an operator with the database in hand, who may
read and write every record; history rows name no user. Web and API interfaces always pass the
request's user, never `PLATFORM`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, TypeAlias

from django.db.models import QuerySet

from corridor.accounts.access import can_approve, can_edit
from corridor.actors.models import Organisation
from corridor.actors.selectors import organisations_visible_to
from corridor.geo.models import Place
from corridor.geo.selectors import places_visible_to
from corridor.timeline.models import Event
from corridor.timeline.selectors import events_visible_to

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.accounts.models import User


class Platform:
    """The platform acting on its own behalf (an operator's command), not any user."""

    def __repr__(self) -> str:
        return "PLATFORM"


PLATFORM: Final = Platform()

Actor: TypeAlias = "Reader | Platform"


def may_write_for(actor: Actor, owner_id: int) -> bool:
    return actor is PLATFORM or can_edit(actor, owner_id=owner_id)  # type: ignore[arg-type]


def may_publish_for(actor: Actor, owner_id: int) -> bool:
    """Whether a file may state `public` for `owner_id`'s records: the platform loads files that state it,
    a user must be a focal point or an administrator of the owner."""
    return actor is PLATFORM or can_approve(actor, owner_id=owner_id)  # type: ignore[arg-type]


def history_user(actor: Actor) -> User | None:
    """The user history rows name; none for the platform or an anonymous caller."""
    if isinstance(actor, Platform) or actor is None or not actor.is_authenticated:
        return None
    return actor  # type: ignore[return-value]


def places_for(actor: Actor) -> QuerySet[Place]:
    if isinstance(actor, Platform):
        return Place.objects.all()
    return places_visible_to(actor)


def organisations_for(actor: Actor) -> QuerySet[Organisation]:
    if isinstance(actor, Platform):
        return Organisation.objects.all()
    return organisations_visible_to(actor)


def events_for(actor: Actor) -> QuerySet[Event]:
    if isinstance(actor, Platform):
        return Event.objects.all()
    return events_visible_to(actor)
