from django.db import models


class Classification(models.TextChoices):
    """How widely a record may be read. Ordered: each level includes the ones before it."""

    PUBLIC = "public", "Public"
    INTERNAL = "internal", "Internal"
    RESTRICTED = "restricted", "Restricted"

    @classmethod
    def rank(cls, value: str) -> int:
        return [choice.value for choice in cls].index(value)

    @classmethod
    def up_to(cls, value: str) -> list[str]:
        """The levels a reader cleared to `value` may read."""
        return [choice.value for choice in cls][: cls.rank(value) + 1]


class SourceKind(models.TextChoices):
    STUDY = "study", "Study"
    DATASET = "dataset", "Dataset"
    DOCUMENT = "document", "Document"
    STANDARD = "standard", "Standard"
    EDITORIAL = "editorial", "Editorial"
