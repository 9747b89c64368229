"""A member's own page ("Your work"): the action points their organisations follow, what they recorded
lately, and where to record. Members land here after signing in; others go on to the dashboard."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from corridor.accounts.access import can_read, may_record, member_organisation_ids
from corridor.actors.models import Organisation
from corridor.core.dates import DateSpan
from corridor.core.models import Snapshot
from corridor.geo.selectors import places_visible_to
from corridor.monitoring.models import FlowObservation
from corridor.operations.digest import DUE_SOON
from corridor.operations.selectors import action_points_for

LATELY = 10
RECORD_PAGES = {
    "monitoringvisit": ("visit", "web:visit"),
    "event": ("event", "web:event"),
    "meeting": ("meeting", "web:meeting"),
    "activity": ("activity", "web:activity"),
}


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    user = request.user
    organisation_ids = member_organisation_ids(user)
    if not organisation_ids:
        return redirect("web:home")
    today = timezone.localdate()
    points = list(action_points_for(user, organisation_ids).select_related("meeting", "responsible")[:50])
    for point in points:
        point.overdue = point.date_end is not None and point.date_end < today  # type: ignore[attr-defined]
        point.due_soon = (  # type: ignore[attr-defined]
            point.date_end is not None and today <= point.date_end <= today + DUE_SOON
        )
    return render(
        request,
        "web/desk.html",
        {
            "organisations": Organisation.objects.filter(pk__in=organisation_ids).order_by("name"),
            "points": points,
            "recorded": _recorded_lately(user),
            "counted": _counted_lately(user),
            "may_record": may_record(user),
        },
    )


def _recorded_lately(user: Any) -> list[dict[str, Any]]:
    """The records `user` saved last (newest first, one line per record), those they may still read: one
    query for the snapshots, then one per kind of record."""
    latest: dict[tuple[str, int], Any] = {}
    snapshots = (
        Snapshot.objects.filter(saved_by=user, content_type__model__in=list(RECORD_PAGES))
        .select_related("content_type")
        .order_by("-saved_at")[:100]
    )
    for snapshot in snapshots:
        latest.setdefault((snapshot.content_type.model, snapshot.object_id), snapshot)
    records: dict[tuple[str, int], Any] = {}
    for model in {snapshot.content_type for snapshot in latest.values()}:
        keys = [pk for kind, pk in latest if kind == model.model]
        for record in model.model_class()._default_manager.filter(pk__in=keys):  # type: ignore[union-attr]
            records[(model.model, record.pk)] = record
    lines: list[dict[str, Any]] = []
    for key, snapshot in latest.items():
        record = records.get(key)
        if record is None or not can_read(
            user, classification=record.classification, owner_id=record.owner_id
        ):
            continue
        noun, page = RECORD_PAGES[key[0]]
        lines.append(
            {
                "noun": noun,
                "title": getattr(record, "title", "") or str(record),
                "url": reverse(page, args=[record.slug]),
                "when": record.span.text() if getattr(record, "span", None) else "",
                "saved_at": snapshot.saved_at,
                "reason": snapshot.reason,
            }
        )
        if len(lines) == LATELY:
            break
    return lines


def _counted_lately(user: Any) -> list[dict[str, Any]]:
    """The site days `user` entered counts for lately: the site, the day, how many figures."""
    rows = (
        FlowObservation.history.filter(history_user=user, history_type="+")
        .values("place_id", "date_start")
        .annotate(figures=Count("history_id"), entered=Max("history_date"))
        .order_by("-entered")[:LATELY]
    )
    places = {p.pk: p for p in places_visible_to(user).filter(pk__in=[row["place_id"] for row in rows])}
    return [
        {
            "place": places[row["place_id"]],
            "day": DateSpan.on(row["date_start"]).text(),
            "figures": row["figures"],
            "entered": row["entered"],
        }
        for row in rows
        if row["place_id"] in places
    ]
