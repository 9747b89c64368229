from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from corridor.api.schemas.common import RecordOut
from corridor.api.shown import slug_of


class CountryNameOut(Schema):
    name: str
    audience: str
    valid_from: date | None
    valid_to: date | None


class CountryOut(Schema):
    code: str
    alpha3: str
    name: str
    osce_status: str
    names: list[CountryNameOut]

    @staticmethod
    def resolve_names(country: Any) -> list[Any]:
        return list(country.names.all())


class LinkOut(Schema):
    destination: str
    mode: str
    distance_km: Decimal | None

    @staticmethod
    def resolve_destination(link: Any) -> str:
        return link.destination.slug


class PlaceOut(RecordOut):
    slug: str
    name: str
    alternative_names: list[str]
    kind: str
    country: str | None
    parent: str | None
    latitude: Decimal | None
    longitude: Decimal | None
    coordinates_source: str = Field(
        description="where the coordinates come from when the source gives none (editorial: 'gazetteer')"
    )
    links_out: list[LinkOut]

    @staticmethod
    def resolve_country(place: Any) -> str | None:
        return place.country.code if place.country_id else None

    @staticmethod
    def resolve_parent(place: Any, context: Any) -> str | None:
        return slug_of(context, place.parent)

    @staticmethod
    def resolve_links_out(place: Any) -> list[Any]:
        return list(place.links_out.all())


class RouteLinkOut(RecordOut):
    origin: str
    destination: str
    mode: str
    distance_km: Decimal | None

    @staticmethod
    def resolve_origin(link: Any) -> str:
        return link.origin.slug

    @staticmethod
    def resolve_destination(link: Any) -> str:
        return link.destination.slug
