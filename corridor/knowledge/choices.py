from django.db import models


class DocumentKind(models.TextChoices):
    DECISION = "decision", "Decision"
    DECLARATION = "declaration", "Declaration"
    DOCUMENT = "document", "Document"
    REPORT = "report", "Report"
    RESOLUTION = "resolution", "Resolution"
    STRATEGY = "strategy", "Strategy"
    HANDBOOK = "handbook", "Handbook or guide"
    MANDATE = "mandate", "Mandate"
    SPOT_REPORT = "spot_report", "Spot report"
    BACKGROUND_REPORT = "background_report", "Background report"
    ACTIVITY_UPDATE = "activity_update", "Activity update"
    OTHER = "other", "Other"


class CommitmentTheme(models.TextChoices):
    LABOUR = "labour", "Labour migration"
    HUMAN_DIMENSION = "human_dimension", "Human dimension of migration"
    ENVIRONMENTAL = "environmental", "Environmental migration"
    ILLEGAL = "illegal", "Illegal migration"
    FORCED = "forced", "Forced migration"
    GENERAL = "general", "General"


class Dimension(models.TextChoices):
    POLITICO_MILITARY = "politico_military", "Politico-military"
    ECONOMIC_ENVIRONMENTAL = "economic_environmental", "Economic and environmental"
    HUMAN = "human", "Human"
    CROSS_DIMENSIONAL = "cross_dimensional", "Cross-dimensional"


class MandateBreadth(models.TextChoices):
    BROAD = "broad", "Broad"
    SPECIFIC = "specific", "Specific"


class RecommendationStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    IMPLEMENTED = "implemented", "Implemented"
    NOT_IMPLEMENTED = "not_implemented", "Not implemented"
    UNKNOWN = "unknown", "Unknown"
