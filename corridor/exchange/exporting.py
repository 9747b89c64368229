"""Export observations, events, activities or places as the user may see them, in any export format.

Every query starts from the kind's `*_visible_to(user)` selector — the visibility funnel — and rows are
streamed in chunks, so an export of millions of observations holds one chunk at a time.

A visible record may refer to one the reader may not read (a public event listing a restricted place, an
activity's restricted partner, a figure at a restricted site): such a reference is left out of a list
and given as empty where the field holds one reference (`accounts.access.shown`), so an export never
names — by slug, name or uid — a record its reader could not open. Events, activities and places carry
their `version`, so that importing the file again is an edit made from that version (`writers`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, BinaryIO

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, F, Q, QuerySet, When

from corridor.accounts.access import hidden_ids, readable, shown, shown_all
from corridor.actors.models import Organisation
from corridor.exchange.choices import ImportKind
from corridor.exchange.renderers import renderer_for
from corridor.exchange.vocabulary import export_fields
from corridor.geo.models import Place
from corridor.geo.selectors import places_visible_to, visible_places
from corridor.monitoring.selectors import observations_visible_to
from corridor.operations.selectors import activities_visible_to
from corridor.timeline.selectors import events_visible_to

if TYPE_CHECKING:
    from corridor.accounts.access import Reader

CHUNK = 2_000
ProgressCallback = Callable[[float, str], None]
Shaped = tuple[QuerySet[Any], Callable[[Any], list[Any]]]
"""A kind's visible, filtered rows and the function that turns one into the export's values."""


@dataclass(frozen=True)
class ExportFilters:
    """What to export; a filter that does not apply to the kind is refused, not ignored."""

    start: date | None = None
    end: date | None = None
    places: tuple[str, ...] = ()
    metric: str | None = None
    source_organisation: str | None = None
    include_revised: bool = False
    event_kind: str | None = None
    category: str | None = None
    lead: str | None = None

    def check(self, kind: str) -> None:
        allowed = _FILTERS_BY_KIND[kind]
        given = {name for name, value in vars(self).items() if value not in (None, (), False)}
        if given - allowed:
            raise ValueError(f"filter(s) {', '.join(sorted(given - allowed))} do not apply to {kind}")


_FILTERS_BY_KIND: dict[str, set[str]] = {
    ImportKind.OBSERVATIONS: {"start", "end", "places", "metric", "source_organisation", "include_revised"},
    ImportKind.EVENTS: {"start", "end", "places", "event_kind"},
    ImportKind.ACTIVITIES: {"start", "end", "places", "category", "lead"},
    ImportKind.PLACES: {"places"},
}


def _period(queryset: QuerySet[Any], filters: ExportFilters) -> QuerySet[Any]:
    if filters.start is not None:
        queryset = queryset.filter(date_end__gte=filters.start)
    if filters.end is not None:
        queryset = queryset.filter(date_start__lte=filters.end)
    return queryset


def _observations(user: Reader, filters: ExportFilters) -> Shaped:
    queryset = _period(observations_visible_to(user, include_revised=filters.include_revised), filters)
    if filters.places:
        queryset = queryset.filter(place__slug__in=filters.places)
    if filters.metric:
        queryset = queryset.filter(metric=filters.metric)
    if filters.source_organisation:
        queryset = queryset.filter(source_organisation__slug=filters.source_organisation)
    columns = (
        "uid", "place_id", "place__slug", "place__name", "place__country__code", "date_start", "date_end",
        "date_precision", "metric", "value", "value_status", "value_qualifier", "sex", "age_group",
        "nationality", "source_organisation_id", "source_organisation__slug", "reliability", "owner_id",
        "owner__slug", "classification", "note", "is_current", "shown_revision_of",
    )  # fmt: skip
    ordered = queryset.order_by(
        "place__slug", "metric", "date_start", "date_end", "source_organisation__slug", "pk"
    ).annotate(shown_revision_of=_shown_reference(user, "revision_of"))
    hidden_places = hidden_ids(user, Place)
    hidden_organisations = hidden_ids(user, Organisation)

    def row(values: tuple[Any, ...]) -> list[Any]:
        (uid, place_id, place, place_name, country, start, end, precision, metric, value, status, qualifier,
         sex, age, nationality, source_id, source, reliability, owner_id, owner, classification, note,
         current, revision_of) = values  # fmt: skip
        if place_id in hidden_places:
            place = place_name = country = None
        if source_id in hidden_organisations:
            source = None
        if owner_id in hidden_organisations:
            owner = None
        return [
            uid, place, place_name, country, start, end, precision, metric, value, status, qualifier, sex,
            age, nationality, source, reliability, owner, classification, note, current, revision_of,
        ]  # fmt: skip

    return ordered.values_list(*columns), row


def _shown_reference(user: Reader, relation: str) -> Any:
    """The uid of the record `relation` points at, or None when `user` may not read that record."""
    condition = readable(user, via=f"{relation}__")
    if not condition:
        return F(f"{relation}__uid")
    return Case(When(condition, then=F(f"{relation}__uid")), default=None)


def _slug(user: Reader, record: Any) -> str | None:
    """The slug of a single reference, or None when there is none or `user` may not read it."""
    found = shown(user, record)
    return found.slug if found is not None else None


def _slugs(manager: Any, attribute: str = "slug") -> list[str]:
    return sorted(getattr(item, attribute) for item in manager.all())


def _shown_slugs(user: Reader, manager: Any) -> list[str]:
    """The slugs of the linked records `user` may read; the others are left out, not hinted at."""
    return sorted(item.slug for item in shown_all(user, manager.all()))


def _events(user: Reader, filters: ExportFilters) -> Shaped:
    queryset = _period(events_visible_to(user), filters).select_related("owner")
    if filters.places:
        queryset = queryset.filter(places__slug__in=filters.places).distinct()
    if filters.event_kind:
        queryset = queryset.filter(kind=filters.event_kind)
    queryset = queryset.prefetch_related(visible_places(user), "countries", "actors").order_by(
        "date_start", "slug"
    )

    def row(event: Any) -> list[Any]:
        return [
            event.uid, event.slug, event.date_start, event.date_end, event.date_precision, event.kind,
            event.title, event.description, _shown_slugs(user, event.places), _slugs(event.countries, "code"),
            _shown_slugs(user, event.actors), _slug(user, event.owner), event.classification, event.note,
            event.version,
        ]  # fmt: skip

    return queryset, row


def _activities(user: Reader, filters: ExportFilters) -> Shaped:
    queryset = _period(activities_visible_to(user), filters).select_related("lead")
    if filters.places:
        queryset = queryset.filter(places__slug__in=filters.places).distinct()
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    if filters.lead:
        queryset = queryset.filter(lead__slug=filters.lead)
    queryset = queryset.prefetch_related("partners", visible_places(user), "countries").order_by(
        "date_start", "slug"
    )

    def row(activity: Any) -> list[Any]:
        return [
            activity.uid, activity.slug, activity.title, activity.category, _slug(user, activity.lead),
            activity.lead_role, _shown_slugs(user, activity.partners), activity.date_start, activity.date_end,
            activity.date_precision, activity.date_note, _shown_slugs(user, activity.places),
            _slugs(activity.countries, "code"), activity.funding, activity.status, activity.description,
            activity.classification, activity.note, activity.version,
        ]  # fmt: skip

    return queryset, row


def _places(user: Reader, filters: ExportFilters) -> Shaped:
    queryset = places_visible_to(user).select_related("owner", "parent", "country")
    if filters.places:
        queryset = queryset.filter(Q(slug__in=filters.places) | Q(parent__slug__in=filters.places))
    queryset = queryset.order_by("slug")

    def row(place: Any) -> list[Any]:
        return [
            place.uid, place.slug, place.name, list(place.alternative_names), place.kind,
            place.country.code if place.country else None, _slug(user, place.parent),
            place.latitude, place.longitude, place.coordinates_source, place.opened_on, place.closed_on,
            _slug(user, place.owner), place.classification, place.note, place.version,
        ]  # fmt: skip

    return queryset, row


_SOURCES: dict[str, Callable[[Reader, ExportFilters], Shaped]] = {
    ImportKind.OBSERVATIONS: _observations,
    ImportKind.EVENTS: _events,
    ImportKind.ACTIVITIES: _activities,
    ImportKind.PLACES: _places,
}


def export_records(
    *,
    user: Reader,
    kind: str,
    format: str,
    stream: BinaryIO,
    filters: ExportFilters | None = None,
    progress: ProgressCallback | None = None,
) -> int:
    """Write the records of `kind` that `user` may read to `stream` in `format`; return how many."""
    if kind not in _SOURCES:
        raise ValueError(f"unknown kind {kind!r}: one of {', '.join(_SOURCES)}")
    filters = filters or ExportFilters()
    filters.check(kind)
    # The access package keeps what a reader may not read on the reader object, once per export: an
    # anonymous export needs an object to keep it on.
    reader = user if user is not None else AnonymousUser()
    queryset, shape = _SOURCES[kind](reader, filters)
    total = queryset.count() if progress is not None else 0
    renderer = renderer_for(format, stream, kind=kind)
    renderer.start(export_fields(kind))
    written = 0
    for item in _stream(queryset):
        renderer.row(shape(item))
        written += 1
        if progress is not None and written % CHUNK == 0:
            progress(written / total if total else 1.0, f"exported {written:,} of {total:,}")
    renderer.finish()
    if progress is not None:
        progress(1.0, f"exported {written:,}")
    return written


def _stream(queryset: QuerySet[Any]) -> Iterator[Any]:
    return queryset.iterator(chunk_size=CHUNK)
