from __future__ import annotations

from typing import Any

from ninja import Field, Schema

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


class EventIn(Schema):
    owner: str
    kind: str
    title: str
    date: str
    description: str = ""
    places: list[str] = []
    countries: list[str] = []
    actors: list[str] = []
    documents: list[str] = []
    classification: str | None = Field(
        None,
        description="public, internal or restricted; left out, the owner's default for this kind of record "
        "(internal unless its administrators chose otherwise). Public needs a focal point or administrator.",
    )
    note: str = ""


class EventPatch(Schema):
    kind: str | None = None
    title: str | None = None
    date: str | None = None
    description: str | None = None
    places: list[str] | None = None
    countries: list[str] | None = None
    actors: list[str] | None = None
    documents: list[str] | None = None
    classification: str | None = None
    note: str | None = None
