"""No route, country or series of any case is named in the forecasting or web code: routes are data.

The names are read from every shipped route folder (route slug and name, node keys and labels, the places
and the countries they lie in, series keys and labels), so a new case's names are checked as soon as it
ships. The case study's benchmark readers (`engine/shipped_data.py`, `engine/benchmark.py`), which reproduce
the published British Red Cross error table from the files shipped with it, are the named exception.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pycountry
import pytest

from corridor.exchange.real_data import shipped_route_folders
from corridor.geo.iso import iso_country

ROOT = Path(__file__).resolve().parents[2] / "corridor"
CHECKED = (ROOT / "forecasting", ROOT / "web")
SUFFIXES = {".py", ".html", ".js"}
BENCHMARK_READERS = {ROOT / "forecasting/engine/shipped_data.py", ROOT / "forecasting/engine/benchmark.py"}


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    path = folder / name
    return list(csv.DictReader(path.open(encoding="utf-8"))) if path.is_file() else []


def case_names() -> set[str]:
    names: set[str] = set()
    for folder in shipped_route_folders():
        for row in _rows(folder, "route.csv"):
            names |= {row["slug"], row["name"]}
        for row in _rows(folder, "nodes.csv"):
            names |= {row["node"], row["label"], row["place"]}
            country = iso_country(row["country"])
            if country is not None:
                names |= {country.name, *country.names}
                official = pycountry.countries.get(alpha_2=country.code)
                names |= {official.name} if official is not None else set()
        for row in _rows(folder, "series.csv"):
            names |= {row["series"], row["label"], row["place"]}
    # Two-letter codes and short words ('at', 'si') are too common to tell a case from English.
    return {name for name in names if len(name) > 3}


def code_files() -> list[Path]:
    return sorted(
        path
        for base in CHECKED
        for path in base.rglob("*")
        if path.suffix in SUFFIXES and path not in BENCHMARK_READERS and "migrations" not in path.parts
    )


def test_the_names_come_from_the_shipped_routes() -> None:
    names = case_names()

    assert len(shipped_route_folders()) >= 1
    assert len(names) > 20


@pytest.mark.parametrize("path", code_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_case_is_named_in_the_code(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = sorted(
        name
        for name in case_names()
        if re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text, flags=re.IGNORECASE)
    )

    assert found == [], f"{path.relative_to(ROOT)} names {found}: a case's names belong in its route's files"
