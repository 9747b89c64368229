"""The promise to partners: the committed OpenAPI document is the live one (generated requests against it:
test_generated_requests.py)."""

from __future__ import annotations

import json
from pathlib import Path

from corridor.cli.api import openapi_document

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_the_committed_schema_is_the_live_one() -> None:
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == json.loads(openapi_document()), (
        "docs/openapi.json is out of date: run `.venv/bin/corridor api schema -o docs/openapi.json`"
    )
