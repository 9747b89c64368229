"""Cross-domain readers: what the platform holds, as a given user sees it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from corridor.actors.selectors import field_operations_visible_to
from corridor.geo.selectors import places_visible_to
from corridor.knowledge.selectors import (
    commitments_visible_to,
    documents_visible_to,
    recommendations_visible_to,
)
from corridor.monitoring.selectors import observations_visible_to, visits_visible_to
from corridor.operations.selectors import activities_visible_to, meetings_visible_to
from corridor.timeline.selectors import events_visible_to

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


@dataclass(frozen=True)
class Holding:
    label: str
    count: int


def holdings_visible_to(user: Reader) -> list[Holding]:
    """How many records of each kind `user` may read."""
    return [
        Holding("Field operations", field_operations_visible_to(user).count()),
        Holding("Places", places_visible_to(user).count()),
        Holding("Places with coordinates", places_visible_to(user).filter(latitude__isnull=False).count()),
        Holding("Timeline events", events_visible_to(user).count()),
        Holding("Activities", activities_visible_to(user).count()),
        Holding("Meetings", meetings_visible_to(user).count()),
        Holding("Monitoring visits", visits_visible_to(user).count()),
        Holding("Documents", documents_visible_to(user).count()),
        Holding("Commitments", commitments_visible_to(user).count()),
        Holding("Recommendations", recommendations_visible_to(user).count()),
        Holding("Flow observations", observations_visible_to(user).count()),
    ]
