"""Shapes of the knowledge-base answers: an activity's basis, the recommendations tracker, coverage."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema

from corridor.api.inputs import (
    Input,
    LongText,
)
from corridor.api.schemas.common import PERSON, CitationOut, DateOut, date_of


class LinkedClauseOut(Schema):
    key: str
    text: str
    dimension: str


class LinkedCommitmentOut(Schema):
    key: str
    text: str
    theme: str
    dimension: str


class SuggestionOut(Schema):
    """A proposed basis; `passage` is its text as HTML (escaped, matched words in <mark>)."""

    kind: str
    key: str
    text: str
    score: float
    passage: str
    matched: list[str]


class SuggestionsOut(Schema):
    clauses: list[SuggestionOut]
    commitments: list[SuggestionOut]


class DecisionOut(Schema):
    kind: str
    key: str
    verdict: str
    decided_by: str | None = Field(..., description="who decided, " + PERSON)
    decided_at: datetime


class ActivityBasisOut(Schema):
    activity: str
    version: int
    clauses: list[LinkedClauseOut]
    commitments: list[LinkedCommitmentOut]
    decisions: list[DecisionOut]
    suggestions: SuggestionsOut


class BasisDecisionIn(Input):
    """Confirm or reject one clause (`operation-slug:clause-ref`) or one commitment (slug)."""

    verdict: Literal["confirmed", "rejected"]
    clause: LongText | None = None
    commitment: LongText | None = None


class ActivitySummaryOut(Schema):
    slug: str
    title: str
    category: str
    date: DateOut

    @staticmethod
    def resolve_date(activity: Any) -> DateOut | None:
        return date_of(activity)


class ResponseOut(Schema):
    """An activity or event answering the recommendation; `linked_by` is empty where the study states it."""

    uid: UUID
    kind: str
    key: str
    title: str
    date: DateOut | None
    note: str
    linked_by: str | None = Field(
        ...,
        description="who linked it (null where the study states it), " + PERSON,
    )
    linked_at: datetime
    citations: list[CitationOut]


class TrackedRecommendationOut(Schema):
    slug: str
    text: str
    status: str
    issuer: str | None
    addressee: str


class FollowUpItemOut(Schema):
    date: DateOut
    text: str


class TrackerOut(Schema):
    recommendation: TrackedRecommendationOut
    follow_ups: list[FollowUpItemOut]
    responses: list[ResponseOut]


class ResponseIn(Input):
    """Name one activity or one event (slug) that answers the recommendation, and how."""

    activity: LongText | None = None
    event: LongText | None = None
    note: LongText = ""


class CommitmentUseOut(Schema):
    key: str
    text: str
    activities: int


class CoverageCellOut(Schema):
    theme: str
    dimension: str
    commitments: list[CommitmentUseOut]


class ChoiceOut(Schema):
    value: str
    label: str


class ThemeUseOut(Schema):
    theme: str
    label: str
    commitments: int
    commitments_used: int
    activities: int


class TopicOut(Schema):
    name: str
    query: str
    activities: list[str]
    activities_linked: int
    commitments: list[str]
    unconnected: bool


class GapOut(Schema):
    kind: str
    text: str
    keys: list[str]


class CoverageOut(Schema):
    themes: list[ChoiceOut]
    dimensions: list[ChoiceOut]
    matrix: list[CoverageCellOut]
    by_theme: list[ThemeUseOut]
    activities: int
    activities_without_commitment: list[str]
    topics: list[TopicOut]
    gaps: list[GapOut]


class SearchHitOut(Schema):
    """A record found; `snippet` is HTML (the text escaped, matches in <mark>); higher `score` ranks first."""

    kind: str
    key: str
    title: str
    snippet: str
    date: date | None
    score: float
