"""The editable state of a monitoring visit, kept whole at each version (`core.versions`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from corridor.core.versions import Rows, Versioned, links, normal_text, plain, rows, span, text
from corridor.geo.models import Place
from corridor.monitoring.models import MonitoringVisit


@dataclass(frozen=True, slots=True)
class FindingInput:
    """A finding to keep: `uid` names the finding it changes; without one it is a new finding."""

    aspect: str
    concern: str
    text: str
    uid: str | None = None


def _finding_rows(visit: MonitoringVisit) -> list[dict[str, Any]]:
    return [
        {"uid": str(f.uid), "aspect": f.aspect, "concern": f.concern, "text": normal_text(f.text)}
        for f in visit.findings.order_by("position", "id")
    ]


def _finding_dict(item: Any) -> dict[str, Any]:
    return {
        "uid": str(item.uid) if item.uid else None,
        "aspect": item.aspect,
        "concern": item.concern,
        "text": normal_text(item.text),
    }


def _finding_input(row: dict[str, Any]) -> FindingInput:
    return FindingInput(row["aspect"], row["concern"], row["text"], uid=row.get("uid"))


VISITS = Versioned(
    MonitoringVisit,
    (
        span("date", "When"),
        links("places", Place, "Places"),
        text("team", "Team"),
        plain("overnight", "Overnight"),
        text("purpose", "Purpose"),
        rows("findings", Rows(_finding_rows, _finding_dict, _finding_input), "Findings"),
        text("follow_up", "Follow-up"),
        plain("classification", "Who may read it"),
        text("note", "Note"),
    ),
)
