from django.db import models


class ReportKind(models.TextChoices):
    """The four reports the study found missions writing by hand (section 6.2), and the one none wrote."""

    REGIONAL = "regional", "Regional situation report"
    MISSION = "mission", "Mission background report"
    SPOT = "spot", "Spot report"
    UPDATE = "update", "Activity update"


REFERENCE_CODES = {
    ReportKind.REGIONAL: "REG",
    ReportKind.MISSION: "MIS",
    ReportKind.SPOT: "SPT",
    ReportKind.UPDATE: "UPD",
}


class OutputFormat(models.TextChoices):
    HTML = "html", "HTML (interactive, works offline)"
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word"


CONTENT_TYPES = {
    OutputFormat.HTML: "text/html; charset=utf-8",
    OutputFormat.PDF: "application/pdf",
    OutputFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
