"""Fixtures for data exchange: files written the way partners' tools write them, an importer at the
Secretariat, and a snapshot of every table an import could touch (to prove a refused file wrote nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.apps import apps

from corridor.accounts.choices import Role
from corridor.accounts.models import User
from corridor.actors.models import Organisation

WriteFile = Callable[..., Path]

OBSERVATION_HEADER = "place,date,metric,value,source_organisation,owner"


@pytest.fixture
def write_file(tmp_path: Path) -> WriteFile:
    """Write `text` (or bytes) to a file in the given encoding; returns its path."""

    def write(text: str | bytes, name: str = "upload.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
        return path

    return write


@pytest.fixture
def observations_csv(write_file: WriteFile) -> Callable[..., Path]:
    """A CSV of observations with the plain headers, from data rows given as text lines."""

    def write(*rows: str, header: str = OBSERVATION_HEADER, encoding: str = "utf-8") -> Path:
        return write_file("\n".join([header, *rows]) + "\n", encoding=encoding)

    return write


@pytest.fixture
def cpc_editor(make_user: Callable[..., User], cpc: Organisation) -> User:
    """An editor at the Conflict Prevention Centre, who imports for it."""
    return make_user("cpc.editor", cpc, Role.EDITOR)


def _snapshot() -> dict[str, list[tuple]]:
    """Every row of every project table (history included), every column."""
    tables = {}
    for model in apps.get_models():
        if model._meta.app_label in {"sessions", "admin", "contenttypes", "auth", "django_q"}:
            continue
        tables[model._meta.label] = list(model._default_manager.order_by("pk").values_list())
    return tables


@pytest.fixture
def database_snapshot() -> Callable[[], dict[str, list[tuple]]]:
    return _snapshot
