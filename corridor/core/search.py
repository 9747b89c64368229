"""Search across kinds of record, through the visibility funnel.

A plain substring match over each kind's text fields, ranked by where the words appear (title before body).
The knowledge-base work replaces the matching with full-text indexes; the shape of results stays.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from corridor.actors.selectors import organisations_visible_to
from corridor.geo.selectors import places_visible_to
from corridor.knowledge.selectors import (
    clauses_visible_to,
    commitments_visible_to,
    documents_visible_to,
    recommendations_visible_to,
)
from corridor.monitoring.selectors import visits_visible_to
from corridor.operations.selectors import activities_visible_to
from corridor.timeline.selectors import events_visible_to

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


@dataclass(frozen=True)
class SearchHit:
    kind: str
    key: str
    title: str
    snippet: str
    date: date | None
    score: float


@dataclass(frozen=True)
class _Kind:
    name: str
    records: Callable[[Reader], QuerySet[Any]]
    title: str
    fields: tuple[str, ...]
    key: Callable[[Any], str] = lambda record: record.slug


KINDS = (
    _Kind("place", places_visible_to, "name", ("name", "slug")),
    _Kind("organisation", organisations_visible_to, "name", ("name", "short_name")),
    _Kind("document", documents_visible_to, "title", ("title", "symbol")),
    _Kind("commitment", commitments_visible_to, "text", ("text",)),
    _Kind(
        "mandate_clause",
        clauses_visible_to,
        "text",
        ("text", "ref"),
        key=lambda clause: f"{clause.mandate.operation.slug}:{clause.ref}",
    ),
    _Kind("recommendation", recommendations_visible_to, "text", ("text", "addressee")),
    _Kind("event", events_visible_to, "title", ("title", "description")),
    _Kind("activity", activities_visible_to, "title", ("title", "description")),
    _Kind("visit", visits_visible_to, "purpose", ("purpose", "team", "follow_up")),
)
KIND_NAMES = tuple(kind.name for kind in KINDS)


def search(
    user: Reader, query: str, *, kinds: Iterable[str] = KIND_NAMES, limit: int = 50
) -> list[SearchHit]:
    """Records of `kinds` whose text contains every word of `query`, best first."""
    words = [word for word in query.split() if word]
    if not words:
        return []
    hits: list[SearchHit] = []
    wanted = set(kinds)
    for kind in KINDS:
        if kind.name not in wanted:
            continue
        condition = Q()
        for word in words:
            condition &= Q(*(Q(**{f"{field}__icontains": word}) for field in kind.fields), _connector=Q.OR)
        for record in kind.records(user).filter(condition)[:limit]:
            title = str(getattr(record, kind.title))
            score = sum(2.0 if word.lower() in title.lower() else 1.0 for word in words)
            text = " ".join(str(getattr(record, field)) for field in kind.fields)
            hits.append(
                SearchHit(
                    kind=kind.name,
                    key=kind.key(record),
                    title=title[:200],
                    snippet=_snippet(text, words),
                    date=getattr(record, "date_start", None),
                    score=score,
                )
            )
    hits.sort(key=lambda hit: (-hit.score, hit.kind, hit.key))
    return hits[:limit]


def _snippet(text: str, words: list[str], width: int = 160) -> str:
    lowered = text.lower()
    at = min((lowered.find(word.lower()) for word in words if word.lower() in lowered), default=0)
    start = max(at - width // 3, 0)
    return ("…" if start else "") + text[start : start + width] + ("…" if start + width < len(text) else "")
