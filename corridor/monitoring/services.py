"""Writers for flows and monitoring: observations (revisions kept) and visits with graded findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from django.db import transaction

from corridor.accounts.access import (
    can_read,
    new_record_classification,
    require_may_reclassify,
    require_public_references,
)
from corridor.accounts.choices import RecordKind
from corridor.core.dates import DateSpan
from corridor.core.exceptions import ValidationFailed
from corridor.core.locks import lock_key
from corridor.core.merge import changed_parts
from corridor.core.services import (
    apply_changes,
    keep_rows,
    require_can_change,
    require_can_write,
    save_attributed,
    validated,
)
from corridor.core.slugs import new_slug
from corridor.core.versions import reconcile, save_snapshot
from corridor.geo.iso import iso_country
from corridor.monitoring.choices import Metric, Reliability, ValueQualifier, ValueStatus
from corridor.monitoring.models import Finding, FlowObservation, MonitoringVisit
from corridor.monitoring.versions import VISITS, FindingInput
from corridor.timeline.services import sync_visit_entry

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.actors.models import Organisation
    from corridor.geo.models import Place


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Which part of the population a count covers; empty fields mean 'all'."""

    sex: str = ""
    age_group: str = ""
    nationality: str = ""


def _with_known_nationality(breakdown: Breakdown, *, field: str) -> Breakdown:
    """`breakdown` with its nationality as the ISO alpha-2 code (alpha-3 such as HDX's XKX is read too);
    `ValidationFailed` at `field` when it names no ISO 3166 country or territory."""
    if not breakdown.nationality:
        return breakdown
    country = iso_country(breakdown.nationality)
    if country is None:
        raise ValidationFailed(
            {
                field: [
                    f"{breakdown.nationality!r} is not an ISO 3166 country code (alpha-2, such as IR or XK)"
                ]
            }
        )
    return replace(breakdown, nationality=country.code)


@dataclass(frozen=True, slots=True)
class ObservationOutcome:
    """What `record_observation` did: 'created', 'revised' (old value kept) or 'unchanged'."""

    observation: FlowObservation
    outcome: str


@transaction.atomic
def record_observation(
    *,
    actor: Reader,
    owner: Organisation,
    place: Place,
    metric: str,
    span: DateSpan,
    value: int | None,
    source_organisation: Organisation,
    breakdown: Breakdown = Breakdown(),
    value_status: str = ValueStatus.REPORTED,
    value_qualifier: str = ValueQualifier.EXACT,
    reliability: str = Reliability.ESTIMATE,
    classification: str | None = None,
    note: str = "",
) -> ObservationOutcome:
    """Store `owner`'s count. The same figure again changes nothing; a different one is a revision.

    A figure's identity is its place, period, metric, breakdown, source *and owner*: each organisation
    keeps its own current figure, so a write never compares with, supersedes or returns another
    organisation's row. A revision never overwrites: the current row is kept with `is_current=False` and
    the new row points to it through `revision_of`, so the earlier value stays readable. `classification`
    None takes the owner's default for counts (or, for a revision, the figure's own).
    """
    require_can_write(actor, owner_id=owner.pk)
    _require_readable(actor, place, "place")
    _require_readable(actor, source_organisation, "source_organisation")
    breakdown = _with_known_nationality(breakdown, field="nationality")
    key = {
        "place": place,
        "metric": metric,
        "date_start": span.start,
        "date_end": span.end,
        "sex": breakdown.sex,
        "age_group": breakdown.age_group,
        "nationality": breakdown.nationality,
        "source_organisation": source_organisation,
        "owner": owner,
        "is_current": True,
    }
    lock_key("observation", *(getattr(value, "pk", value) for value in key.values()))
    current = FlowObservation.objects.select_for_update().filter(**key).first()
    if current is not None and (current.value, current.value_status) == (value, value_status):
        return ObservationOutcome(current, "unchanged")
    if current is None:
        classification = new_record_classification(
            actor, owner_id=owner.pk, kind=RecordKind.OBSERVATION, chosen=classification
        )
    else:
        classification = classification or current.classification
        require_may_reclassify(actor, owner_id=owner.pk, old=current.classification, new=classification)
    require_public_references(
        classification, [("place", place), ("source_organisation", source_organisation)]
    )
    observation = FlowObservation(
        place=place,
        metric=metric,
        value=value,
        value_status=value_status,
        value_qualifier=value_qualifier,
        sex=breakdown.sex,
        age_group=breakdown.age_group,
        nationality=breakdown.nationality,
        source_organisation=source_organisation,
        reliability=reliability,
        owner=owner,
        classification=classification,
        note=note,
        date_precision=span.precision,
        date_start=span.start,
        date_end=span.end,
        revision_of=current,
    )
    if current is not None:
        current.is_current = False
        save_attributed(current, actor=actor, reason="revised")
    save_attributed(validated(observation, exclude=["revision_of"]), actor=actor, reason="recorded")
    return ObservationOutcome(observation, "revised" if current is not None else "created")


