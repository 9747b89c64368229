"""Writers for the work of field operations: activities and trainings (`activities`), coordination
meetings with their decisions and action points (`meetings`)."""

from corridor.operations.services.activities import (
    ACTIVITY_LINKS,
    record_activity,
    update_activity,
)
from corridor.operations.services.meetings import (
    open_action_point,
    record_meeting,
    set_action_point_status,
    update_action_point,
    update_meeting,
)
from corridor.operations.versions import (
    ActionPointInput,
    ParticipationInput,
    QuantityInput,
    TrainingInput,
)

__all__ = [
    "ACTIVITY_LINKS",
    "ActionPointInput",
    "ParticipationInput",
    "QuantityInput",
    "TrainingInput",
    "open_action_point",
    "record_activity",
    "record_meeting",
    "set_action_point_status",
    "update_action_point",
    "update_activity",
    "update_meeting",
]
