"""Load the 2015–16 Western Balkans case study from its reviewed data files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from corridor.casestudy import kinds_knowledge, kinds_records, kinds_reference
from corridor.casestudy.context import LoadContext
from corridor.casestudy.problems import CaseStudyInvalid
from corridor.casestudy.reading import read_kind
from corridor.casestudy.sync import SyncCounts

DATA_DIR = Path(__file__).resolve().parent / "data"

_COMMON = frozenset({"slug", "sources", "note", "classification", "owner"})
FIELDS: dict[str, frozenset[str]] = {
    "sources": frozenset({"slug", "kind", "title", "reference", "licence"}),
    "countries": frozenset({"code", "alpha3", "name", "names", "osce_status", "sources"}),
    "organisations": _COMMON
    | {
        "name",
        "short_name",
        "kind",
        "parent",
        "country",
        "hq_city",
        "established",
        "description",
        "field_operation",
    },
    "places": _COMMON | {"name", "names", "kind", "country", "parent", "lat", "lon", "coordinates_source"},
    "route_links": _COMMON - {"slug"} | {"from", "to", "mode", "distance_km"},
    "documents": _COMMON | {"symbol", "title", "kind", "issuer", "date", "place", "footnotes"},
    "mandates": _COMMON - {"slug"}
    | {"operation", "breadth", "breadth_quote", "summary", "documents", "clauses"},
    "focal_points": _COMMON
    | {"organisation", "topic", "exists", "established", "date_note", "tasks", "held_by"},
    "working_groups": _COMMON
    | {"organisation", "topic", "exists", "established", "date_note", "tasks", "held_by"},
    "commitments": _COMMON | {"document", "text", "theme", "dimension"},
    "recommendations": _COMMON | {"source_document", "issuer", "addressee", "text", "status", "follow_ups"},
    "observations": _COMMON
    | {"place", "date", "metric", "value", "value_qualifier", "breakdown", "source_organisation"},
    "events": _COMMON
    | {"date", "kind", "title", "description", "places", "countries", "actors", "documents"},
    "activities": _COMMON
    | {
        "title",
        "description",
        "category",
        "lead",
        "role",
        "partners",
        "date",
        "date_note",
        "places",
        "countries",
        "funding",
        "status",
        "quantities",
        "mandate_clauses",
        "commitments",
        "training",
    },
    "meetings": _COMMON
    | {
        "title",
        "convenor",
        "participants",
        "date",
        "recurrence",
        "place",
        "agenda",
        "decisions",
        "action_points",
    },
    "visits": _COMMON
    | {
        "operation",
        "team",
        "places",
        "start",
        "end",
        "date_note",
        "overnight",
        "purpose",
        "findings",
        "follow_up",
    },
}
KINDS = tuple(FIELDS)


@dataclass(frozen=True)
class LoadReport:
    """What a load did, per model; `dry_run` loads are rolled back."""

    counts: SyncCounts
    dry_run: bool

    @property
    def changed(self) -> bool:
        return self.counts.writes > 0


class _DryRunRollback(Exception):
    pass


def load_case_study(*, data_dir: Path = DATA_DIR, dry_run: bool = False) -> LoadReport:
    """Load every data file in one transaction; on any problem raise `CaseStudyInvalid` and write nothing.

    Idempotent: loading unchanged files again writes no row (no version, history or timestamp changes).
    """
    ctx = LoadContext()
    records = {kind: read_kind(data_dir, kind, ctx.problems) for kind in KINDS}
    for kind, kind_records in records.items():
        ctx.check_fields(kind_records, FIELDS[kind])
    if ctx.problems:
        raise CaseStudyInvalid(list(ctx.problems))
    try:
        with transaction.atomic():
            _load_all(ctx, records)
            if ctx.problems:
                raise CaseStudyInvalid(list(ctx.problems))
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    return LoadReport(counts=ctx.syncer.counts, dry_run=dry_run)


def _load_all(ctx: LoadContext, records: dict) -> None:
    kinds_reference.load_sources(ctx, records["sources"])
    kinds_reference.load_countries(ctx, records["countries"])
    kinds_reference.load_organisations(ctx, records["organisations"])
    kinds_reference.load_country_places(ctx, records["countries"])
    kinds_reference.load_places(ctx, records["places"])
    kinds_reference.load_route_links(ctx, records["route_links"])
    kinds_reference.load_field_operations(ctx, records["organisations"])
    kinds_knowledge.load_documents(ctx, records["documents"])
    kinds_knowledge.load_mandates(ctx, records["mandates"])
    kinds_knowledge.load_focal_points(ctx, records["focal_points"])
    kinds_knowledge.load_working_groups(ctx, records["working_groups"])
    kinds_knowledge.load_commitments(ctx, records["commitments"])
    kinds_knowledge.load_recommendations(ctx, records["recommendations"])
    kinds_records.load_observations(ctx, records["observations"])
    kinds_records.load_events(ctx, records["events"])
    kinds_records.load_activities(ctx, records["activities"])
    kinds_records.load_meetings(ctx, records["meetings"])
    kinds_records.load_visits(ctx, records["visits"])
