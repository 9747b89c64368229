"""The timeline's operator mode: an operator's command writes events without a user, checked like any other
write except for rights; pages and the API always write as the request's user and cannot reach it."""

from __future__ import annotations

import ast
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from django.test import Client

from corridor.accounts.models import User
from corridor.actors.models import Organisation
from corridor.core.dates import DateSpan
from corridor.core.exceptions import PermissionDenied, ValidationFailed
from corridor.timeline.models import Event
from corridor.timeline.services import record_event, update_event

CORRIDOR = Path(__file__).resolve().parents[2] / "corridor"
# The only modules that may pass `as_operator`: the services defining it, and the importer's writers,
# which pass it only when the platform (an operator's command, never a request) acts.
# The importer acts for the platform; the services it calls hand the flag on to the access rules.
# An operator's command loads places, routes (their files) and events without a user.
MAY_PASS_AS_OPERATOR = {
    "exchange/writers.py",
    "exchange/route_files.py",
    "geo/routes.py",
    "geo/services.py",
    "timeline/services.py",
}
CAPS = DateSpan.on(date(2016, 2, 19))


def _record(actor: object, owner: object, **overrides: object) -> Event:
    fields: dict[str, object] = {"kind": "border_policy_change", "title": "Austria's daily caps"}
    fields["span"] = CAPS
    return record_event(actor=actor, owner=owner, **(fields | overrides))  # type: ignore[arg-type]


@pytest.mark.django_db
def test_an_operator_records_an_event_without_a_user_and_history_names_none(cpc: Organisation) -> None:
    event = _record(None, cpc, as_operator=True)

    change = Event.history.get(id=event.pk)
    assert (event.version, change.history_user, change.history_change_reason) == (1, None, "recorded")


@pytest.mark.django_db
def test_without_operator_mode_an_event_needs_a_signed_in_user(cpc: Organisation) -> None:
    with pytest.raises(PermissionDenied, match="sign in"):
        _record(None, cpc)

    assert not Event.objects.filter(title="Austria's daily caps").exists()


@pytest.mark.django_db
def test_an_outsider_may_not_record_an_event_for_another_organisation(
    outsider: User, skopje: Organisation
) -> None:
    with pytest.raises(PermissionDenied):
        _record(outsider, skopje)

    assert not Event.objects.filter(title="Austria's daily caps").exists()


@pytest.mark.django_db
def test_operator_mode_skips_only_the_rights_check_never_the_validation(cpc: Organisation) -> None:
    with pytest.raises(ValidationFailed) as refused:
        _record(None, cpc, as_operator=True, kind="riot")

    assert "kind" in refused.value.errors
    assert not Event.objects.filter(title="Austria's daily caps").exists()


@pytest.mark.django_db
def test_an_operator_changes_an_event_with_its_version_and_history_and_no_user(cpc: Organisation) -> None:
    event = _record(None, cpc, as_operator=True)

    same = update_event(actor=None, event=event, expected_version=1, as_operator=True, title=event.title)
    renamed = update_event(actor=None, event=event, expected_version=1, as_operator=True, title="Caps")

    latest = Event.history.filter(id=event.pk).latest("history_date")
    assert (same.version, renamed.version) == (1, 2)
    assert (latest.history_user, latest.history_change_reason) == (None, "changed: title")


@pytest.mark.django_db
def test_without_operator_mode_an_outsider_may_not_change_the_event(
    outsider: User, cpc: Organisation
) -> None:
    event = _record(None, cpc, as_operator=True, classification="public")

    with pytest.raises(PermissionDenied):
        update_event(actor=outsider, event=event, expected_version=None, title="Changed")

    assert Event.objects.get(pk=event.pk).title == "Austria's daily caps"


def _modules_passing_as_operator() -> set[str]:
    passing = set()
    for path in CORRIDOR.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and any(k.arg == "as_operator" for k in node.keywords):
                passing.add(path.relative_to(CORRIDOR).as_posix())
    return passing


def test_no_page_endpoint_or_job_passes_operator_mode() -> None:
    passing = _modules_passing_as_operator()

    assert passing == MAY_PASS_AS_OPERATOR
    assert not any(module.startswith(("web/", "api/", "jobs/")) for module in passing)


@pytest.mark.django_db
def test_an_api_caller_cannot_ask_for_operator_mode_in_a_change(
    client_for: Callable[[str], Client], skopje: Organisation
) -> None:
    event = _record(None, skopje, as_operator=True, classification="public")
    client = client_for("unhcr-partner")

    response = client.patch(
        f"/api/v1/events/{event.slug}",
        json.dumps({"title": "Changed", "as_operator": True}),
        content_type="application/json",
        HTTP_IF_MATCH='"1"',
    )

    assert response.status_code == 422, response.content  # the API knows no such key
    assert response.json()["detail"][0]["loc"] == ["body", "as_operator"]
    assert Event.objects.get(pk=event.pk).title == "Austria's daily caps"
