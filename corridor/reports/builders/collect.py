"""What every builder needs while it reads: the records it refers to, and names the reader may see.

`Sources` registers each record a report states something from, in order of first mention, and fetches
their citations in one query per kind at the end. It also keeps the highest classification of anything
included, which becomes the report's marking.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, QuerySet

from corridor.actors.selectors import organisations_visible_to
from corridor.core.choices import Classification
from corridor.core.models import Citation
from corridor.geo.selectors import places_visible_to
from corridor.reports.data.common import Cite, Ref

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


def cited_sources(model: Any, ids: QuerySet[Any] | list[int]) -> tuple[Cite, ...]:
    """What a set of records cites, one line per source with how many of them cite it.

    A query reference (many records named by the query that selects them) cannot list every quote; it
    names the sources behind the records instead.
    """
    cited = (
        Citation.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
        .order_by()
        .values("source__slug", "source__title")
        .annotate(rows=Count("id"))
        .order_by("source__slug")
    )
    return tuple(
        Cite(source=c["source__slug"], source_title=c["source__title"], locator=f"{c['rows']} rows", quote="")
        for c in cited
    )


@dataclass
class _Pending:
    key: str
    kind: str
    uid: str
    slug: str
    title: str
    date_text: str
    classification: str
    owner: str
    model: Any
    pk: int | None
    count: int = 1
    citations: tuple[Cite, ...] = ()


@dataclass
class Sources:
    """The records a report refers to, in order of first mention."""

    names: Names
    _pending: dict[str, _Pending] = field(default_factory=dict)
    _highest: str = Classification.PUBLIC

    def record(self, instance: Any, *, kind: str, title: str, date_text: str = "") -> str:
        """Register a classified record; return the key lines use to point at it."""
        key = str(instance.uid)
        if key not in self._pending:
            self._pending[key] = _Pending(
                key=key,
                kind=kind,
                uid=key,
                slug=getattr(instance, "slug", "") or "",
                title=title,
                date_text=date_text,
                classification=instance.classification,
                owner=self.names.organisation(instance.owner_id),
                model=type(instance),
                pk=instance.pk,
            )
            self.include(instance.classification)
        return key

    def query(
        self,
        *,
        key: str,
        kind: str,
        title: str,
        date_text: str,
        classification: str,
        count: int,
        citations: tuple[Cite, ...],
    ) -> str:
        """Register a set of records named by the query that selects them (e.g. a place's daily counts)."""
        if key not in self._pending:
            self._pending[key] = _Pending(
                key=key,
                kind=kind,
                uid="",
                slug=key,
                title=title,
                date_text=date_text,
                classification=classification,
                owner="",
                model=None,
                pk=None,
                count=count,
                citations=citations,
            )
            self.include(classification)
        return key

    def include(self, classification: str) -> None:
        """Count something shown in the report (a place on the map, a figure) towards its marking."""
        if Classification.rank(classification) > Classification.rank(self._highest):
            self._highest = classification

    @property
    def highest_classification(self) -> str:
        return max(self._highest, self.names.highest, key=Classification.rank)

    def refs(self) -> tuple[Ref, ...]:
        """Every registered record with its citations, in order of first mention."""
        by_model: dict[Any, list[_Pending]] = defaultdict(list)
        for pending in self._pending.values():
            if pending.model is not None:
                by_model[pending.model].append(pending)
        cited: dict[tuple[int, int], list[Cite]] = defaultdict(list)
        for model, pendings in by_model.items():
            content_type = ContentType.objects.get_for_model(model)
            citations = (
                Citation.objects.filter(
                    content_type=content_type, object_id__in=[p.pk for p in pendings if p.pk is not None]
                )
                .select_related("source")
                .order_by("object_id", "position")
            )
            for citation in citations:
                cited[(content_type.pk, citation.object_id)].append(
                    Cite(
                        source=citation.source.slug,
                        source_title=citation.source.title,
                        locator=citation.locator,
                        quote=citation.quote,
                    )
                )
            for pending in pendings:
                pending.citations = tuple(cited.get((content_type.pk, pending.pk or 0), ()))
        return tuple(
            Ref(
                key=p.key,
                kind=p.kind,
                uid=p.uid,
                slug=p.slug,
                title=p.title,
                date_text=p.date_text,
                classification=p.classification,
                owner=p.owner,
                citations=p.citations,
                count=p.count,
            )
            for p in self._pending.values()
        )


@dataclass
class Names:
    """Names of the organisations and places `reader` may see; anything else is not named."""

    organisations: dict[int, tuple[str, str, str]]
    places: dict[int, tuple[str, str, str]]
    highest: str = Classification.PUBLIC

    def _shown(self, classification: str) -> None:
        """A name printed in the report counts towards its marking (a restricted partner stays marked)."""
        if Classification.rank(classification) > Classification.rank(self.highest):
            self.highest = classification

    @classmethod
    def for_reader(cls, reader: Reader) -> Names:
        organisations = {
            pk: (slug, short or name, classification)
            for pk, slug, short, name, classification in organisations_visible_to(reader)
            .order_by()
            .values_list("pk", "slug", "short_name", "name", "classification")
        }
        places = {
            pk: (slug, name, classification)
            for pk, slug, name, classification in places_visible_to(reader)
            .order_by()
            .values_list("pk", "slug", "name", "classification")
        }
        return cls(organisations=organisations, places=places)

    def organisation(self, pk: int | None) -> str:
        if pk is None:
            return ""
        known = self.organisations.get(pk)
        if known is None:
            return "an organisation not shown"
        self._shown(known[2])
        return known[1]

    def organisation_slug(self, pk: int | None) -> str:
        known = self.organisations.get(pk) if pk is not None else None
        return known[0] if known else ""

    def organisation_list(self, pks: list[int]) -> tuple[str, ...]:
        """Names of the visible ones, sorted; hidden organisations are left out, not hinted at."""
        return tuple(sorted(self.organisation(pk) for pk in pks if pk in self.organisations))

    def place(self, pk: int | None) -> str:
        known = self.places.get(pk) if pk is not None else None
        if known is None:
            return ""
        self._shown(known[2])
        return known[1]

    def place_list(self, pks: list[int]) -> tuple[str, ...]:
        return tuple(sorted(self.place(pk) for pk in pks if pk in self.places))
