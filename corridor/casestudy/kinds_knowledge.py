"""Load documents, mandates and clauses, focal points, working groups, commitments, recommendations."""

from __future__ import annotations

from corridor.actors.models import FocalPoint, WorkingGroup
from corridor.casestudy.context import LoadContext, unique_slugs
from corridor.casestudy.reading import RawRecord
from corridor.core.dates import DateSpan
from corridor.knowledge.choices import (
    CommitmentTheme,
    Dimension,
    DocumentKind,
    MandateBreadth,
    RecommendationStatus,
)
from corridor.knowledge.models import (
    Commitment,
    Document,
    Mandate,
    MandateClause,
    Recommendation,
    RecommendationFollowUp,
)


def _date_values(span: DateSpan | None) -> dict[str, object]:
    if span is None:
        return {"date_start": None, "date_end": None, "date_precision": ""}
    return {"date_start": span.start, "date_end": span.end, "date_precision": span.precision}


def load_documents(ctx: LoadContext, records: list[RawRecord]) -> None:
    def load(record: RawRecord) -> None:
        kind = ctx.choice(record, "kind", DocumentKind)
        title = ctx.text(record, "title", required=True)
        issuer = (
            ctx.lookup(record, "issuer", "organisation", record.get("issuer"))
            if record.get("issuer")
            else None
        )
        span = ctx.span(record, "date", required=False)
        footnotes = record.get("footnotes") or []
        if not all(isinstance(number, int) for number in footnotes):
            ctx.problem(record, "footnotes", "must be a list of footnote numbers")
            footnotes = []
        if kind is None or not title:
            return
        document = ctx.syncer.upsert(
            Document,
            key={"slug": record.get("slug")},
            values={
                "symbol": ctx.text(record, "symbol"),
                "title": title,
                "kind": kind,
                "issuer": issuer,
                "place_text": ctx.text(record, "place"),
                "footnotes": footnotes,
                **ctx.handling(record, issuer),
                **_date_values(span),
            },
        )
        ctx.register("document", document.slug, document)
        ctx.syncer.cite(document, ctx.citations(record))

    ctx.each(unique_slugs(ctx, records, "document"), load)


def load_mandates(ctx: LoadContext, records: list[RawRecord]) -> None:
    seen: set[str] = set()

    def load(record: RawRecord) -> None:
        operation = ctx.lookup(record, "operation", "organisation", record.get("operation"))
        breadth = ctx.choice(record, "breadth", MandateBreadth)
        documents = ctx.lookup_many(record, "documents", "document")
        if operation is None or breadth is None:
            return
        if operation.slug in seen:
            ctx.problem(record, "operation", f"{operation.slug} already has a mandate")
            return
        seen.add(operation.slug)
        mandate = ctx.syncer.upsert(
            Mandate,
            key={"operation": operation},
            values={
                "breadth": breadth,
                "breadth_quote": ctx.text(record, "breadth_quote"),
                "summary": ctx.text(record, "summary"),
                **ctx.handling(record, operation),
            },
            m2m={"documents": documents},
        )
        ctx.syncer.cite(mandate, ctx.citations(record))
        _load_clauses(ctx, record, mandate)

    ctx.each(records, load)


def _load_clauses(ctx: LoadContext, record: RawRecord, mandate: Mandate) -> None:
    stored = {clause.ref: clause for clause in mandate.clauses.all()}
    wanted: set[str] = set()
    for index, entry in enumerate(record.get("clauses") or []):
        where = f"clauses[{index}]"
        ref, text = entry.get("ref"), " ".join(str(entry.get("text", "")).split())
        dimension = entry.get("dimension")
        if not ref or not text:
            ctx.problem(record, where, "a clause needs ref and text")
            continue
        if ref in wanted:
            ctx.problem(record, f"{where}.ref", f"clause {ref!r} is defined twice")
            continue
        if dimension not in Dimension.values:
            ctx.problem(
                record, f"{where}.dimension", f"{dimension!r} is not one of: {', '.join(Dimension.values)}"
            )
            continue
        wanted.add(ref)
        clause = ctx.syncer.upsert(
            MandateClause,
            key={"mandate": mandate, "ref": ref},
            values={"text": text, "dimension": dimension, "topics": list(entry.get("topics") or [])},
            existing=stored.get(ref),
        )
        ctx.register("clause", f"{mandate.operation.slug}:{ref}", clause)
        clause_record = RawRecord(record.kind, record.file, record.line, entry)
        ctx.syncer.cite(clause, ctx.citations(clause_record) or ctx.citations(record))
    for ref, stale in stored.items():
        if ref not in wanted:
            stale.delete()
            ctx.syncer.counts.deleted["knowledge.MandateClause"] += 1


