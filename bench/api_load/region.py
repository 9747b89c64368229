"""The synthetic region's small tables: sites, activities and events, written through the ORM.

These are tens of thousands of rows, so the ORM's `bulk_create` (which fills uid, timestamps and defaults
exactly as the application does) is quick enough; only the ten million observations need COPY
(observations.py). Every record's slug starts with `bench-`, so each phase can tell whether it already
ran: a phase whose records are all there is skipped, and a phase runs in one transaction, so it is never
left half done.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from common import ACTIVITY_COUNT, DAYS, EVENT_COUNT, FIELD_OPERATIONS, PREFIX, SITE_COUNT, site_slug
from django.db import transaction

# (south, north, west, east) of each route country: sites are placed inside these boxes.
BOXES: dict[str, tuple[float, float, float, float]] = {
    "GR": (39.5, 41.7, 20.0, 26.6),
    "MK": (40.9, 42.3, 20.5, 23.0),
    "RS": (42.3, 46.1, 18.9, 22.9),
    "HR": (42.4, 46.5, 13.5, 19.4),
    "HU": (45.8, 48.5, 16.2, 22.8),
    "SI": (45.5, 46.8, 13.4, 16.5),
    "AT": (46.4, 49.0, 9.6, 17.1),
    "AL": (39.7, 42.6, 19.3, 21.0),
    "BA": (42.6, 45.2, 15.8, 19.6),
    "XK": (41.9, 43.2, 20.1, 21.7),
    "ME": (41.9, 43.5, 18.5, 20.3),
    "BG": (41.3, 44.2, 22.4, 28.5),
}
# The field operation that owns a country's sites; countries without one are shared out in turn.
HOST_OPERATION = {
    "RS": "osce-mission-to-serbia",
    "MK": "osce-mission-to-skopje",
    "XK": "osce-mission-in-kosovo",
    "AL": "osce-presence-in-albania",
    "BA": "osce-mission-to-bih",
    "ME": "osce-mission-to-montenegro",
}
CLASSIFICATIONS = ("public",) * 7 + ("internal",) * 2 + ("restricted",)
START = date(2016, 1, 1)


def _operations() -> dict[str, Any]:
    from corridor.actors.models import Organisation

    found = {org.slug: org for org in Organisation.objects.filter(slug__in=FIELD_OPERATIONS)}
    missing = set(FIELD_OPERATIONS) - set(found)
    if missing:
        raise SystemExit(
            f"the case study lacks field operations {sorted(missing)}: run `corridor casestudy load`"
        )
    return found


@transaction.atomic
def ensure_sites(rng: random.Random) -> list[int]:
    """Create the missing synthetic sites; return all their ids in slug order."""
    from corridor.geo.models import Country, Place

    operations = _operations()
    countries = {country.code: country for country in Country.objects.filter(code__in=BOXES)}
    parents = {
        place.country_id: place
        for place in Place.objects.filter(kind="country", country__in=countries.values())
    }
    existing = set(Place.objects.filter(slug__startswith=f"{PREFIX}site-").values_list("slug", flat=True))
    codes = sorted(countries)
    new = []
    for number in range(1, SITE_COUNT + 1):
        code = codes[number % len(codes)]
        south, north, west, east = BOXES[code]
        latitude, longitude = rng.uniform(south, north), rng.uniform(west, east)
        classification = rng.choice(CLASSIFICATIONS)
        if site_slug(number) in existing:
            continue
        kind = "border_crossing" if number % 2 else "transit_centre"
        country = countries[code]
        new.append(
            Place(
                slug=site_slug(number),
                name=f"Synthetic {kind.replace('_', ' ')} {number} ({code})",
                kind=kind,
                country=country,
                parent=parents.get(country.pk),
                latitude=Decimal(f"{latitude:.5f}"),
                longitude=Decimal(f"{longitude:.5f}"),
                coordinates_source="bench/api_load synthetic",
                classification=classification,
                owner=operations[HOST_OPERATION.get(code, FIELD_OPERATIONS[number % len(FIELD_OPERATIONS)])],
            )
        )
    Place.objects.bulk_create(new, batch_size=1000)
    print(f"sites: {len(new)} created, {len(existing)} already there")
    return list(
        Place.objects.filter(slug__startswith=f"{PREFIX}site-").order_by("slug").values_list("id", flat=True)
    )


def _span(rng: random.Random) -> tuple[date, date, str]:
    """A day (most records) or a month, somewhere in the ten years."""
    day = START + timedelta(days=rng.randrange(DAYS))
    if rng.random() < 0.8:
        return day, day, "day"
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1), "month"


def _common(rng: random.Random, operations: dict[str, Any]) -> dict[str, Any]:
    start, end, precision = _span(rng)
    return {
        "owner": operations[rng.choice(FIELD_OPERATIONS)],
        "classification": rng.choice(CLASSIFICATIONS),
        "date_start": start,
        "date_end": end,
        "date_precision": precision,
    }


@transaction.atomic
def ensure_events(rng: random.Random, site_ids: list[int]) -> None:
    """Create the synthetic events (with places, countries, actors and a few documents) unless present."""
    from corridor.actors.models import Organisation
    from corridor.geo.models import Country
    from corridor.knowledge.models import Document
    from corridor.timeline.choices import EventKind
    from corridor.timeline.models import Event

    present = Event.objects.filter(slug__startswith=f"{PREFIX}event-")
    if present.count() == EVENT_COUNT:
        print(f"events: {EVENT_COUNT} already there")
        return
    present.delete()
    operations = _operations()
    countries = list(Country.objects.filter(code__in=BOXES).values_list("id", flat=True))
    actors = list(Organisation.objects.values_list("id", flat=True))
    documents = list(Document.objects.values_list("id", flat=True))
    events = [
        Event(
            slug=f"{PREFIX}event-{number:05d}",
            kind=rng.choice(EventKind.values),
            title=f"Synthetic event {number}",
            description="A synthetic timeline entry for the API load benchmark. " * rng.randint(1, 4),
            **_common(rng, operations),
        )
        for number in range(1, EVENT_COUNT + 1)
    ]
    Event.objects.bulk_create(events, batch_size=2000)
    links: dict[str, list[Any]] = {"places": [], "countries": [], "actors": [], "documents": []}
    for event in events:
        for place_id in rng.sample(site_ids, rng.randint(1, 2)):
            links["places"].append(Event.places.through(event_id=event.pk, place_id=place_id))
        links["countries"].append(
            Event.countries.through(event_id=event.pk, country_id=rng.choice(countries))
        )
        for actor_id in rng.sample(actors, rng.randint(1, 3)):
            links["actors"].append(Event.actors.through(event_id=event.pk, organisation_id=actor_id))
        if documents and rng.random() < 0.1:
            links["documents"].append(
                Event.documents.through(event_id=event.pk, document_id=rng.choice(documents))
            )
    for name, rows in links.items():
        getattr(Event, name).through.objects.bulk_create(rows, batch_size=5000)
    print(f"events: {len(events)} created with {sum(len(rows) for rows in links.values())} links")


@transaction.atomic
def ensure_activities(rng: random.Random, site_ids: list[int]) -> None:
    """Create the synthetic activities (links, a quantity each, a training for one in ten) unless present."""
    from corridor.actors.models import Organisation
    from corridor.geo.models import Country
    from corridor.knowledge.models import Commitment, MandateClause
    from corridor.operations.choices import ActivityCategory, ActivityStatus, Funding
    from corridor.operations.models import Activity, ActivityQuantity, Training, TrainingParticipation

    present = Activity.objects.filter(slug__startswith=f"{PREFIX}activity-")
    if present.count() == ACTIVITY_COUNT:
        print(f"activities: {ACTIVITY_COUNT} already there")
        return
    TrainingParticipation.objects.filter(training__activity__in=present).delete()
    present.delete()
    operations = _operations()
    countries = list(Country.objects.filter(code__in=BOXES).values_list("id", flat=True))
    partners = list(Organisation.objects.exclude(slug__in=FIELD_OPERATIONS).values_list("id", flat=True))
    clauses = list(MandateClause.objects.values_list("id", flat=True))
    commitments = list(Commitment.objects.values_list("id", flat=True))
    activities = []
    for number in range(1, ACTIVITY_COUNT + 1):
        common = _common(rng, operations)
        activities.append(
            Activity(
                slug=f"{PREFIX}activity-{number:05d}",
                title=f"Synthetic activity {number}",
                description="A synthetic activity for the API load benchmark. " * rng.randint(1, 4),
                category=rng.choice(ActivityCategory.values),
                lead=common["owner"],
                funding=rng.choice(Funding.values),
                status=rng.choice(ActivityStatus.values),
                **common,
            )
        )
    Activity.objects.bulk_create(activities, batch_size=2000)
    through = {
        name: getattr(Activity, name).through
        for name in ("partners", "places", "countries", "mandate_clauses", "commitments")
    }
    links: dict[str, list[Any]] = {name: [] for name in through}
    quantities, trainings = [], []
    for activity in activities:
        for partner in rng.sample(partners, rng.randint(0, 2)):
            links["partners"].append(through["partners"](activity_id=activity.pk, organisation_id=partner))
        for place_id in rng.sample(site_ids, rng.randint(1, 2)):
            links["places"].append(through["places"](activity_id=activity.pk, place_id=place_id))
        links["countries"].append(
            through["countries"](activity_id=activity.pk, country_id=rng.choice(countries))
        )
        if clauses and rng.random() < 0.3:
            links["mandate_clauses"].append(
                through["mandate_clauses"](activity_id=activity.pk, mandateclause_id=rng.choice(clauses))
            )
        if commitments and rng.random() < 0.2:
            links["commitments"].append(
                through["commitments"](activity_id=activity.pk, commitment_id=rng.choice(commitments))
            )
        quantities.append(
            ActivityQuantity(
                activity=activity, name="people reached", value=rng.randint(5, 500), unit="people"
            )
        )
        if rng.random() < 0.1:
            trainings.append(Training(activity=activity, audience="border police officers", target_total=40))
    for name, rows in links.items():
        through[name].objects.bulk_create(rows, batch_size=5000)
    ActivityQuantity.objects.bulk_create(quantities, batch_size=5000)
    Training.objects.bulk_create(trainings, batch_size=2000)
    institutions = partners[:20]
    TrainingParticipation.objects.bulk_create(
        [
            TrainingParticipation(
                training=training, institution_id=rng.choice(institutions), total=20, female=9, male=11
            )
            for training in trainings
            for _ in range(2)
        ],
        batch_size=5000,
    )
    print(f"activities: {len(activities)} created, {len(trainings)} with a training")
