"""The promise to partners: the committed OpenAPI document is the live one, and no generated request
(bounded schemathesis run) makes the server fail or answer outside its schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from corridor.cli.api import openapi_document

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


def test_the_committed_schema_is_the_live_one() -> None:
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == json.loads(openapi_document()), (
        "docs/openapi.json is out of date: run `.venv/bin/corridor api schema -o docs/openapi.json`"
    )


@pytest.fixture
def in_process_requests():  # type: ignore[no-untyped-def]
    """Keep the test's database connection open across in-process requests, as Django's test client does."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def focal_point_token(make_user, skopje, in_process_requests) -> str:  # type: ignore[no-untyped-def]
    from corridor.accounts.services import create_token

    user = make_user("fuzz.focal", skopje, "focal_point")
    return create_token(user=user, name="schemathesis").secret


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_generated_request_breaks_the_api(case, focal_point_token) -> None:  # type: ignore[no-untyped-def]
    for headers in ({}, {"Authorization": f"Bearer {focal_point_token}"}):
        response = case.call(headers=headers)
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