@transaction.atomic
def log_visit(
    *,
    actor: Reader,
    operation: Organisation,
    places: Sequence[Place],
    span: DateSpan,
    team: str = "",
    overnight: bool | None = None,
    purpose: str = "",
    findings: Sequence[FindingInput] = (),
    follow_up: str = "",
    classification: str | None = None,
    note: str = "",
) -> MonitoringVisit:
    """Record a field operation's monitoring visit, its graded findings, and its timeline entry.

    `classification` None takes the operation's default for visits.
    """
    require_can_write(actor, owner_id=operation.pk)
    _require_places(actor, places)
    classification = new_record_classification(
        actor, owner_id=operation.pk, kind=RecordKind.VISIT, chosen=classification
    )
    require_public_references(classification, [(f"places.{i}", place) for i, place in enumerate(places)])
    visit = MonitoringVisit(
        slug=new_slug(
            MonitoringVisit, f"{operation.short_name or operation.slug} visit {span.start:%Y-%m-%d}"
        ),
        operation=operation,
        owner=operation,
        team=team,
        overnight=overnight,
        purpose=purpose,
        follow_up=follow_up,
        classification=classification,
        note=note,
    )
    visit.span = span
    save_attributed(validated(visit), actor=actor, reason="recorded")
    visit.places.set(places)
    _keep_findings(actor, visit, findings)
    sync_visit_entry(actor=actor, visit=visit)
    save_snapshot(VISITS, visit, actor=actor, reason="recorded")
    return visit


@transaction.atomic
def update_visit(
    *, actor: Reader, visit: MonitoringVisit, expected_version: int | None, **changes: Any
) -> MonitoringVisit:
    """Change a visit (fields, places, findings by uid); its timeline entry follows.

    An edit made from an older version is merged with what was saved since (`core.versions.reconcile`);
    the visit then carries `reconciled` to say so. Unchanged input writes nothing.
    """
    visit = MonitoringVisit.objects.select_for_update().get(pk=visit.pk)
    require_can_change(actor, visit)
    reconciled = reconcile(VISITS, visit, expected_version, changes)
    before = VISITS.state_of(visit)
    wanted = VISITS.state_with(before, reconciled.changes)
    changed = changed_parts(VISITS.shape, before, wanted)
    visit.reconciled = reconciled  # type: ignore[attr-defined]
    if not changed:
        return visit
    changes = VISITS.changes_to(before, wanted)
    if "classification" in changes:
        require_may_reclassify(
            actor, owner_id=visit.owner_id, old=visit.classification, new=changes["classification"]
        )
    current_places = list(visit.places.all())
    places = changes.pop("places", None)
    findings = changes.pop("findings", None)
    if "span" in changes:
        moved: DateSpan = changes.pop("span")
        changes.update(date_start=moved.start, date_end=moved.end, date_precision=moved.precision)
    apply_changes(visit, changes)
    if places is not None:
        _require_places(actor, places)
    named = places if places is not None else current_places
    require_public_references(
        visit.classification,
        [
            (f"places.{i}", place)
            for i, place in enumerate(named)
            if "classification" in changed or place not in current_places
        ],
    )
    visit.version += 1
    save_attributed(validated(visit), actor=actor, reason=f"changed: {', '.join(sorted(changed))}")
    if places is not None:
        visit.places.set(places)
    if findings is not None:
        _keep_findings(actor, visit, findings)
    sync_visit_entry(actor=actor, visit=visit)
    save_snapshot(VISITS, visit, actor=actor, reason=f"changed: {', '.join(sorted(changed))}")
    return visit


