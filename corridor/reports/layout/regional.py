"""The regional situation report's sections."""

from __future__ import annotations

from corridor.reports.data.kinds import RegionalReport
from corridor.reports.layout.common import (
    Numbering,
    activity_table,
    bullets_or,
    flow_blocks,
    meeting_table,
    said,
    timeline_table,
    visit_table,
)
from corridor.reports.layout.document import (
    SOFT_HYPHEN,
    Block,
    Bullets,
    Document,
    Figure,
    Paragraph,
    Section,
    Table,
)

# Column heads of the engagement matrix: the study's seven categories shortened, with soft hyphens (SH)
# where a head may break, so that the fifteen columns fit the page (COMPACT_LINE) without shrinking any
# below its longest word. Heads never break inside a word elsewhere (report.css).
SH = SOFT_HYPHEN
SHORT_LABELS = {
    "monitoring": f"Moni{SH}tor{SH}ing",
    "reporting_liaising": f"Re{SH}port{SH}ing, liais{SH}ing",
    "human_rights_approach": "Human rights",
    "community_awareness": f"Com{SH}mu{SH}nity",
    "governance_civil_society": f"Gov{SH}ern{SH}ance, civil so{SH}ci{SH}ety",
    "policing_crime": f"Po{SH}lic{SH}ing, crime",
    "research": "Research",
}


def regional(report: RegionalReport) -> Document:
    number = Numbering(report.refs)
    labels = dict(report.categories)
    matrix = Table(
        header=(
            "Operation",
            *(SHORT_LABELS.get(c, labels[c]) for c, _ in report.categories),
            "Visits",
            f"Meet{SH}ings",
            "Reports",
            "Focal point",
            "Working group",
        ),
        rows=tuple(
            (
                row.operation,
                *(_cell(cell.led, cell.joint) for cell in row.cells),
                str(row.visits),
                str(row.meetings),
                str(row.reports),
                row.focal_point,
                row.working_group,
            )
            for row in report.engagement
        ),
        row_refs=tuple(number([row.ref, *row.arrangement_refs]) for row in report.engagement),
        caption="Activities overlapping the period by category: led by the operation, + those it joined as a "
        "partner (each listed below with its sources). Visits, meetings and reports issued in the period; "
        "migration focal point and working group.",
        numeric=tuple(range(1, len(report.categories) + 4)),
        compact=True,
    )
    counted = Bullets(
        items=tuple(
            Paragraph(
                text=f"{row.operation} — {labels[cell.category]}: {cell.led + cell.joint}",
                refs=number(cell.refs),
            )
            for row in report.engagement
            for cell in row.cells
            if cell.refs
        )
    )
    more = report.events_in_period - len(report.highlights)
    highlights_note = (
        f"{len(report.highlights)} of the {report.events_in_period} events in the period are shown: "
        "border policy changes, incidents and decisions first."
        if more > 0
        else f"All {report.events_in_period} events that start or lie in the period."
    )
    joint_note = (
        f"{len(report.joint_activities)} of {report.joint_activities_total} shown."
        if report.joint_activities_total > len(report.joint_activities)
        else ""
    )
    sections = (
        Section("Summary", (Bullets(items=said(report.summary, number)),)),
        Section(
            "Flows along the route",
            (
                *flow_blocks(report.flows, number, caption=f"Daily {report.flows.metric} along the route."),
                Figure(
                    caption="The route: countries shaded by their total over the period, field operations' "
                    "seats, sites and the route legs recorded.",
                    map=report.map,
                ),
            ),
        ),
        Section("Engagement of the field operations", (matrix, Paragraph("Activities counted:"), counted)),
        Section(
            "Timeline highlights",
            (
                Paragraph(highlights_note, style="note"),
                timeline_table(report.highlights, number, "No events in the period."),
            ),
        ),
        Section(
            "Cross-border and joint activities",
            (
                *((Paragraph(joint_note, style="note"),) if joint_note else ()),
                activity_table(report.joint_activities, number, with_category=True)
                if report.joint_activities
                else Paragraph("No joint or cross-border activities overlap the period.", style="note"),
            ),
            subsections=(
                Section(
                    "Meetings of more than one operation",
                    (meeting_table(report.joint_meetings, number, "None recorded in the period."),),
                ),
                Section(
                    "Cross-border monitoring visits",
                    (visit_table(report.joint_visits, number, "None recorded in the period."),),
                ),
            ),
        ),
        Section(
            "Gaps and open recommendations",
            (bullets_or(report.gaps, number, "No gaps found in the records."),),
            subsections=(
                Section("Open recommendations", (_recommendations(report, number),)),
                Section("Open action points", (_action_points(report, number),)),
            ),
        ),
    )
    return Document(
        title="Regional situation report",
        subtitle=f"Migration along the route, all field operations — {report.period.text}",
        sections=sections,
        references=number.references(),
    )


def _cell(led: int, joint: int) -> str:
    if not led and not joint:
        return "–"
    return f"{led}" + (f" +{joint}" if joint else "")


def _recommendations(report: RegionalReport, number: Numbering) -> Block:
    if not report.recommendations:
        return Paragraph("None open.", style="note")
    return Table(
        header=("Issuer", "Recommendation", "Addressee", "Status"),
        rows=tuple((r.issuer, r.text, r.addressee, r.status) for r in report.recommendations),
        row_refs=tuple(number([r.ref]) for r in report.recommendations),
    )


def _action_points(report: RegionalReport, number: Numbering) -> Block:
    if not report.action_points:
        return Paragraph("None open.", style="note")
    return Table(
        header=("Meeting", "Action point", "Responsible", "Due", "Status"),
        rows=tuple((p.meeting, p.text, p.responsible, p.due, p.status) for p in report.action_points),
        row_refs=tuple(number([p.ref]) for p in report.action_points),
    )
