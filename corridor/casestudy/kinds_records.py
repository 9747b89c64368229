"""Load the records of the work: study figures, events, activities, meetings and monitoring visits."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from corridor.basis.choices import Verdict
from corridor.basis.models import BasisDecision
from corridor.casestudy.context import LoadContext, unique_slugs
from corridor.casestudy.kinds_knowledge import _date_values
from corridor.casestudy.reading import RawRecord
from corridor.core.dates import DateSpan, DateSpanError
from corridor.geo.iso import is_country_code
from corridor.knowledge.models import Commitment, MandateClause
from corridor.monitoring.choices import Concern, FindingAspect, Metric, Sex, ValueQualifier
from corridor.monitoring.models import Finding, FlowObservation, MonitoringVisit
from corridor.operations.choices import (
    ActionPointStatus,
    ActivityCategory,
    ActivityStatus,
    Funding,
    LeadRole,
    Recurrence,
)
from corridor.operations.models import (
    ActionPoint,
    Activity,
    ActivityQuantity,
    Meeting,
    MeetingDecision,
    Training,
    TrainingParticipation,
)
from corridor.timeline.choices import EventKind
from corridor.timeline.models import Event

STUDY_AUTHORS = "study-authors"


def _span_values(span: DateSpan) -> dict[str, object]:
    return {"date_start": span.start, "date_end": span.end, "date_precision": span.precision}


def _countries(ctx: LoadContext, record: RawRecord) -> list:
    return ctx.lookup_many(record, "countries", "country")


def load_observations(ctx: LoadContext, records: list[RawRecord]) -> None:
    def load(record: RawRecord) -> None:
        place = ctx.lookup(record, "place", "place", record.get("place"))
        span = ctx.span(record, "date")
        metric = ctx.choice(record, "metric", Metric)
        qualifier = ctx.choice(record, "value_qualifier", ValueQualifier, default=ValueQualifier.EXACT)
        source_slug = record.get("source_organisation") or STUDY_AUTHORS
        source = ctx.lookup(record, "source_organisation", "organisation", source_slug)
        value = record.get("value")
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            ctx.problem(record, "value", f"{value!r} is not a whole number of people (0 or more)")
            return
        breakdown = record.get("breakdown") or {}
        sex = breakdown.get("sex", "")
        if sex not in Sex.values:
            ctx.problem(record, "breakdown.sex", f"{sex!r} is not one of: female, male")
            return
        nationality = str(breakdown.get("nationality", ""))
        if nationality and not is_country_code(nationality):
            ctx.problem(record, "breakdown.nationality", f"unknown country {nationality!r}")
            return
        if place is None or span is None or metric is None or qualifier is None or source is None:
            return
        observation = ctx.syncer.upsert(
            FlowObservation,
            key={"slug": record.get("slug")},
            values={
                "place": place,
                "metric": metric,
                "value": value,
                "value_qualifier": qualifier,
                "sex": sex,
                "age_group": str(breakdown.get("age_group", "")),
                "nationality": nationality,
                "source_organisation": source,
                **ctx.handling(record),
                **_span_values(span),
            },
        )
        ctx.syncer.cite(observation, ctx.citations(record))

    ctx.each(unique_slugs(ctx, records, "observation"), load)


def load_events(ctx: LoadContext, records: list[RawRecord]) -> None:
    def load(record: RawRecord) -> None:
        span = ctx.span(record, "date")
        kind = ctx.choice(record, "kind", EventKind)
        title = ctx.text(record, "title", required=True)
        places = ctx.lookup_many(record, "places", "place")
        countries = _countries(ctx, record)
        actors = ctx.lookup_many(record, "actors", "organisation")
        documents = ctx.lookup_many(record, "documents", "document")
        if len(title) > 200:
            ctx.problem(record, "title", f"is {len(title)} characters; keep it to 200")
            return
        if span is None or kind is None or not title:
            return
        lead = next((actor for actor in actors if actor.is_osce), None)
        event = ctx.syncer.upsert(
            Event,
            key={"slug": record.get("slug")},
            values={
                "kind": kind,
                "title": title,
                "description": ctx.text(record, "description"),
                **ctx.handling(record, lead),
                **_span_values(span),
            },
            m2m={"places": places, "countries": countries, "actors": actors, "documents": documents},
        )
        ctx.register("event", event.slug, event)
        ctx.syncer.cite(event, ctx.citations(record))

    ctx.each(unique_slugs(ctx, records, "event"), load)


def _quantities(ctx: LoadContext, record: RawRecord) -> list[dict[str, object]] | None:
    rows = []
    for index, entry in enumerate(record.get("quantities") or []):
        where = f"quantities[{index}]"
        qualifier = entry.get("qualifier", ValueQualifier.EXACT)
        if qualifier not in ValueQualifier.values:
            ctx.problem(
                record,
                f"{where}.qualifier",
                f"{qualifier!r} is not one of: {', '.join(ValueQualifier.values)}",
            )
            return None
        try:
            value = Decimal(str(entry.get("value")))
        except InvalidOperation:
            ctx.problem(record, f"{where}.value", f"{entry.get('value')!r} is not a number")
            return None
        if value < 0:
            ctx.problem(record, f"{where}.value", "cannot be negative")
            return None
        rows.append(
            {
                "name": " ".join(str(entry.get("name", "")).split()),
                "value": value,
                "unit": str(entry.get("unit", "") or ""),
                "qualifier": qualifier,
            }
        )
    return rows


def load_activities(ctx: LoadContext, records: list[RawRecord]) -> None:
    def load(record: RawRecord) -> None:
        span = ctx.span(record, "date")
        category = ctx.choice(record, "category", ActivityCategory)
        lead = ctx.lookup(record, "lead", "organisation", record.get("lead"))
        role = ctx.choice(record, "role", LeadRole, default=LeadRole.IMPLEMENTED)
        funding = ctx.choice(record, "funding", Funding, default=Funding.UNKNOWN)
        status = ctx.choice(record, "status", ActivityStatus, default=ActivityStatus.UNKNOWN)
        title = ctx.text(record, "title", required=True)
        partners = ctx.lookup_many(record, "partners", "organisation")
        places = ctx.lookup_many(record, "places", "place")
        countries = _countries(ctx, record)
        clauses, commitments = _with_basis_decisions(
            record.get("slug"),
            ctx.lookup_many(record, "mandate_clauses", "clause"),
            ctx.lookup_many(record, "commitments", "commitment"),
        )
        quantities = _quantities(ctx, record)
        if span is None or quantities is None or lead is None or not title:
            return
        if category is None or role is None or funding is None or status is None:
            return
        activity = ctx.syncer.upsert(
            Activity,
            key={"slug": record.get("slug")},
            values={
                "title": title,
                "description": ctx.text(record, "description"),
                "category": category,
                "lead": lead,
                "lead_role": role,
                "funding": funding,
                "status": status,
                "date_note": ctx.text(record, "date_note"),
                **ctx.handling(record, lead),
                **_span_values(span),
            },
            m2m={
                "partners": partners,
                "places": places,
                "countries": countries,
                "mandate_clauses": clauses,
                "commitments": commitments,
            },
        )
        ctx.register("activity", activity.slug, activity)
        ctx.syncer.cite(activity, ctx.citations(record))
        ctx.syncer.replace_children(
            ActivityQuantity,
            parent_field="activity",
            parent=activity,
            rows=quantities,
            compare=["name", "value", "unit", "qualifier"],
        )
        _load_training(ctx, record, activity)

    ctx.each(unique_slugs(ctx, records, "activity"), load)


def _with_basis_decisions(
    slug: object, clauses: list[MandateClause], commitments: list[Commitment]
) -> tuple[list[MandateClause], list[Commitment]]:
    """The study's mandate basis of an activity, with the verdicts users gave since the last load.

    A user who confirmed a suggested clause or rejected one the study names has the later word: reloading
    the case study must not undo it (basis.BasisDecision keeps one verdict per clause or commitment).
    """
    decisions = BasisDecision.objects.filter(activity__slug=slug).select_related("clause", "commitment")
    kept_clauses: dict[Any, None] = dict.fromkeys(clauses)  # a dict keeps the study's order
    kept_commitments: dict[Any, None] = dict.fromkeys(commitments)
    for decision in decisions:
        kept = kept_clauses if decision.clause is not None else kept_commitments
        target = decision.clause if decision.clause is not None else decision.commitment
        if decision.verdict == Verdict.CONFIRMED:
            kept[target] = None
        else:
            kept.pop(target, None)
    return list(kept_clauses), list(kept_commitments)


def _load_training(ctx: LoadContext, record: RawRecord, activity: Activity) -> None:
    block = record.get("training")
    if not block:
        stale = Training.objects.filter(activity=activity).first()
        if stale is not None:
            stale.delete()
            ctx.syncer.counts.deleted["operations.Training"] += 1
        return
    target = block.get("target_total")
    if target is not None and (not isinstance(target, int) or target < 0):
        ctx.problem(record, "training.target_total", f"{target!r} is not a whole number")
        return
    training = ctx.syncer.upsert(
        Training,
        key={"activity": activity},
        values={"audience": " ".join(str(block.get("audience", "")).split()), "target_total": target},
    )
    organisations = ctx.registry.get("organisation", {})
    rows = []
    for index, entry in enumerate(block.get("participants") or []):
        where = f"training.participants[{index}]"
        counts = {name: entry.get(name) for name in ("total", "female", "male", "sex_not_recorded")}
        if not isinstance(counts["total"], int) or any(
            value is not None and (not isinstance(value, int) or value < 0) for value in counts.values()
        ):
            ctx.problem(
                record, where, "total (required), female, male and sex_not_recorded are whole numbers"
            )
            return
        if sum(value or 0 for name, value in counts.items() if name != "total") > counts["total"]:
            ctx.problem(record, where, "female + male + sex_not_recorded exceed total")
            return
        institution = str(entry.get("institution", ""))
        rows.append(
            {
                "institution": organisations.get(institution),
                "institution_name": "" if institution in organisations else institution,
                **counts,
            }
        )
    _sync_participations(ctx, training, rows)


def _sync_participations(ctx: LoadContext, training: Training, rows: list[dict]) -> None:
    fields = ("institution_id", "institution_name", "total", "female", "male", "sex_not_recorded")
    stored = list(training.participations.order_by("pk"))
    as_stored = [tuple(getattr(p, name) for name in fields) for p in stored]
    wanted = [
        tuple(
            (row["institution"].pk if row["institution"] else None) if name == "institution_id" else row[name]
            for name in fields
        )
        for row in rows
    ]
    if as_stored == wanted:
        ctx.syncer.counts.unchanged["operations.TrainingParticipation"] += len(stored)
        return
    for participation in stored:
        participation.delete()
    for row in rows:
        participation = TrainingParticipation(training=training, **row)
        participation.full_clean()
        participation.save()
    ctx.syncer.counts.deleted["operations.TrainingParticipation"] += len(stored)
    ctx.syncer.counts.created["operations.TrainingParticipation"] += len(rows)


def load_meetings(ctx: LoadContext, records: list[RawRecord]) -> None:
    def load(record: RawRecord) -> None:
        span = ctx.span(record, "date")
        title = ctx.text(record, "title", required=True)
        convenor = (
            ctx.lookup(record, "convenor", "organisation", record.get("convenor"))
            if record.get("convenor")
            else None
        )
        participants = ctx.lookup_many(record, "participants", "organisation")
        recurrence = ctx.choice(record, "recurrence", Recurrence, default=Recurrence.ONCE)
        place = ctx.lookup(record, "place", "place", record.get("place")) if record.get("place") else None
        action_points = _action_points(ctx, record)
        if span is None or recurrence is None or not title or action_points is None:
            return
        lead = (
            convenor
            if convenor is not None and convenor.is_osce
            else next((p for p in participants if p.is_osce), None)
        )
        meeting = ctx.syncer.upsert(
            Meeting,
            key={"slug": record.get("slug")},
            values={
                "title": title,
                "convenor": convenor,
                "recurrence": recurrence,
                "place": place,
                "agenda": ctx.text(record, "agenda"),
                **ctx.handling(record, lead),
                **_span_values(span),
            },
            m2m={"participants": participants},
        )
        ctx.register("meeting", meeting.slug, meeting)
        ctx.syncer.cite(meeting, ctx.citations(record))
        decisions = [{"text": " ".join(str(text).split())} for text in record.get("decisions") or []]
        ctx.syncer.replace_children(
            MeetingDecision, parent_field="meeting", parent=meeting, rows=decisions, compare=["text"]
        )
        ctx.syncer.replace_children(
            ActionPoint,
            parent_field="meeting",
            parent=meeting,
            rows=action_points,
            compare=["text", "responsible", "status", "date_start", "date_end", "date_precision"],
        )

    ctx.each(unique_slugs(ctx, records, "meeting"), load)


def _action_points(ctx: LoadContext, record: RawRecord) -> list[dict[str, object]] | None:
    rows = []
    for index, entry in enumerate(record.get("action_points") or []):
        where = f"action_points[{index}]"
        status = entry.get("status", ActionPointStatus.OPEN)
        if status not in ActionPointStatus.values:
            ctx.problem(
                record, f"{where}.status", f"{status!r} is not one of: {', '.join(ActionPointStatus.values)}"
            )
            return None
        responsible = None
        if entry.get("owner"):
            responsible = ctx.lookup(record, f"{where}.owner", "organisation", entry.get("owner"))
            if responsible is None:
                return None
        due = None
        if entry.get("due"):
            try:
                due = DateSpan.parse(str(entry.get("due")))
            except DateSpanError as error:
                ctx.problem(record, f"{where}.due", str(error))
                return None
        rows.append(
            {
                "text": " ".join(str(entry.get("text", "")).split()),
                "responsible": responsible,
                "status": status,
                **_date_values(due),
            }
        )
    return rows


def load_visits(ctx: LoadContext, records: list[RawRecord]) -> None:
    def load(record: RawRecord) -> None:
        operation = ctx.lookup(record, "operation", "organisation", record.get("operation"))
        places = ctx.lookup_many(record, "places", "place")
        start, end = record.get("start"), record.get("end")
        text = str(start) if not end or end == start else f"{start}/{end}"
        span = ctx.span(
            RawRecord(
                record.kind,
                record.file,
                record.line,
                {"start": text if start else None, "sources": record.get("sources")},
            ),
            "start",
        )
        findings = []
        for index, entry in enumerate(record.get("findings") or []):
            where = f"findings[{index}]"
            if entry.get("aspect") not in FindingAspect.values:
                ctx.problem(
                    record,
                    f"{where}.aspect",
                    f"{entry.get('aspect')!r} is not one of: {', '.join(FindingAspect.values)}",
                )
                return
            if entry.get("concern") not in Concern.values:
                ctx.problem(
                    record,
                    f"{where}.concern",
                    f"{entry.get('concern')!r} is not one of: {', '.join(Concern.values)}",
                )
                return
            findings.append(
                {
                    "aspect": entry["aspect"],
                    "concern": entry["concern"],
                    "text": " ".join(str(entry.get("text", "")).split()),
                }
            )
        overnight = record.get("overnight")
        if overnight is not None and not isinstance(overnight, bool):
            ctx.problem(record, "overnight", "must be true, false or left out")
            return
        if operation is None or span is None:
            return
        visit = ctx.syncer.upsert(
            MonitoringVisit,
            key={"slug": record.get("slug")},
            values={
                "operation": operation,
                "team": ctx.text(record, "team"),
                "overnight": overnight,
                "date_note": ctx.text(record, "date_note"),
                "purpose": ctx.text(record, "purpose"),
                "follow_up": ctx.text(record, "follow_up"),
                **ctx.handling(record, operation),
                **_span_values(span),
            },
            m2m={"places": places},
        )
        ctx.register("visit", visit.slug, visit)
        ctx.syncer.cite(visit, ctx.citations(record))
        ctx.syncer.replace_children(
            Finding, parent_field="visit", parent=visit, rows=findings, compare=["aspect", "concern", "text"]
        )

    ctx.each(unique_slugs(ctx, records, "visit"), load)
