"""Records planted for the leak scan: for each kind, one internal and one restricted record of the Mission to
Skopje, each carrying a marker token no shipped record contains; and public records that name the hidden
ones (as legacy data would: written straight to the database, past the services' checks).

A marker is found in a response whatever the case; each hidden record's markers are its token, its slug and
its uid. `Planted.hidden` lists, for every hidden record, its markers and who may read it (classification
and owner), so the scan can ask the access rules whether a reader may see it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from corridor.actors.models import FocalPoint, Interview, Organisation, WorkingGroup
from corridor.basis.models import RecommendationResponse
from corridor.geo.models import Country, Place
from corridor.knowledge.models import Commitment, Document, Recommendation
from corridor.monitoring.models import Finding, FlowObservation, MonitoringVisit
from corridor.operations.models import (
    ActionPoint,
    Activity,
    ActivityQuantity,
    Meeting,
    MeetingDecision,
    Training,
    TrainingParticipation,
)
from corridor.timeline.models import Event
from corridor.timeline.services import sync_meeting_entry, sync_visit_entry

LEVELS = ("internal", "restricted")


@dataclass(frozen=True)
class Hidden:
    """A record some readers may not see: the strings that would betray it, and its handling."""

    kind: str
    markers: tuple[str, ...]
    classification: str
    owner_id: int | None


@dataclass
class Planted:
    hidden: list[Hidden] = field(default_factory=list)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    public: dict[str, Any] = field(default_factory=dict)

    def add(self, kind: str, level: str, record: Any, token: str, owner_id: int | None) -> Any:
        markers = [token]
        if getattr(record, "slug", None):
            markers.append(record.slug)
        if getattr(record, "uid", None):
            markers.append(str(record.uid))
        self.hidden.append(Hidden(kind, tuple(markers), level, owner_id))
        self.records.setdefault(kind, {})[level] = record
        return record


def _day(day: date) -> dict[str, Any]:
    return {"date_start": day, "date_end": day, "date_precision": "day"}


def plant(skopje: Organisation, unhcr: Organisation) -> Planted:
    """Plant the hidden records and the public records that name them."""
    planted = Planted()
    macedonia = Country.objects.get(code="MK")
    gevgelija = Place.objects.get(slug="gevgelija")
    for index, level in enumerate(LEVELS):
        letter = level[0]
        owned = {"owner": skopje, "classification": level}
        day = date(2016, 3, 1 + index)

        def token(kind: str) -> str:
            return f"zzq{letter}{kind}"  # noqa: B023 — used at once, in this iteration

        place = Place.objects.create(
            slug=f"{token('place')}-camp",
            name=f"{token('place')} camp",
            kind="camp",
            country=macedonia,
            **owned,
        )
        planted.add("place", level, place, token("place"), skopje.pk)
        partner = Organisation.objects.create(
            slug=f"{token('org')}-relief", name=f"{token('org')} relief", kind="ngo", **owned
        )
        planted.add("organisation", level, partner, token("org"), skopje.pk)
        event = Event.objects.create(
            slug=token("event"), kind="incident", title=f"{token('event')} incident", **owned, **_day(day)
        )
        planted.add("event", level, event, token("event"), skopje.pk)
        visit = MonitoringVisit.objects.create(
            slug=token("visit"), operation=skopje, purpose=f"{token('visit')} purpose", **owned, **_day(day)
        )
        visit.places.set([gevgelija])
        finding = Finding.objects.create(
            visit=visit, aspect="staffing", concern="serious", text=token("finding")
        )
        planted.add("visit", level, visit, token("visit"), skopje.pk)
        planted.add("finding", level, finding, token("finding"), skopje.pk)
        sync_visit_entry(actor=None, visit=visit)
        activity = Activity.objects.create(
            slug=token("activity"),
            title=f"{token('activity')} work",
            category="monitoring",
            lead=skopje,
            **owned,
            **_day(day),
        )
        ActivityQuantity.objects.create(activity=activity, name=token("quantity"), value=3)
        training = Training.objects.create(activity=activity, audience=token("audience"))
        TrainingParticipation.objects.create(training=training, institution_name=token("trainee"), total=4)
        planted.add("activity", level, activity, token("activity"), skopje.pk)
        for kind in ("quantity", "audience", "trainee"):
            planted.hidden.append(Hidden(kind, (token(kind),), level, skopje.pk))
        meeting = Meeting.objects.create(
            slug=token("meeting"), title=f"{token('meeting')} talks", **owned, **_day(day)
        )
        MeetingDecision.objects.create(meeting=meeting, text=token("decision"))
        point = ActionPoint.objects.create(meeting=meeting, text=token("point"))
        sync_meeting_entry(actor=None, meeting=meeting)
        planted.add("meeting", level, meeting, token("meeting"), skopje.pk)
        planted.add("action_point", level, point, token("point"), skopje.pk)
        planted.hidden.append(Hidden("decision", (token("decision"),), level, skopje.pk))
        observation = FlowObservation.objects.create(
            place=gevgelija,
            metric="arrivals",
            value=1000 + index,
            source_organisation=unhcr,
            note=token("obsnote"),
            **owned,
            **_day(day),
        )
        planted.add("observation", level, observation, token("obsnote"), skopje.pk)
        document = Document.objects.create(
            slug=token("document"), title=f"{token('document')} memo", kind="report", **owned
        )
        planted.add("document", level, document, token("document"), skopje.pk)
        commitment = Commitment.objects.create(
            slug=token("commitment"),
            text=f"{token('commitment')} pledge",
            theme="general",
            dimension="human",
            **owned,
        )
        planted.add("commitment", level, commitment, token("commitment"), skopje.pk)
        recommendation = Recommendation.objects.create(
            slug=token("recommendation"), text=f"{token('recommendation')} advice", issuer=skopje, **owned
        )
        planted.add("recommendation", level, recommendation, token("recommendation"), skopje.pk)
        focal_point = FocalPoint.objects.create(
            slug=token("focal"), organisation=skopje, topic=token("focal"), **owned
        )
        planted.add("focal_point", level, focal_point, token("focal"), skopje.pk)
        group = WorkingGroup.objects.create(
            slug=token("group"), organisation=skopje, topic=token("group"), **owned
        )
        planted.add("working_group", level, group, token("group"), skopje.pk)
        Interview.objects.create(organisation=partner, positions=[token("interviewee")], **_day(day))
        planted.hidden.append(Hidden("interview", (token("interviewee"),), level, skopje.pk))
    _plant_public_references(planted, skopje, unhcr, gevgelija)
    return planted


def _plant_public_references(
    planted: Planted, skopje: Organisation, unhcr: Organisation, gevgelija: Place
) -> None:
    """Public records naming the hidden place, organisation and document, as legacy data might."""
    place = planted.records["place"]["restricted"]
    partner = planted.records["organisation"]["restricted"]
    inside = planted.records["organisation"]["internal"]
    document = planted.records["document"]["restricted"]
    public = {"owner": skopje, "classification": "public"}
    day = _day(date(2016, 3, 5))
    meeting = Meeting.objects.create(
        slug="zzpub-meeting", title="Open coordination", convenor=partner, place=place, **public, **day
    )
    meeting.participants.set([partner, inside, unhcr])
    ActionPoint.objects.create(meeting=meeting, text="Share the counts", responsible=partner)
    sync_meeting_entry(actor=None, meeting=meeting)
    activity = Activity.objects.create(
        slug="zzpub-activity", title="Open training", category="monitoring", lead=skopje, **public, **day
    )
    activity.partners.set([partner, unhcr])
    activity.places.set([place, gevgelija])
    training = Training.objects.create(activity=activity, audience="border police")
    TrainingParticipation.objects.create(training=training, institution=partner, total=5)
    event = Event.objects.create(slug="zzpub-event", kind="incident", title="Open incident", **public, **day)
    event.places.set([place, gevgelija])
    event.actors.set([partner, unhcr])
    event.documents.set([document])
    visit = MonitoringVisit.objects.create(slug="zzpub-visit", operation=skopje, **public, **day)
    visit.places.set([place, gevgelija])
    sync_visit_entry(actor=None, visit=visit)
    FlowObservation.objects.create(
        place=place, metric="arrivals", value=77, source_organisation=partner, **public, **day
    )
    Document.objects.create(slug="zzpub-document", title="Open memo", kind="report", issuer=partner, **public)
    Commitment.objects.create(
        slug="zzpub-commitment",
        text="Open pledge",
        theme="general",
        dimension="human",
        document=document,
        **public,
    )
    recommendation = Recommendation.objects.create(
        slug="zzpub-recommendation", text="Open advice", issuer=partner, source_document=document, **public
    )
    RecommendationResponse.objects.create(
        recommendation=recommendation, event=planted.records["event"]["restricted"]
    )
    FocalPoint.objects.create(slug="zzpub-focal", organisation=partner, topic="migration", **public)
    planted.public.update(
        meeting=meeting, activity=activity, event=event, visit=visit, recommendation=recommendation
    )
