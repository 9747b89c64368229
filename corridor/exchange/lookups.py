"""Find the places, organisations and countries a file names — by slug, code or name — among those the
importing user may read, with close matches suggested for a name that is not found.

Names match whatever their case and diacritics ('Presevo' finds Preševo); a name two records share is
refused as ambiguous rather than guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from difflib import get_close_matches
from typing import Generic, TypeVar

from corridor.core.text import fold
from corridor.exchange.acting import Actor, organisations_for, places_for
from corridor.exchange.values import CellError
from corridor.geo.iso import iso_country
from corridor.geo.selectors import list_countries

T = TypeVar("T")


class Directory(Generic[T]):
    """Items by their key (exact) and by their names (folded), for one kind of thing ('place')."""

    def __init__(self, noun: str, entries: Iterable[tuple[str, Iterable[str], T]]) -> None:
        self.noun = noun
        self._by_key: dict[str, T] = {}
        self._by_name: dict[str, list[tuple[str, T]]] = {}
        for key, names, item in entries:
            self._by_key[key] = item
            for name in {fold(key), *(fold(n) for n in names if n)}:
                self._by_name.setdefault(name, []).append((key, item))
        self._found: dict[str, T] = {}

    def find(self, text: str) -> T:
        """The item `text` names; `CellError` naming close matches when none does."""
        item = self._by_key.get(text)
        if item is not None:
            return item
        item = self._found.get(text)
        if item is not None:
            return item
        matches = {key: found for key, found in self._by_name.get(fold(text), [])}
        if len(matches) == 1:
            item = next(iter(matches.values()))
            self._found[text] = item
            return item
        if len(matches) > 1:
            raise CellError(f"names several {self.noun}s ({', '.join(sorted(matches))}): give the slug")
        raise CellError(f"is not a known {self.noun}{self._suggestion(text)}")

    def _suggestion(self, text: str) -> str:
        close = get_close_matches(fold(text), list(self._by_name), n=3, cutoff=0.75)
        keys = list(dict.fromkeys(key for name in close for key, _ in self._by_name[name]))
        return f" (did you mean {', '.join(keys)}?)" if keys else ""


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    id: int
    slug: str
    name: str
    opened_on: date | None
    closed_on: date | None
    classification: str = "public"

    def life_text(self) -> str:
        opened = f"opened {self.opened_on.isoformat()}" if self.opened_on else ""
        closed = f"closed {self.closed_on.isoformat()}" if self.closed_on else ""
        return ", ".join(part for part in (opened, closed) if part)


@dataclass(frozen=True, slots=True)
class OrganisationEntry:
    id: int
    slug: str
    name: str
    classification: str = "public"


def place_directory(actor: Actor) -> Directory[PlaceEntry]:
    rows = places_for(actor).values_list(
        "id", "slug", "name", "alternative_names", "opened_on", "closed_on", "classification"
    )
    return Directory(
        "place",
        (
            (slug, [name, *(names or [])], PlaceEntry(pk, slug, name, opened, closed, level))
            for pk, slug, name, names, opened, closed, level in rows
        ),
    )


def organisation_directory(actor: Actor) -> Directory[OrganisationEntry]:
    rows = organisations_for(actor).values_list("id", "slug", "name", "short_name", "classification")
    return Directory(
        "organisation",
        (
            (slug, [name, short], OrganisationEntry(pk, slug, name, level))
            for pk, slug, name, short, level in rows
        ),
    )


def country_directory() -> Directory[str]:
    """Countries by alpha-2 code (the value kept), alpha-3 code, name or ISO's short and official names —
    every ISO 3166 country. Kosovo is XK (HDX's XKX reads as XK), never RS."""
    return Directory(
        "country",
        (
            (code, [alpha3, name, *_iso_names(code)], code)
            for code, alpha3, name in list_countries().values_list("code", "alpha3", "name")
        ),
    )


def _iso_names(code: str) -> tuple[str, ...]:
    entry = iso_country(code)
    return entry.names if entry is not None else ()
