from __future__ import annotations

from typing import Any

from ninja import Field

from corridor.api.inputs import (
    DateText,
    Input,
    Keys,
    LongText,
    RequiredText,
)
from corridor.api.querying import related_keys, related_rows
from corridor.api.schemas.common import DateOut, RecordOut, date_of
from corridor.api.shown import slugs_of


class EventOut(RecordOut):
    slug: str
    kind: str
    title: str
    description: str
    date: DateOut
    places: list[str]
    countries: list[str]
    actors: list[str]
    documents: list[str]

    @staticmethod
    def resolve_date(event: Any) -> DateOut | None:
        return date_of(event)

    @staticmethod
    def resolve_places(event: Any, context: Any) -> list[str]:
        return slugs_of(context, related_rows(event, "places"))

    @staticmethod
    def resolve_countries(event: Any) -> list[str]:
        return related_keys(event, "countries", key="code")

    @staticmethod
    def resolve_actors(event: Any, context: Any) -> list[str]:
        return slugs_of(context, related_rows(event, "actors"))

    @staticmethod
    def resolve_documents(event: Any, context: Any) -> list[str]:
        return slugs_of(context, related_rows(event, "documents"))


class EventIn(Input):
    owner: RequiredText
    kind: RequiredText
    title: RequiredText
    date: DateText
    description: LongText = ""
    places: Keys = []
    countries: Keys = []
    actors: Keys = []
    documents: Keys = []
    classification: LongText | None = Field(
        None,
        description="public, internal or restricted; left out, the owner's default for this kind of record "
        "(internal unless its administrators chose otherwise). Public needs a focal point or administrator.",
    )
    note: LongText = ""


class EventPatch(Input):
    kind: LongText | None = None
    title: RequiredText | None = None
    date: DateText | None = None
    description: LongText | None = None
    places: Keys | None = None
    countries: Keys | None = None
    actors: Keys | None = None
    documents: Keys | None = None
    classification: LongText | None = None
    note: LongText | None = None
