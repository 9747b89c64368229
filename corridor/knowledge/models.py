"""Documents, the commitments they contain, field-operation mandates and their clauses, and
recommendations with their follow-ups."""

from django.db import models

from corridor.core.models import ClassifiedRecord, DatedMixin, OptionalDatedMixin, Record
from corridor.knowledge.choices import (
    CommitmentTheme,
    Dimension,
    DocumentKind,
    MandateBreadth,
    RecommendationStatus,
)


class Document(ClassifiedRecord, OptionalDatedMixin):
    """A document: an OSCE decision, a report, a resolution, a mandate. Dated where the source dates it."""

    slug = models.SlugField(max_length=100, unique=True)
    symbol = models.CharField(max_length=80, blank=True, db_index=True, help_text="e.g. MC.DEC/5/09")
    title = models.CharField(max_length=400)
    kind = models.CharField(max_length=24, choices=DocumentKind.choices, db_index=True)
    issuer = models.ForeignKey(
        "actors.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )
    place_text = models.CharField(max_length=120, blank=True)
    body = models.TextField(blank=True)
    footnotes = models.JSONField(default=list, blank=True)

    class Meta(OptionalDatedMixin.Meta):
        ordering = [models.F("date_start").asc(nulls_last=True), "title"]  # undated documents last

    def __str__(self) -> str:
        return f"{self.symbol} {self.title}".strip()


class Commitment(ClassifiedRecord):
    """An undertaking of the participating States found in a document, by theme and dimension."""

    slug = models.SlugField(max_length=100, unique=True)
    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        help_text="Empty where the source states the commitment without citing its document.",
    )
    text = models.TextField()
    theme = models.CharField(max_length=24, choices=CommitmentTheme.choices, db_index=True)
    dimension = models.CharField(max_length=24, choices=Dimension.choices, db_index=True)

    class Meta:
        ordering = ["theme", "slug"]

    def __str__(self) -> str:
        return self.text[:80]


class Mandate(ClassifiedRecord):
    """A field operation's mandate: how broad it is, what founds it, and its clauses."""

    operation = models.OneToOneField("actors.Organisation", on_delete=models.PROTECT, related_name="mandate")
    breadth = models.CharField(max_length=16, choices=MandateBreadth.choices)
    breadth_quote = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    documents = models.ManyToManyField(Document, blank=True, related_name="mandates")

    class Meta:
        ordering = ["operation__name"]

    def __str__(self) -> str:
        return f"Mandate of {self.operation}"


class MandateClause(Record):
    """A clause of a mandate, as the source quotes it. Readable by whoever may read the mandate."""

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="clauses")
    ref = models.SlugField(max_length=80)
    text = models.TextField()
    dimension = models.CharField(max_length=24, choices=Dimension.choices)
    topics = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["mandate__operation__name", "ref"]
        constraints = [models.UniqueConstraint(fields=["mandate", "ref"], name="knowledge_clause_ref_unique")]

    def __str__(self) -> str:
        return f"{self.mandate.operation}: {self.ref}"


class Recommendation(ClassifiedRecord):
    """A recommendation made to the OSCE or its participating States, tracked to its outcome."""

    slug = models.SlugField(max_length=100, unique=True)
    source_document = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="recommendations"
    )
    issuer = models.ForeignKey(
        "actors.Organisation", on_delete=models.PROTECT, related_name="recommendations"
    )
    addressee = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    status = models.CharField(
        max_length=16, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN, db_index=True
    )

    class Meta:
        ordering = ["issuer__name", "slug"]

    def __str__(self) -> str:
        return self.text[:80]


class RecommendationFollowUp(Record, DatedMixin):
    """Something that happened to a recommendation: adopted, rejected, acted on."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="follow_ups")
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta(DatedMixin.Meta):
        ordering = ["recommendation_id", "date_start", "position"]

    def __str__(self) -> str:
        return f"{self.date_text}: {self.text[:60]}"
