"""The search index: one row per searchable record, kept current by database triggers.

No application code writes these rows. Triggers on each indexed table (installed by this app's
migrations, see `triggers.py`) insert, update and delete the entry whenever the record changes — through a
service, the admin, the case-study loader, an importer or a plain `QuerySet.update()`. On PostgreSQL a
narrow match table (`search_match`, not a Django model) copies each entry's columns but the text, with a
weighted, GIN-indexed `tsvector`; on SQLite an FTS5 external-content table (`search_fts`) indexes the
entry's title, body and places.
"""

from django.db import models


class SearchEntry(models.Model):
    """The searchable text of one record, with the columns that filter and restrict it.

    `classification` and `owner` copy the record's own (a mandate clause's come from its mandate), so the
    visibility funnel's condition (`accounts.access.readable`) applies to entries exactly as to records.
    `places` holds the names of the *public* places linked to an event, activity or visit, so "presevo"
    finds the joint visit to Preševo; a non-public place's name would reveal it to readers who may not
    read the place, so it is left out. `organisation` is who the record belongs to for the operation
    filter: an activity's lead, a visit's operation, a clause's mandate holder, a document's or
    recommendation's issuer.
    """

    kind = models.CharField(max_length=24)
    object_id = models.BigIntegerField()
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)
    places = models.TextField(blank=True, help_text="Names of the public places the record is linked to.")
    classification = models.CharField(max_length=16)
    owner = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    theme = models.CharField(max_length=24, blank=True)
    dimension = models.CharField(max_length=24, blank=True)
    date_start = models.DateField(null=True)
    date_end = models.DateField(null=True)

    class Meta:
        ordering = ["kind", "object_id"]
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_one_per_record"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title[:60]}"
