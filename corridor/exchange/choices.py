from django.db import models


class ImportKind(models.TextChoices):
    """What a file holds: one record (or, unpivoted, several) per row."""

    OBSERVATIONS = "observations", "Flow observations"
    EVENTS = "events", "Timeline events"
    ACTIVITIES = "activities", "Activities"
    PLACES = "places", "Places"


class ImportMode(models.TextChoices):
    """All or nothing (the default), or write every valid row whole and report the others."""

    ALL_OR_NOTHING = "all_or_nothing", "Nothing unless the whole file is valid"
    VALID_ROWS_ONLY = "valid_rows_only", "Valid rows only (each row whole or not at all)"


class ExportFormat(models.TextChoices):
    HXL = "hxl", "HXL CSV (header row and hashtag row)"
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel workbook"
    JSON = "json", "JSON"


class RunStatus(models.TextChoices):
    SUCCEEDED = "succeeded", "Written"
    PARTIAL = "partial", "Valid rows written, others reported"
