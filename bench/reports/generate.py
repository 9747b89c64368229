"""Build the synthetic large region for the reports benchmark in its own database.

    DATABASE_URL=sqlite:////work/main/var/bench-reports.sqlite3 .venv/bin/python bench/reports/generate.py

What it writes (after `migrate` and the case study, which it runs first), all with slugs starting `rb-`:

- 200 sites (border crossings, transit and reception centres) in the eight route countries, coordinates
  inside each country's bounding box; 80 % public, 15 % internal, 5 % restricted, owned by UNHCR;
- 3 years (1,096 days from 2017-01-01, after the real UNHCR series) of daily arrivals from UNHCR at every
  site and at the eight route country places (greek-islands stands in for Greece): 208 × 1,096 =
  227,968 observations, 1 % 'not available';
- 5,000 activities led by the six field operations (one in five with a partner operation), each at a site;
- 5,000 events at sites, one to three actors, kinds drawn from the timeline's vocabulary.

Rows are bulk-created (no history rows: reports do not read history). Run it once; it refuses to run twice.
"""

from __future__ import annotations

import os
import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from corridor.actors.models import Organisation  # noqa: E402
from corridor.casestudy.services import load_case_study  # noqa: E402
from corridor.geo.models import Country, Place  # noqa: E402
from corridor.monitoring.models import FlowObservation  # noqa: E402
from corridor.operations.models import Activity  # noqa: E402
from corridor.timeline.models import Event  # noqa: E402

SITES = 200
DAYS = 1096
START = date(2017, 1, 1)
ACTIVITIES = 5000
EVENTS = 5000
BOXES = {
    "GR": (39.5, 41.7, 20.0, 26.6),
    "MK": (40.9, 42.3, 20.5, 23.0),
    "RS": (42.3, 46.1, 18.9, 22.9),
    "HR": (42.4, 46.5, 13.5, 19.4),
    "HU": (45.8, 48.5, 16.2, 22.8),
    "SI": (45.5, 46.8, 13.4, 16.5),
    "AT": (46.4, 49.0, 9.6, 17.1),
    "DE": (47.5, 54.5, 6.5, 14.5),
}
COUNTRY_PLACES = ["greek-islands", "mk", "rs", "hr", "si", "hu", "at", "de"]
OPERATIONS = [
    "osce-mission-to-skopje",
    "osce-mission-to-serbia",
    "osce-mission-in-kosovo",
    "osce-presence-in-albania",
    "osce-mission-to-bih",
    "osce-mission-to-montenegro",
]
CATEGORIES = [
    "monitoring",
    "reporting_liaising",
    "human_rights_approach",
    "community_awareness",
    "governance_civil_society",
    "policing_crime",
    "research",
]
KINDS = ["border_policy_change", "incident", "meeting", "report", "visit", "training", "decision", "other"]
MARKINGS = ["public"] * 16 + ["internal"] * 3 + ["restricted"]


def main() -> None:
    call_command("migrate", verbosity=0)
    load_case_study()
    if Place.objects.filter(slug__startswith="rb-").exists():
        raise SystemExit("the synthetic region is already there")
    if not Place.objects.filter(slug="greek-islands").exists():
        raise SystemExit("run `corridor realdata load` first (it creates the greek-islands place)")
    rng = random.Random(2016)
    with transaction.atomic():
        sites = _sites(rng)
        _observations(rng, sites)
        _activities(rng, sites)
        _events(rng, sites)
    print(
        f"{len(sites)} sites, {FlowObservation.objects.count():,} observations, "
        f"{Activity.objects.count():,} activities, {Event.objects.count():,} events"
    )


