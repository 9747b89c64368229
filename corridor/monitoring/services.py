"""Writers for flows and monitoring: observations (revisions kept) and visits with graded findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction

from corridor.accounts.access import can_read
from corridor.core.choices import Classification
from corridor.core.dates import DateSpan
from corridor.core.exceptions import ValidationFailed
from corridor.core.services import (
    apply_changes,
    check_version,
    require_can_change,
    require_can_write,
    save_attributed,
    validated,
)
from corridor.core.slugs import new_slug
from corridor.monitoring.choices import Reliability, ValueQualifier, ValueStatus
from corridor.monitoring.models import Finding, FlowObservation, MonitoringVisit
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
    classification: str = Classification.PUBLIC,
    note: str = "",
) -> ObservationOutcome:
    """Store a count. The same figure again changes nothing; a different one is a revision.

    A revision never overwrites: the current row is kept with `is_current=False` and the new row points
    to it through `revision_of`, so the earlier value stays readable.
    """
    require_can_write(actor, owner_id=owner.pk)
    key = {
        "place": place,
        "metric": metric,
        "date_start": span.start,
        "date_end": span.end,
        "sex": breakdown.sex,
        "age_group": breakdown.age_group,
        "nationality": breakdown.nationality,
        "source_organisation": source_organisation,
        "is_current": True,
    }
    current = FlowObservation.objects.select_for_update().filter(**key).first()
    if current is not None and (current.value, current.value_status) == (value, value_status):
        return ObservationOutcome(current, "unchanged")
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


@dataclass(frozen=True, slots=True)
class FindingInput:
    aspect: str
    concern: str
    text: str


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
    classification: str = Classification.INTERNAL,
    note: str = "",
) -> MonitoringVisit:
    """Record a field operation's monitoring visit, its graded findings, and its timeline entry."""
    require_can_write(actor, owner_id=operation.pk)
    _require_places(actor, places)
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
    _replace_findings(actor, visit, findings)
    sync_visit_entry(actor=actor, visit=visit)
    return visit


@transaction.atomic
def update_visit(
    *, actor: Reader, visit: MonitoringVisit, expected_version: int | None, **changes: Any
) -> MonitoringVisit:
    """Change a visit (fields, places, findings); its timeline entry follows."""
    visit = MonitoringVisit.objects.select_for_update().get(pk=visit.pk)
    require_can_change(actor, visit)
    check_version(visit, expected_version)
    places = changes.pop("places", None)
    findings = changes.pop("findings", None)
    if "span" in changes:
        span: DateSpan = changes.pop("span")
        changes.update(date_start=span.start, date_end=span.end, date_precision=span.precision)
    changed = apply_changes(visit, changes)
    if places is not None:
        _require_places(actor, places)
        if set(visit.places.all()) != set(places):
            changed.append("places")
    if findings is not None and _finding_inputs(visit) != list(findings):
        changed.append("findings")
    if changed:
        visit.version += 1
        save_attributed(validated(visit), actor=actor, reason=f"changed: {', '.join(sorted(changed))}")
        if places is not None:
            visit.places.set(places)
        if findings is not None:
            _replace_findings(actor, visit, findings)
        sync_visit_entry(actor=actor, visit=visit)
    return visit


def _require_places(actor: Reader, places: Sequence[Place]) -> None:
    if not places:
        raise ValidationFailed({"places": ["name at least one place visited"]})
    for index, place in enumerate(places):
        if not can_read(actor, classification=place.classification, owner_id=place.owner_id):
            raise ValidationFailed({f"places.{index}": ["unknown place"]})


def _finding_inputs(visit: MonitoringVisit) -> list[FindingInput]:
    return [FindingInput(f.aspect, f.concern, f.text) for f in visit.findings.order_by("position")]


def _replace_findings(actor: Reader, visit: MonitoringVisit, findings: Sequence[FindingInput]) -> None:
    visit.findings.all().delete()
    for index, item in enumerate(findings):
        finding = Finding(
            visit=visit, aspect=item.aspect, concern=item.concern, text=item.text, position=index
        )
        save_attributed(validated(finding, prefix=f"findings.{index}.", exclude=["visit"]), actor=actor)
