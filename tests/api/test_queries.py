"""List endpoints cost the same number of queries whatever the page size: no N+1."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

LISTS = [
    "/api/v1/countries",
    "/api/v1/places",
    "/api/v1/route-links",
    "/api/v1/organisations",
    "/api/v1/field-operations",
    "/api/v1/documents",
    "/api/v1/commitments",
    "/api/v1/recommendations",
    "/api/v1/events",
    "/api/v1/activities",
    "/api/v1/trainings",
    "/api/v1/meetings",
    "/api/v1/action-points",
    "/api/v1/visits",
    "/api/v1/observations",
]


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("caller", ["anonymous", "vienna-analyst"])
def test_a_bigger_page_costs_no_more_queries(url, caller, client_for, marked) -> None:  # type: ignore[no-untyped-def]
    client = client_for(caller)
    client.get(f"{url}?limit=1")  # the caller's memberships and token are looked up once per request

    small, large = _queries(client, f"{url}?limit=30"), _queries(client, f"{url}?limit=60")

    assert small == large
    assert large <= 14
