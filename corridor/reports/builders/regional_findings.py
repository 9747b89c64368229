"""The regional report's own sentences: its summary and the gaps the records show."""

from __future__ import annotations

from collections import Counter
from datetime import date

from corridor.operations.choices import ActivityCategory
from corridor.reports.data.common import ActionPointLine, RecommendationLine, Statement, TimelineEntry
from corridor.reports.data.flows import Flows
from corridor.reports.data.kinds import EngagementRow
from corridor.timeline.choices import EventKind
from corridor.timeline.models import Event


def summary(
    flows: Flows,
    engagement: tuple[EngagementRow, ...],
    events: list[Event],
    highlights: tuple[TimelineEntry, ...],
    recommendations: tuple[RecommendationLine, ...],
    points: list[ActionPointLine],
) -> tuple[Statement, ...]:
    """The first page: the largest flows, who engaged, what happened, what is open; each with its records."""
    statements = []
    main = [row for row in flows.rows if not row.is_site and row.days_reported]
    if main:
        largest = max(main, key=lambda row: (row.total, row.place_slug))
        busiest = max(
            (row for row in main if row.peak_value is not None),
            key=lambda row: (row.peak_value or 0, row.place_slug),
        )
        statements.append(
            Statement(
                text=(
                    f"Daily {flows.metric} are recorded for {len(main)} places along the route. "
                    f"The most were counted in {largest.place_name}: {largest.total:,} ({largest.source}, "
                    f"{largest.days_reported} days reported). The highest daily count was "
                    f"{busiest.peak_value:,} in {busiest.place_name} on {_day(busiest.peak_day)}."
                ),
                refs=tuple(dict.fromkeys((largest.ref, busiest.ref))),
            )
        )
    else:
        statements.append(
            Statement(text=f"No daily counts of {flows.metric} are recorded for this period.", refs=())
        )
    led = sum(cell.led for row in engagement for cell in row.cells)
    joint = sum(cell.joint for row in engagement for cell in row.cells)
    active = [row for row in engagement if any(cell.led or cell.joint for cell in row.cells)]
    refs = tuple(dict.fromkeys(ref for row in engagement for cell in row.cells for ref in cell.refs))
    statements.append(
        Statement(
            text=(
                f"{len(active)} of {len(engagement)} field operations recorded migration-related activities "
                f"overlapping the period: {led} led by an operation and {joint} more in which an operation "
                "took part as a partner."
            ),
            refs=refs,
        )
    )
    kinds = Counter(event.kind for event in events)
    statements.append(
        Statement(
            text=(
                f"{len(events)} events on the timeline fall in the period, among them "
                f"{kinds[EventKind.BORDER_POLICY_CHANGE]} border policy changes, {kinds[EventKind.INCIDENT]} "
                f"incidents and {kinds[EventKind.REPORT]} reports issued."
            ),
            refs=tuple(entry.ref for entry in highlights),
        )
    )
    statements.append(
        Statement(
            text=(
                f"{len(recommendations)} recommendations are open or in progress, and {len(points)} action "
                "points of coordination meetings are open or have no recorded outcome."
            ),
            refs=tuple(dict.fromkeys([r.ref for r in recommendations] + [p.ref for p in points])),
        )
    )
    return tuple(statements)


def gaps(flows: Flows, engagement: tuple[EngagementRow, ...], categories: list[str]) -> tuple[Statement, ...]:
    """What the records do not show: missing days of counts, idle categories, missing focal points."""
    gaps = []
    for row in flows.rows:
        if row.is_site or not (row.days_missing or row.days_not_available):
            continue
        gaps.append(
            Statement(
                text=(
                    f"{row.source} gives no figure for {row.place_name} on "
                    f"{row.days_missing + row.days_not_available} days of the period "
                    f"({row.days_not_available} stated as not available, "
                    f"{row.days_missing} without an observation)."
                ),
                refs=(row.ref,),
            )
        )
    labels = dict((category.value, str(category.label).lower()) for category in ActivityCategory)
    for operation in engagement:
        idle = [labels[cell.category] for cell in operation.cells if not (cell.led or cell.joint)]
        if len(idle) == len(operation.cells):
            text = f"{operation.operation} recorded no migration-related activity overlapping the period."
        elif idle:
            text = f"{operation.operation} recorded no activity in: {', '.join(idle)}."
        else:
            continue
        gaps.append(Statement(text=text, refs=(operation.ref,)))
        if operation.focal_point in ("none", "not recorded"):
            state = "has no" if operation.focal_point == "none" else "is not recorded as having a"
            gaps.append(
                Statement(
                    text=f"{operation.operation} {state} migration focal point.",
                    refs=operation.arrangement_refs or (operation.ref,),
                )
            )
    for category in categories:
        if not any(
            cell.led or cell.joint for row in engagement for cell in row.cells if cell.category == category
        ):
            gaps.append(
                Statement(text=f"No field operation recorded {labels[category]} work in the period.", refs=())
            )
    return tuple(gaps)


def _day(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""
