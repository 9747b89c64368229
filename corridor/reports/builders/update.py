"""The activity update, on the pattern of the Mission to Skopje's 2016 update (study 6.2, fn 92).

That update gave a timeline of migration-related events in the country and the mission's activities in
anti-trafficking, monitoring and policing; this one adds the mission's visits and meetings.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from corridor.monitoring.selectors import visits_visible_to
from corridor.operations.selectors import meetings_visible_to
from corridor.reports.builders.collect import Names, Sources
from corridor.reports.builders.common import (
    by_category,
    field_operation,
    operation_activities,
    operation_events,
    operation_profile,
)
from corridor.reports.builders.lines import activity_lines, meeting_lines, timeline_entries, visit_lines
from corridor.reports.data.common import Period, Statement
from corridor.reports.data.kinds import UpdateReport

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


def build_update(reader: Reader, *, operation: str, period: Period) -> UpdateReport:
    """Build the activity update of field operation `operation` for `period`, as `reader` may see it."""
    sources = Sources(names=Names.for_reader(reader))
    mission = field_operation(reader, operation)
    profile = operation_profile(reader, sources, mission)
    timeline = timeline_entries(
        operation_events(reader, period, mission, mission.field_operation.host_country_id), sources
    )
    activities = activity_lines(operation_activities(reader, period, mission), sources)
    visits = visit_lines(
        visits_visible_to(reader).filter(
            operation=mission, date_start__lte=period.end, date_end__gte=period.start
        ),
        sources,
    )
    overlapping = meetings_visible_to(reader).filter(date_start__lte=period.end, date_end__gte=period.start)
    meetings = meeting_lines(
        (overlapping.filter(convenor=mission) | overlapping.filter(participants=mission)).distinct(), sources
    )
    categories = Counter(line.category_label.lower() for line in activities)
    by_count = ", ".join(
        f"{label} {count}" for label, count in sorted(categories.items(), key=lambda i: (-i[1], i[0]))
    )
    summary = (
        Statement(
            text=f"{len(activities)} activities overlap the period" + (f": {by_count}." if by_count else "."),
            refs=tuple(line.ref for line in activities),
        ),
        Statement(
            text=f"{len(visits)} monitoring visits and {len(meetings)} coordination meetings are recorded.",
            refs=tuple(line.ref for line in visits) + tuple(line.ref for line in meetings),
        ),
        Statement(
            text=f"{len(timeline)} events in {profile.host_country} or involving the mission fall in the "
            "period.",
            refs=tuple(entry.ref for entry in timeline),
        ),
    )
    return UpdateReport(
        period=period,
        operation=profile,
        summary=summary,
        timeline=timeline,
        activities=by_category(activities),
        visits=visits,
        meetings=meetings,
        refs=sources.refs(),
        classification=sources.highest_classification,
    )
