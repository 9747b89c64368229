"""Readers for flow observations, monitoring visits and their findings."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from corridor.accounts.access import get_visible, restrict
from corridor.monitoring.models import Finding, FlowObservation, MonitoringVisit

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


def observations_visible_to(user: Reader, *, include_revised: bool = False) -> QuerySet[FlowObservation]:
    """Current observations the user may read; with `include_revised`, the figures they replaced too."""
    observations = FlowObservation.objects.select_related("place", "source_organisation")
    if not include_revised:
        observations = observations.filter(is_current=True)
    return restrict(observations, user)


def observations_between(user: Reader, *, start: date, end: date) -> QuerySet[FlowObservation]:
    """Current observations whose period lies within [start, end]."""
    return observations_visible_to(user).filter(date_start__gte=start, date_end__lte=end)


def visits_visible_to(user: Reader) -> QuerySet[MonitoringVisit]:
    return restrict(MonitoringVisit.objects.select_related("operation"), user)


def get_visit_for_user(user: Reader, *, slug: str) -> MonitoringVisit:
    return get_visible(MonitoringVisit.objects.select_related("operation"), user, slug=slug)


def findings_visible_to(user: Reader) -> QuerySet[Finding]:
    return restrict(Finding.objects.select_related("visit"), user, via="visit__")
