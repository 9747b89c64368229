"""Search never returns what the funnel hides: for every searchable kind, every classification and every
kind of reader the access rules distinguish, the hits are exactly what the kind's selector returns."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from corridor.accounts.choices import Role
from corridor.accounts.models import Membership
from corridor.search.kinds import KIND_NAMES, SEARCH_KINDS
from corridor.search.selectors import search
from tests.api_fixtures import READERS
from tests.search.conftest import LEVELS, key_of

EVERYTHING = {"public", "internal", "restricted"}
RULES: dict[str, set[str]] = {
    "nobody": {"public"},
    "anonymous": {"public"},
    "owner-viewer": EVERYTHING,
    "owner-editor": EVERYTHING,
    "other-osce-member": {"public", "internal"},
    "partner-member": {"public"},
    "delegation-member": {"public"},
    "analyst-internal": {"public", "internal"},
    "analyst-restricted": EVERYTHING,
    "ended-owner-membership": {"public"},
    "superuser": EVERYTHING,
}


@pytest.fixture
def readers(make_user, skopje, serbia, unhcr, cpc, delegation) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    ended = make_user("ended.member", skopje, Role.EDITOR)
    Membership.objects.filter(user=ended).update(is_active=False)
    return {
        "nobody": None,
        "anonymous": AnonymousUser(),
        "owner-viewer": make_user("owner.viewer", skopje, Role.VIEWER),
        "owner-editor": make_user("owner.editor", skopje, Role.EDITOR),
        "other-osce-member": make_user("serbia.member", serbia, Role.EDITOR),
        "partner-member": make_user("partner.member", unhcr, Role.EDITOR),
        "delegation-member": make_user("delegation.member", delegation, Role.VIEWER),
        "analyst-internal": make_user("analyst.internal", cpc, Role.ANALYST, "internal"),
        "analyst-restricted": make_user("analyst.restricted", cpc, Role.ANALYST, "restricted"),
        "ended-owner-membership": ended,
        "superuser": make_user("root", superuser=True),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("reader", list(RULES))
@pytest.mark.parametrize("kind", KIND_NAMES)
def test_search_returns_exactly_what_the_kind_s_selector_returns(kind, reader, readers, zorkavian) -> None:
    user = readers[reader]
    records = zorkavian[kind]

    hits = {hit.key for hit in search(user, "zorkavian", kinds=[kind], limit=200)}

    through_funnel = {
        key_of(kind, record)
        for record in SEARCH_KINDS[kind].records(user).filter(pk__in=[r.pk for r in records.values()])
    }
    assert hits == through_funnel
    assert hits == {key_of(kind, records[level]) for level in RULES[reader]}


@pytest.mark.django_db
@pytest.mark.parametrize("reader", list(RULES))
def test_a_hidden_record_leaves_no_trace_in_the_passages_of_others(reader, readers, zorkavian) -> None:
    event = zorkavian["event"]["public"]
    event.places.add(zorkavian["place"]["restricted"])

    hits = search(readers[reader], "zorkavian restricted", limit=200)

    allowed = (
        {key_of(kind, zorkavian[kind]["restricted"]) for kind in KIND_NAMES}
        if "restricted" in RULES[reader]
        else set()
    )
    assert {hit.key for hit in hits} <= allowed
    assert all("restricted" not in hit.snippet.lower() for hit in hits if hit.key not in allowed)


@pytest.mark.django_db
@pytest.mark.parametrize("reader", list(READERS))
def test_the_search_endpoint_shows_each_caller_exactly_their_levels(reader, zorkavian, client_for) -> None:
    response = client_for(reader).get("/api/v1/search", {"q": "zorkavian", "limit": 200})

    assert response.status_code == 200, response.content
    found = {(hit["kind"], hit["key"]) for hit in response.json()}
    expected = {
        (kind, key_of(kind, zorkavian[kind][level])) for kind in KIND_NAMES for level in READERS[reader]
    }
    hidden = {
        (kind, key_of(kind, zorkavian[kind][level])) for kind in KIND_NAMES for level in LEVELS
    } - expected
    assert found == expected
    assert not hidden & found
