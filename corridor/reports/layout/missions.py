"""The mission background report's and the activity update's sections (study 6.2's two patterns)."""

from __future__ import annotations

from corridor.reports.data.common import OperationProfile, Statement
from corridor.reports.data.kinds import MissionReport, UpdateReport
from corridor.reports.layout.common import (
    Numbering,
    activities_by_category,
    activity_table,
    bullets_or,
    flow_blocks,
    meeting_table,
    said,
    timeline_table,
    visit_table,
)
from corridor.reports.layout.document import Block, Bullets, Document, Paragraph, Section


def _profile(profile: OperationProfile, number: Numbering) -> Section:
    facts = [
        Statement(
            text=f"Host country: {profile.host_country}. Headquarters: {profile.headquarters}."
            + (f" Offices: {', '.join(profile.offices)}." if profile.offices else ""),
            refs=(profile.ref,),
        ),
        *profile.focal_points,
        *profile.working_groups,
    ]
    blocks: list[Block] = [Bullets(items=said(facts, number))]
    if profile.mandate:
        blocks.append(Paragraph("Mandate, in the study's words:"))
        blocks.append(Bullets(items=said(profile.mandate, number)))
    return Section("The mission", tuple(blocks))


def mission(report: MissionReport) -> Document:
    number = Numbering(report.refs)
    sections = (
        Section("Summary", (Bullets(items=said(report.summary, number)),)),
        _profile(report.operation, number),
        Section(
            "Developments in the numbers",
            flow_blocks(
                report.numbers,
                number,
                caption=f"Daily {report.numbers.metric} in {report.operation.host_country}.",
            ),
        ),
        Section(
            "Responses of the host country",
            (
                timeline_table(report.responses, number, "No responses of the authorities are recorded."),
                *(
                    (
                        Paragraph("Standing arrangements of the host country's institutions:"),
                        Bullets(items=said(report.host_arrangements, number)),
                    )
                    if report.host_arrangements
                    else ()
                ),
            ),
        ),
        Section(
            "Regional and bilateral implications",
            (
                timeline_table(
                    report.implications, number, "No events involving other countries are recorded."
                ),
                *(
                    (
                        Paragraph("Joint and cross-border work of the mission:"),
                        activity_table(report.joint_activities, number),
                    )
                    if report.joint_activities
                    else ()
                ),
            ),
        ),
        Section("Challenges and threats", (bullets_or(report.challenges, number, "None recorded."),)),
        Section(
            "Activities of the mission by category",
            () if report.activities else (Paragraph("No activities overlap the period.", style="note"),),
            subsections=activities_by_category(report.activities, number),
        ),
        Section("Timeline", (timeline_table(report.timeline, number, "No events in the period."),)),
    )
    return Document(
        title="Background report on the migration situation",
        subtitle=f"{report.operation.name} — {report.period.text}",
        sections=sections,
        references=number.references(),
    )


def update(report: UpdateReport) -> Document:
    number = Numbering(report.refs)
    sections = (
        Section("Summary", (Bullets(items=said(report.summary, number)),)),
        _profile(report.operation, number),
        Section("Timeline of events", (timeline_table(report.timeline, number, "No events in the period."),)),
        Section(
            "Activities by category",
            () if report.activities else (Paragraph("No activities overlap the period.", style="note"),),
            subsections=activities_by_category(report.activities, number),
        ),
        Section("Monitoring visits", (visit_table(report.visits, number, "None recorded in the period."),)),
        Section(
            "Coordination meetings", (meeting_table(report.meetings, number, "None recorded in the period."),)
        ),
    )
    return Document(
        title="Update on activities in the area of the migrant and refugee crisis",
        subtitle=f"{report.operation.name} — {report.period.text}",
        sections=sections,
        references=number.references(),
    )
