"""Keyset cursors are opaque and unforgeable: signed for their list, carrying no primary key, and a bad one
answers 422 naming `cursor`; paging gives every visible row once, in order, while rows are added."""

from __future__ import annotations

import base64
import json
import uuid
import zlib
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from corridor.timeline.models import Event

LISTS = [
    "events",
    "visits",
    "activities",
    "meetings",
    "observations",
    "action-points",
    "trainings",
    "route-links",
    "places",
    "countries",
]


def _cursor_values(cursor: str) -> list[Any]:
    """What a cursor says, read as anyone could read it (without the key that signs it)."""
    payload = cursor.split(":")[0]
    compressed = payload.startswith(".")
    raw = base64.urlsafe_b64decode(payload.lstrip(".") + "=" * (-len(payload.lstrip(".")) % 4))
    values: list[Any] = json.loads(zlib.decompress(raw) if compressed else raw)
    return values


def _refused_for_cursor(response: Any) -> bool:
    return response.status_code == 422 and any(
        error["loc"][-1] == "cursor" for error in response.json()["detail"]
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", LISTS)
def test_no_cursor_carries_a_primary_key(client_for: Any, path: str) -> None:
    client = client_for("skopje-focal-point")
    meeting = {
        "owner": "osce-mission-to-skopje",
        "title": "Two things to do",
        "date": "2016-02-01",
        "action_points": [{"text": "One"}, {"text": "Two"}],
    }
    client.post("/api/v1/meetings", json.dumps(meeting), content_type="application/json")
    body = client.get(f"/api/v1/{path}?limit=1").json()

    values = _cursor_values(body["next"])

    last = body["items"][-1]
    assert not [value for value in values if isinstance(value, int)]
    assert values[-1] in {last.get("uid"), last.get("slug"), last.get("code")}


@pytest.mark.django_db
def test_a_tampered_cursor_answers_422_naming_cursor(client_for: Any) -> None:
    client = client_for("skopje-editor")
    cursor = client.get("/api/v1/events?limit=2").json()["next"]
    payload, signature = cursor.rsplit(":", 1)
    values = _cursor_values(cursor)
    forged = base64.urlsafe_b64encode(json.dumps([values[0], values[1][:-1] + "0"]).encode()).decode()

    tampered = [
        f"{payload[:-2]}{'A' if payload[-2] != 'A' else 'B'}{payload[-1]}:{signature}",
        f"{forged.rstrip('=')}:{signature}",
        "not-a-cursor",
        base64.urlsafe_b64encode(b'["2016-01-01", "abc"]').decode(),  # the old, unsigned kind
        base64.urlsafe_b64encode(b'[{"d": "2016-01-01"}, 99999]').decode(),
    ]

    answers = [client.get("/api/v1/events", {"limit": 2, "cursor": value}) for value in tampered]

    assert [_refused_for_cursor(answer) for answer in answers] == [True] * len(tampered)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("source", "target"), [("events", "visits"), ("visits", "events"), ("places", "organisations")]
)
def test_a_cursor_from_one_list_used_on_another_answers_422(
    client_for: Any, source: str, target: str
) -> None:
    client = client_for("vienna-analyst")
    cursor = client.get(f"/api/v1/{source}?limit=2").json()["next"]

    answer = client.get(f"/api/v1/{target}", {"limit": 2, "cursor": cursor})

    assert _refused_for_cursor(answer), answer.content


@pytest.mark.django_db
def test_paging_gives_every_visible_row_once_in_order_while_rows_are_added(
    client_for: Any, skopje: Any
) -> None:
    client = client_for("serbia-editor")
    before = {item["uid"] for item in _all(client, "/api/v1/events?limit=1000")}
    seen: list[dict[str, Any]] = []
    added_ahead, added_elsewhere = [], []
    url = "/api/v1/events?limit=25"
    while url:
        body = client.get(url).json()
        seen.extend(body["items"])
        last_day = date.fromisoformat(body["items"][-1]["date"]["start"])
        if last_day.year < 2030:
            added_ahead.append(_event(skopje, "internal", date(2030, 1, 1) + timedelta(days=len(seen))))
            added_elsewhere.append(_event(skopje, "internal", date(2000, 1, 1)))  # behind the cursor
            added_elsewhere.append(_event(skopje, "restricted", last_day + timedelta(days=1)))  # hidden
        url = f"/api/v1/events?limit=25&cursor={body['next']}" if body["next"] else ""

    uids = [item["uid"] for item in seen]
    keys = [(item["date"]["start"], item["uid"]) for item in seen]
    assert len(uids) == len(set(uids))
    assert keys == sorted(keys)
    assert set(uids) == before | set(added_ahead)
    assert not set(uids) & set(added_elsewhere)


def _event(owner: Any, classification: str, day: date) -> str:
    event = Event.objects.create(
        slug=f"added-{uuid.uuid4().hex[:12]}",
        kind="incident",
        title="Added while paging",
        owner=owner,
        classification=classification,
        date_start=day,
        date_end=day,
        date_precision="day",
    )
    return str(event.uid)


def _all(client: Any, url: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while url:
        body = client.get(url).json()
        items.extend(body["items"])
        url = f"{url.split('&cursor=')[0]}&cursor={body['next']}" if body["next"] else ""
    return items


@pytest.mark.django_db
def test_a_deep_page_starts_at_the_cursor_on_the_date_index(client_for: Any) -> None:
    """Without the leading bound the database walks the date index from the first row to the cursor
    (on two million rows: a second instead of two milliseconds); with it, every page costs the same."""
    client = client_for("vienna-analyst")
    cursor = client.get("/api/v1/events?limit=50").json()["next"]

    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/events", {"limit": 50, "cursor": cursor})

    (listing,) = [q["sql"] for q in queries.captured_queries if 'FROM "timeline_event"' in q["sql"]]
    assert '"timeline_event"."date_start" >= ' in listing
    assert 'ORDER BY "timeline_event"."date_start" ASC, "timeline_event"."uid" ASC' in listing