def _require_readable(actor: Reader, record: Any, path: str) -> None:
    """A writer names only records it may read; any other is unknown to it."""
    if not can_read(actor, classification=record.classification, owner_id=record.owner_id):
        raise ValidationFailed({path: [f"unknown {record._meta.verbose_name}"]})


def _require_places(actor: Reader, places: Sequence[Place]) -> None:
    if not places:
        raise ValidationFailed({"places": ["name at least one place visited"]})
    for index, place in enumerate(places):
        if not can_read(actor, classification=place.classification, owner_id=place.owner_id):
            raise ValidationFailed({f"places.{index}": ["unknown place"]})


def _keep_findings(actor: Reader, visit: MonitoringVisit, findings: Sequence[FindingInput]) -> None:
    keep_rows(
        actor=actor,
        existing=visit.findings.all(),
        items=findings,
        values=lambda item, index: {
            "aspect": item.aspect,
            "concern": item.concern,
            "text": item.text,
            "position": index,
        },
        new=lambda: Finding(visit=visit),
        prefix="findings",
        parent="visit",
    )


@dataclass(frozen=True, slots=True)
class TallyLine:
    """One figure of a site's day: a metric, for all or for one part (a sex, an age group, a nationality)."""

    metric: str
    value: int | None
    breakdown: Breakdown = Breakdown()
    value_status: str = ValueStatus.REPORTED


@dataclass(frozen=True, slots=True)
class TallyOutcome:
    """What `record_day` did, line by line, in the order given."""

    outcomes: list[ObservationOutcome]

    @property
    def written(self) -> int:
        return sum(1 for outcome in self.outcomes if outcome.outcome != "unchanged")


@transaction.atomic
def record_day(
    *,
    actor: Reader,
    owner: Organisation,
    place: Place,
    span: DateSpan,
    source_organisation: Organisation,
    lines: Sequence[TallyLine],
    reliability: str = Reliability.ESTIMATE,
    classification: str | None = None,
    note: str = "",
) -> TallyOutcome:
    """Record a site's day — every metric, each with its parts — as one write: all lines or none.

    The parts of a metric (by sex, by age group) never add up to more than its total, and a part is given
    only beside a total or as the source's own figure; each line is then a figure recorded as
    `record_observation` records one (the same figure again changes nothing, another is a revision).
    """
    problems: dict[str, list[str]] = {}
    totals = {line.metric: line.value for line in lines if line.breakdown == Breakdown()}
    for index, line in enumerate(lines):
        if line.breakdown == Breakdown():
            continue
        total = totals.get(line.metric)
        dimension = "sex" if line.breakdown.sex else "age_group" if line.breakdown.age_group else ""
        if dimension and total is not None:
            parts = sum(
                other.value or 0
                for other in lines
                if other.metric == line.metric and getattr(other.breakdown, dimension) and other.value
            )
            if parts > total:
                what = Metric(line.metric).label.lower() if line.metric in Metric.values else line.metric
                by = "by sex" if dimension == "sex" else "by age"
                problems[f"lines.{index}.value"] = [
                    f"{what} {by} add up to {parts:,}, more than the total of {total:,}"
                ]
    for index, line in enumerate(lines):
        try:
            _with_known_nationality(line.breakdown, field=f"lines.{index}.nationality")
        except ValidationFailed as error:
            problems.update(error.errors)
    keys = [(line.metric, line.breakdown) for line in lines]
    for index, key in enumerate(keys):
        if keys.index(key) != index:
            problems[f"lines.{index}"] = ["the same figure is given twice"]
    if problems:
        raise ValidationFailed(problems)
    return TallyOutcome(
        [
            record_observation(
                actor=actor,
                owner=owner,
                place=place,
                metric=line.metric,
                span=span,
                value=line.value,
                value_status=line.value_status,
                source_organisation=source_organisation,
                breakdown=line.breakdown,
                reliability=reliability,
                classification=classification,
                note=note,
            )
            for line in lines
        ]
    )
