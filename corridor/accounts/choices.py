from django.db import models


class Role(models.TextChoices):
    """What a member may do in their organisation. Analysts also read across organisations."""

    VIEWER = "viewer", "Viewer"
    EDITOR = "editor", "Editor"
    FOCAL_POINT = "focal_point", "Focal point"
    ANALYST = "analyst", "Analyst"
    ADMIN = "admin", "Administrator"


EDITING_ROLES = frozenset({Role.EDITOR, Role.FOCAL_POINT, Role.ANALYST, Role.ADMIN})
APPROVING_ROLES = frozenset({Role.FOCAL_POINT, Role.ADMIN})
ADMINISTERING_ROLES = frozenset({Role.ADMIN})


class RecordKind(models.TextChoices):
    """The kinds of record an organisation's members create, each with a default classification."""

    OBSERVATION = "observation", "Daily counts"
    VISIT = "visit", "Monitoring visits"
    EVENT = "event", "Events"
    ACTIVITY = "activity", "Activities and trainings"
    MEETING = "meeting", "Meetings"
    PLACE = "place", "Places"