def _sites(rng: random.Random) -> list[Place]:
    unhcr = Organisation.objects.get(slug="unhcr")
    countries = {c.code: c for c in Country.objects.filter(code__in=BOXES)}
    codes = sorted(BOXES)
    sites = []
    for number in range(1, SITES + 1):
        code = codes[number % len(codes)]
        south, north, west, east = BOXES[code]
        sites.append(
            Place(
                slug=f"rb-site-{number:03d}",
                name=f"Synthetic site {number:03d} ({code})",
                kind=rng.choice(["border_crossing", "transit_centre", "reception_centre"]),
                country=countries[code],
                latitude=round(rng.uniform(south, north), 5),
                longitude=round(rng.uniform(west, east), 5),
                owner=unhcr,
                classification=rng.choice(MARKINGS),
            )
        )
    return Place.objects.bulk_create(sites)


def _observations(rng: random.Random, sites: list[Place]) -> None:
    unhcr = Organisation.objects.get(slug="unhcr")
    places = list(Place.objects.filter(slug__in=COUNTRY_PLACES)) + sites
    batch: list[FlowObservation] = []
    for place in places:
        level = rng.randint(200, 8000) if place.slug in COUNTRY_PLACES else rng.randint(5, 900)
        for offset in range(DAYS):
            day = START + timedelta(days=offset)
            missing = rng.random() < 0.01
            batch.append(
                FlowObservation(
                    place=place,
                    metric="arrivals",
                    date_start=day,
                    date_end=day,
                    date_precision="day",
                    value=None if missing else max(0, int(rng.gauss(level, level / 4))),
                    value_status="not_available" if missing else "reported",
                    source_organisation=unhcr,
                    reliability="estimate",
                    owner=unhcr,
                    classification=place.classification,
                )
            )
        if len(batch) >= 20_000:
            FlowObservation.objects.bulk_create(batch, batch_size=2000)
            batch = []
    FlowObservation.objects.bulk_create(batch, batch_size=2000)


def _span(rng: random.Random) -> dict[str, object]:
    start = START + timedelta(days=rng.randrange(DAYS))
    if rng.random() < 0.8:
        return {"date_start": start, "date_end": start, "date_precision": "day"}
    first = start.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return {"date_start": first, "date_end": last, "date_precision": "month"}


def _activities(rng: random.Random, sites: list[Place]) -> None:
    operations = list(Organisation.objects.filter(slug__in=OPERATIONS))
    made = Activity.objects.bulk_create(
        Activity(
            slug=f"rb-activity-{number:05d}",
            title=f"Synthetic activity {number:05d}",
            category=rng.choice(CATEGORIES),
            lead=(lead := rng.choice(operations)),
            owner=lead,
            classification=rng.choice(MARKINGS),
            **_span(rng),
        )
        for number in range(1, ACTIVITIES + 1)
    )
    Through = Activity.places.through
    Through.objects.bulk_create(Through(activity_id=a.pk, place_id=rng.choice(sites).pk) for a in made)
    Partners = Activity.partners.through
    Partners.objects.bulk_create(
        Partners(
            activity_id=a.pk, organisation_id=rng.choice([o for o in operations if o.pk != a.lead_id]).pk
        )
        for a in made
        if rng.random() < 0.2
    )


def _events(rng: random.Random, sites: list[Place]) -> None:
    operations = list(Organisation.objects.filter(slug__in=OPERATIONS))
    made = Event.objects.bulk_create(
        Event(
            slug=f"rb-event-{number:05d}",
            kind=rng.choice(KINDS),
            title=f"Synthetic event {number:05d}",
            owner=rng.choice(operations),
            classification=rng.choice(MARKINGS),
            **_span(rng),
        )
        for number in range(1, EVENTS + 1)
    )
    Places = Event.places.through
    Places.objects.bulk_create(Places(event_id=e.pk, place_id=rng.choice(sites).pk) for e in made)
    Actors = Event.actors.through
    Actors.objects.bulk_create(
        Actors(event_id=e.pk, organisation_id=o.pk)
        for e in made
        for o in rng.sample(operations, rng.randint(1, 3))
    )


if __name__ == "__main__":
    main()
