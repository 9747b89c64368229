"""Where a record's statements come from: its citations, for any kind of record."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from corridor.core.models import Citation, Source


def citations_of(record: Model) -> QuerySet[Citation]:
    """`record`'s citations in order, each with its source; `record` must already be read through the funnel
    (sources are public: the 2016 study and the shipped datasets)."""
    return (
        Citation.objects.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)
        .select_related("source")
        .order_by("position")
    )


def list_sources() -> QuerySet[Source]:
    """Every work records cite; all are public (the study, the shipped datasets, standards, gazetteers)."""
    return Source.objects.order_by("slug")
