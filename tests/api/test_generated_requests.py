"""No generated request makes the API fail or answer outside its schema: schemathesis reads the live
OpenAPI document and sends each operation a bounded, deterministic set of requests, as an anonymous
caller and as an editor of the Mission to Skopje, checking that no answer is a 5xx and that every answer
(errors included) matches what the document declares.

Marked `slow`: it runs once, in the SQLite pass (`make test-sqlite`); the PostgreSQL pass leaves it out,
as it does the browser tests.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from corridor.accounts.choices import Role
from tests.conftest import MakeUser

pytestmark = pytest.mark.slow

EXAMPLES_PER_OPERATION = 25

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def in_process_requests() -> Iterator[None]:
    """Keep the test's database connection open across in-process requests, as Django's test client does."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def editor_token(make_user: MakeUser, skopje, in_process_requests: None) -> str:  # type: ignore[no-untyped-def]
    from corridor.accounts.services import create_token

    user = make_user("fuzz.editor", skopje, Role.EDITOR)
    return create_token(user=user, name="schemathesis").secret


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_no_generated_request_breaks_the_api(case, editor_token: str) -> None:  # type: ignore[no-untyped-def]
    # Uncompressed answers: the WSGI transport hands the body over as sent, and gzip is tested elsewhere.
    plain = {"Accept-Encoding": "identity"}
    for headers in (plain, {**plain, "Authorization": f"Bearer {editor_token}"}):
        response = case.call(headers=headers)
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
