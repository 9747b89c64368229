"""Fixtures for search and the knowledge base: one Skopje-owned record of every searchable kind at every
classification, each carrying the marker word "Zorkavian" (found nowhere in the case study)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from corridor.actors.models import FieldOperation, FocalPoint, Interview, Organisation, WorkingGroup
from corridor.core.choices import Classification
from corridor.geo.models import Country, Place
from corridor.knowledge.models import Commitment, Document, Mandate, MandateClause, Recommendation
from corridor.monitoring.models import MonitoringVisit
from corridor.operations.models import Activity
from corridor.timeline.models import Event

LEVELS = (Classification.PUBLIC, Classification.INTERNAL, Classification.RESTRICTED)
MARKER = "Zorkavian"


def _span(day: date) -> dict[str, Any]:
    return {"date_start": day, "date_end": day, "date_precision": "day"}


@pytest.fixture
def zorkavian(skopje: Organisation) -> dict[str, dict[str, Any]]:
    """kind → level → a Skopje-owned record of that kind and classification, written through the ORM only."""
    macedonia = Country.objects.get(code="MK")
    records: dict[str, dict[str, Any]] = {}
    for index, level in enumerate(LEVELS):
        owned = {"owner": skopje, "classification": level}
        day = date(2016, 4, 1 + index)
        text = f"{MARKER} {level}"
        operation = Organisation.objects.create(
            slug=f"test-operation-{level}", name=f"Test operation {level}", kind="osce_field_operation"
        )
        mandate = Mandate.objects.create(
            operation=operation, breadth="broad", breadth_quote=f"{text} mandate", **owned
        )
        engaged = Organisation.objects.create(
            slug=f"test-engaged-operation-{level}",
            name=f"Test engaged operation {level}",
            kind="osce_field_operation",
            country=macedonia,
            **owned,
        )
        headquarters = Place.objects.get(slug="mk")
        made = {
            "place": Place.objects.create(
                slug=f"zorkavian-{level}-place", name=f"{text} place", kind="camp", country=macedonia, **owned
            ),
            "organisation": Organisation.objects.create(
                slug=f"zorkavian-{level}-ngo", name=f"{text} NGO", kind="ngo", **owned
            ),
            "document": Document.objects.create(
                slug=f"zorkavian-{level}-document", title=f"{text} document", kind="report", **owned
            ),
            "commitment": Commitment.objects.create(
                slug=f"zorkavian-{level}-commitment",
                text=f"{text} commitment",
                theme="general",
                dimension="human",
                **owned,
            ),
            "mandate_clause": MandateClause.objects.create(
                mandate=mandate, ref=f"clause-{level}", text=f"{text} clause", dimension="human"
            ),
            "recommendation": Recommendation.objects.create(
                slug=f"zorkavian-{level}-recommendation",
                text=f"{text} recommendation",
                issuer=skopje,
                **owned,
            ),
            "event": Event.objects.create(
                slug=f"zorkavian-{level}-event",
                kind="incident",
                title=f"{text} incident",
                **owned,
                **_span(day),
            ),
            "activity": Activity.objects.create(
                slug=f"zorkavian-{level}-activity",
                title=f"{text} activity",
                category="monitoring",
                lead=skopje,
                **owned,
                **_span(day),
            ),
            "field_operation": FieldOperation.objects.create(
                organisation=engaged,
                host_country=macedonia,
                headquarters=headquarters,
                engagement_note=f"{text} engagement",
            ),
            "interview": Interview.objects.create(
                organisation=engaged, positions=[f"{text} interviewee"], **_span(day)
            ),
            "focal_point": FocalPoint.objects.create(
                slug=f"zorkavian-{level}-focal-point",
                organisation=skopje,
                topic=f"{text} focal point",
                **owned,
            ),
            "working_group": WorkingGroup.objects.create(
                slug=f"zorkavian-{level}-working-group",
                organisation=skopje,
                topic=f"{text} working group",
                **owned,
            ),
            "mandate": mandate,
            "visit": MonitoringVisit.objects.create(
                slug=f"zorkavian-{level}-visit",
                operation=skopje,
                purpose=f"{text} visit",
                **owned,
                **_span(day),
            ),
        }
        for kind, record in made.items():
            records.setdefault(kind, {})[level] = record
    return records


THROUGH_PARENT = ("mandate_clause", "field_operation", "interview")
"""Kinds that are not classified themselves: read through their mandate or organisation."""


def key_of(kind: str, record: Any) -> str:
    if kind == "field_operation":  # the profile row, or the organisation the selector returns
        return str(getattr(record, "organisation", record).slug)
    if kind == "interview":
        return str(record.uid)
    if kind == "mandate":
        return str(record.operation.slug)
    if kind == "mandate_clause":
        return f"{record.mandate.operation.slug}:{record.ref}"
    return str(record.slug)
