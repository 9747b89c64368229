"""What every page needs: who is signed in, in which organisations, and the naming convention chosen."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest

from corridor.accounts.access import may_import, may_record
from corridor.geo.choices import NameAudience

AUDIENCES = {
    NameAudience.NEUTRAL: "Names of today",
    NameAudience.OSCE_OFFICIAL: "Names as in 2015–16 OSCE documents",
}
# The day a convention reads names on: 2015–16 documents use the names in force during the crisis.
CONVENTION_DAY: dict[str, date | None] = {
    NameAudience.NEUTRAL: None,
    NameAudience.OSCE_OFFICIAL: date(2016, 1, 1),
}


def name_audience(request: HttpRequest) -> str:
    chosen = request.session.get("name_audience", NameAudience.NEUTRAL) if hasattr(request, "session") else ""
    return chosen if chosen in AUDIENCES else NameAudience.NEUTRAL


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "can_write": may_record(user),
        "can_import": may_import(user),
        "name_audience": name_audience(request),
        "audiences": AUDIENCES,
    }
