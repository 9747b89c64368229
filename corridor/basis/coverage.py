"""Coverage: which commitments the work uses, by theme and dimension, and the gaps the study names.

Built for one reader (through the funnel), optionally for one operation's activities:

- a matrix of commitments by theme × dimension, each with the number of activities linked to it;
- activities by theme, counted through their linked commitments (an activity linked to commitments of two
  themes counts in both), and the activities linked to none;
- gaps: themes whose commitments no activity uses (the study: labour-migration commitments), commitments
  no activity uses, and topics whose activities are linked to no commitment or that no commitment speaks
  of (the study: "countering violent extremism" is "fully unconnected" to migration measures). A topic is
  a search query (`search.query` syntax) run on activities and commitments through the search index.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from corridor.knowledge.choices import CommitmentTheme, Dimension
from corridor.knowledge.models import Commitment
from corridor.knowledge.selectors import commitments_visible_to
from corridor.operations.models import Activity
from corridor.operations.selectors import activities_visible_to
from corridor.search.selectors import SearchFilters, search

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.actors.models import Organisation

STUDY_TOPICS: dict[str, str] = {
    "countering violent extremism": (
        '"violent extremism" OR radicalisation OR radicalization OR CVE OR terrorism'
    ),
}
"""Topics the study says are unconnected to the migration work, as search queries."""


@dataclass(frozen=True)
class CommitmentUse:
    commitment: Commitment
    activities: int


@dataclass(frozen=True)
class ThemeUse:
    theme: str
    label: str
    commitments: int
    commitments_used: int
    activities: int


@dataclass(frozen=True)
class TopicCoverage:
    """A topic's activities, how many of them are linked to a commitment, and the commitments that match."""

    name: str
    query: str
    activities: list[str]
    activities_linked: int
    commitments: list[str]

    @property
    def unconnected(self) -> bool:
        return bool(self.activities) and (self.activities_linked == 0 or not self.commitments)


@dataclass(frozen=True)
class Gap:
    kind: str
    text: str
    keys: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Coverage:
    themes: list[tuple[str, str]]
    dimensions: list[tuple[str, str]]
    matrix: dict[tuple[str, str], list[CommitmentUse]]
    by_theme: list[ThemeUse]
    activities: int
    activities_without_commitment: list[str]
    topics: list[TopicCoverage]
    gaps: list[Gap]


def _topic(user: Reader, name: str, query: str, activity_ids: set[int], linked: set[int]) -> TopicCoverage:
    filters = SearchFilters(kinds=("activity", "commitment"))
    hits = search(user, query, filters=filters, limit=500, candidates=None)
    keys = [hit.key for hit in hits if hit.kind == "activity"]
    ids = dict(Activity.objects.filter(slug__in=keys, pk__in=activity_ids).values_list("slug", "pk"))
    activities = [key for key in keys if key in ids]
    return TopicCoverage(
        name=name,
        query=query,
        activities=activities,
        activities_linked=sum(1 for key in activities if ids[key] in linked),
        commitments=[hit.key for hit in hits if hit.kind == "commitment"],
    )


def _topic_gap(probe: TopicCoverage) -> Gap:
    said = (
        f"{len(probe.commitments)} commitments speak of it"
        if probe.commitments
        else "no commitment speaks of it"
    )
    text = (
        f"{probe.name}: {len(probe.activities)} activities, "
        f"{probe.activities_linked} linked to a commitment; {said}."
    )
    return Gap("topic_unconnected", text, probe.activities)


def _themes(
    commitments: list[Commitment], uses: Counter[int], themes_of_activity: dict[int, set[str]]
) -> tuple[list[ThemeUse], list[Gap]]:
    by_theme, gaps = [], []
    for theme, label in CommitmentTheme.choices:
        of_theme = [c for c in commitments if c.theme == theme]
        unused = [c.slug for c in of_theme if not uses[c.pk]]
        activities = sum(1 for themes in themes_of_activity.values() if theme in themes)
        by_theme.append(ThemeUse(theme, str(label), len(of_theme), len(of_theme) - len(unused), activities))
        if of_theme and len(unused) == len(of_theme):
            gaps.append(
                Gap(
                    "theme_unused",
                    f"No activity uses any of the {len(of_theme)} {label} commitments."
                    if len(of_theme) > 1
                    else f"No activity uses the one {label} commitment.",
                    unused,
                )
            )
        elif unused:
            text = f"{len(unused)} of {len(of_theme)} {label} commitments are used by no activity."
            gaps.append(Gap("commitments_unused", text, unused))
    return by_theme, gaps


def coverage(
    user: Reader, *, operation: Organisation | None = None, topics: dict[str, str] | None = None
) -> Coverage:
    """The coverage matrix, uses by theme, topics and gaps, as `user` may see them."""
    activities = activities_visible_to(user)
    if operation is not None:
        activities = activities.filter(lead=operation)
    activity_slugs = dict(activities.values_list("pk", "slug"))
    commitments = list(commitments_visible_to(user).order_by("theme", "slug"))
    theme_of = {c.pk: c.theme for c in commitments}
    links = Activity.commitments.through.objects.filter(
        activity_id__in=list(activity_slugs), commitment_id__in=list(theme_of)
    ).values_list("activity_id", "commitment_id")
    uses: Counter[int] = Counter()
    themes_of_activity: dict[int, set[str]] = defaultdict(set)
    for activity_id, commitment_id in links:
        uses[commitment_id] += 1
        themes_of_activity[activity_id].add(theme_of[commitment_id])
    matrix: dict[tuple[str, str], list[CommitmentUse]] = defaultdict(list)
    for commitment in commitments:
        matrix[(commitment.theme, commitment.dimension)].append(
            CommitmentUse(commitment, uses[commitment.pk])
        )
    by_theme, gaps = _themes(commitments, uses, themes_of_activity)
    probes = [
        _topic(user, name, query, set(activity_slugs), set(themes_of_activity))
        for name, query in (STUDY_TOPICS if topics is None else topics).items()
    ]
    gaps += [_topic_gap(probe) for probe in probes if probe.unconnected]
    return Coverage(
        themes=[(str(value), str(label)) for value, label in CommitmentTheme.choices],
        dimensions=[(str(value), str(label)) for value, label in Dimension.choices],
        matrix=dict(matrix),
        by_theme=by_theme,
        activities=len(activity_slugs),
        activities_without_commitment=sorted(
            slug for pk, slug in activity_slugs.items() if pk not in themes_of_activity
        ),
        topics=probes,
        gaps=gaps,
    )
