"""Load the responses to recommendations that the study itself states (`data/study_responses.yaml`).

A system task, like the case-study loader: it writes without a user, checks every reference and every
quoted passage (against the study's text) first, writes nothing when anything is wrong, and writes only
what differs, so running it twice changes nothing. Each link cites the study (`core.Citation`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from corridor.basis.models import RecommendationResponse
from corridor.casestudy.quotes import is_in_study
from corridor.core.models import Citation, Source
from corridor.knowledge.models import Recommendation
from corridor.timeline.models import Event

STUDY_RESPONSES = Path(__file__).resolve().parent / "data" / "study_responses.yaml"
STUDY_SOURCE = "study-2016"


class SeedInvalid(Exception):
    """The file names something that does not exist or quotes what the study does not say."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class SeedReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)


def _checked(rows: list[dict[str, Any]], path: Path) -> list[tuple[Recommendation, Event, dict[str, Any]]]:
    problems, checked = [], []
    recommendations = {
        r.slug: r for r in Recommendation.objects.filter(slug__in=[row.get("recommendation") for row in rows])
    }
    events = {e.slug: e for e in Event.objects.filter(slug__in=[row.get("event") for row in rows])}
    for index, row in enumerate(rows):
        where = f"{path.name}: record {index + 1}"
        recommendation = recommendations.get(str(row.get("recommendation")))
        event = events.get(str(row.get("event")))
        if recommendation is None:
            problems.append(f"{where}: unknown recommendation {row.get('recommendation')!r}")
        if event is None:
            problems.append(f"{where}: unknown event {row.get('event')!r}")
        sources = row.get("sources") or []
        if not sources:
            problems.append(f"{where}: no sources")
        for source in sources:
            if not is_in_study(str(source.get("quote", ""))):
                problems.append(f"{where}: quote not found in the study: {source.get('quote')!r}")
        if recommendation is not None and event is not None:
            checked.append((recommendation, event, row))
    if problems:
        raise SeedInvalid(problems)
    return checked


def seed_study_responses(path: Path = STUDY_RESPONSES) -> SeedReport:
    """Create or update the study's stated responses; raise `SeedInvalid` (writing nothing) on any problem."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    report = SeedReport()
    checked = _checked(rows, path)
    study = Source.objects.get(slug=STUDY_SOURCE)
    content_type = ContentType.objects.get_for_model(RecommendationResponse)
    with transaction.atomic():
        for recommendation, event, row in checked:
            note = " ".join(str(row.get("note", "")).split())
            response = RecommendationResponse.objects.filter(
                recommendation=recommendation, event=event
            ).first()
            if response is None:
                response = RecommendationResponse(recommendation=recommendation, event=event, note=note)
                response._change_reason = "study states it"  # type: ignore[attr-defined]
                response.save()
                report.created += 1
            elif response.note != note:
                response.note, response.version = note, response.version + 1
                response.save()
                report.updated += 1
            else:
                report.unchanged += 1
            wanted = [(str(s["section"]), " ".join(str(s["quote"]).split())) for s in row["sources"]]
            stored = Citation.objects.filter(content_type=content_type, object_id=response.pk).order_by(
                "position"
            )
            if [(c.locator, c.quote) for c in stored] != wanted:
                stored.delete()
                for position, (locator, quote) in enumerate(wanted):
                    Citation.objects.create(
                        source=study,
                        locator=locator,
                        quote=quote,
                        position=position,
                        content_type=content_type,
                        object_id=response.pk,
                    )
    return report
