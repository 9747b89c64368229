"""Every country and territory: ISO 3166-1 from pycountry, Kosovo as `XK`/`XKX`, and UN M49 regions.

The list itself is pycountry's (the ISO 3166 Maintenance Agency's list as Debian's iso-codes keeps it), with
Kosovo added under its user-assigned codes — never folded into RS. Each country's M49 region, sub-region and
intermediate region come from `data/m49_regions.csv` (OCHA/HDX's Countries & Territories Taxonomy; see
`data/PROVENANCE.md`). Names are English today; `country_name(code, language)` reads pycountry's gettext
catalogues (`iso3166-1` domain), which hold the interface languages to come (sq, mk, sr, sr@latin, bs).

Django-free, so the exchange, the case-study loader and migrations can use it alike.
"""

from __future__ import annotations

import csv
import gettext
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

KOSOVO_ALPHA2 = "XK"
KOSOVO_ALPHA3 = "XKX"
_M49_FILE = Path(__file__).parent / "data" / "m49_regions.csv"


@dataclass(frozen=True, slots=True)
class IsoCountry:
    """One country or territory: codes, today's English short name, and where UN M49 places it."""

    code: str
    alpha3: str
    name: str
    official_name: str
    m49_code: str
    region: str
    subregion: str
    intermediate_region: str

    @property
    def names(self) -> tuple[str, ...]:
        """Every English name a file may give it (short, ISO and official)."""
        return tuple(dict.fromkeys(n for n in (self.name, self.official_name) if n))


def _padded(code: str) -> str:
    return code.zfill(3) if code else ""


@cache
def _m49_by_alpha3() -> dict[str, dict[str, str]]:
    with _M49_FILE.open(encoding="utf-8", newline="") as stream:
        return {row["alpha3"]: row for row in csv.DictReader(stream)}


@cache
def iso_countries() -> tuple[IsoCountry, ...]:
    """Every ISO 3166-1 country and Kosovo, ordered by alpha-2 code."""
    m49 = _m49_by_alpha3()
    entries = [
        (country.alpha_2, country.alpha_3, getattr(country, "common_name", None) or country.name, country)
        for country in pycountry.countries
    ]
    found = []
    for alpha2, alpha3, short_name, country in entries:
        regions = m49.get(alpha3, {})
        iso_name = country.name if country.name != short_name else ""
        official = getattr(country, "official_name", "") or iso_name
        found.append(
            IsoCountry(
                code=alpha2,
                alpha3=alpha3,
                name=short_name,
                official_name=official,
                m49_code=_padded(country.numeric),
                region=regions.get("region", ""),
                subregion=regions.get("subregion", ""),
                intermediate_region=regions.get("intermediate", ""),
            )
        )
    kosovo = m49[KOSOVO_ALPHA3]
    found.append(
        IsoCountry(
            code=KOSOVO_ALPHA2,
            alpha3=KOSOVO_ALPHA3,
            name="Kosovo",
            official_name="",
            m49_code="",
            region=kosovo["region"],
            subregion=kosovo["subregion"],
            intermediate_region=kosovo["intermediate"],
        )
    )
    return tuple(sorted(found, key=lambda entry: entry.code))


@cache
def _by_code() -> dict[str, IsoCountry]:
    by_code = {}
    for entry in iso_countries():
        by_code[entry.code] = entry
        by_code[entry.alpha3] = entry
    return by_code


def iso_country(code: str) -> IsoCountry | None:
    """The country with alpha-2 or alpha-3 `code` (any case; HDX's `XKX` is Kosovo), or None."""
    return _by_code().get(code.strip().upper())


def is_country_code(code: str) -> bool:
    """Whether `code` is the alpha-2 code of a country or territory (the form records keep)."""
    entry = iso_country(code)
    return entry is not None and entry.code == code


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def country_name(code: str, language: str = "en") -> str:
    """The short name of the country `code` in `language` (a gettext locale: 'sq', 'mk', 'sr@latin'…);
    English where the catalogue has no translation. Raises KeyError for an unknown code."""
    entry = iso_country(code)
    if entry is None:
        raise KeyError(code)
    if language == "en" or entry.code == KOSOVO_ALPHA2:
        return entry.name
    catalogue = _catalogue(language)
    translated = catalogue.gettext(entry.name)
    if translated == entry.name and (country := pycountry.countries.get(alpha_2=entry.code)) is not None:
        iso_translated = catalogue.gettext(country.name)
        return iso_translated if iso_translated != country.name else entry.name
    return translated