def _load_arrangements(
    ctx: LoadContext, records: list[RawRecord], model: type[FocalPoint] | type[WorkingGroup], kind: str
) -> None:
    def load(record: RawRecord) -> None:
        organisation = ctx.lookup(record, "organisation", "organisation", record.get("organisation"))
        topic = ctx.text(record, "topic", required=True)
        exists = record.get("exists", True)
        span = ctx.span(record, "established", required=False)
        tasks = [" ".join(str(task).split()) for task in record.get("tasks") or []]
        if organisation is None or not topic:
            return
        arrangement: FocalPoint | WorkingGroup = ctx.syncer.upsert(
            model,
            key={"slug": record.get("slug")},
            values={
                "organisation": organisation,
                "topic": topic,
                "exists": bool(exists),
                "tasks": tasks,
                "held_by": ctx.text(record, "held_by"),
                "date_note": ctx.text(record, "date_note"),
                **ctx.handling(record, organisation),
                **_date_values(span),
            },
        )
        ctx.register(kind, arrangement.slug, arrangement)
        ctx.syncer.cite(arrangement, ctx.citations(record))

    ctx.each(unique_slugs(ctx, records, kind), load)


def load_focal_points(ctx: LoadContext, records: list[RawRecord]) -> None:
    _load_arrangements(ctx, records, FocalPoint, "focal point")


def load_working_groups(ctx: LoadContext, records: list[RawRecord]) -> None:
    _load_arrangements(ctx, records, WorkingGroup, "working group")


def load_commitments(ctx: LoadContext, records: list[RawRecord]) -> None:
    def load(record: RawRecord) -> None:
        document = (
            ctx.lookup(record, "document", "document", record.get("document"))
            if record.get("document")
            else None
        )
        theme = ctx.choice(record, "theme", CommitmentTheme)
        dimension = ctx.choice(record, "dimension", Dimension)
        text = ctx.text(record, "text", required=True)
        if theme is None or dimension is None or not text:
            return
        commitment = ctx.syncer.upsert(
            Commitment,
            key={"slug": record.get("slug")},
            values={
                "document": document,
                "text": text,
                "theme": theme,
                "dimension": dimension,
                **ctx.handling(record),
            },
        )
        ctx.register("commitment", commitment.slug, commitment)
        ctx.syncer.cite(commitment, ctx.citations(record))

    ctx.each(unique_slugs(ctx, records, "commitment"), load)


def load_recommendations(ctx: LoadContext, records: list[RawRecord]) -> None:
    def load(record: RawRecord) -> None:
        issuer = ctx.lookup(record, "issuer", "organisation", record.get("issuer"))
        document = (
            ctx.lookup(record, "source_document", "document", record.get("source_document"))
            if record.get("source_document")
            else None
        )
        status = ctx.choice(record, "status", RecommendationStatus, default=RecommendationStatus.OPEN)
        text = ctx.text(record, "text", required=True)
        follow_ups = []
        for index, entry in enumerate(record.get("follow_ups") or []):
            entry_record = RawRecord(record.kind, record.file, record.line, entry)
            span = ctx.span(entry_record, "date")
            if span is None:
                continue
            follow_ups.append((span, " ".join(str(entry.get("text", "")).split()), entry_record, index))
        if issuer is None or status is None or not text:
            return
        recommendation = ctx.syncer.upsert(
            Recommendation,
            key={"slug": record.get("slug")},
            values={
                "issuer": issuer,
                "source_document": document,
                "addressee": ctx.text(record, "addressee"),
                "text": text,
                "status": status,
                **ctx.handling(record, issuer),
            },
        )
        ctx.register("recommendation", recommendation.slug, recommendation)
        ctx.syncer.cite(recommendation, ctx.citations(record))
        children = ctx.syncer.replace_children(
            RecommendationFollowUp,
            parent_field="recommendation",
            parent=recommendation,
            rows=[{"text": text, **_date_values(span)} for span, text, _, _ in follow_ups],
            compare=["text", "date_start", "date_end", "date_precision"],
        )
        for child, (_, _, entry_record, _) in zip(children, follow_ups, strict=True):
            ctx.syncer.cite(child, ctx.citations(entry_record) or ctx.citations(record))

    ctx.each(unique_slugs(ctx, records, "recommendation"), load)
