from django.db import models


class EventKind(models.TextChoices):
    BORDER_POLICY_CHANGE = "border_policy_change", "Border policy change"
    INCIDENT = "incident", "Incident"
    MEETING = "meeting", "Meeting"
    REPORT = "report", "Report"
    RESOLUTION = "resolution", "Resolution"
    CONFERENCE = "conference", "Conference"
    VISIT = "visit", "Visit"
    INTERVIEW = "interview", "Study interview"
    TRAINING = "training", "Training"
    DECISION = "decision", "Decision"
    ESTABLISHMENT = "establishment", "Establishment"
    STATEMENT = "statement", "Statement"
    OTHER = "other", "Other"
