"""The spot report's sections: what, where, when, context, sources."""

from __future__ import annotations

from corridor.reports.data.kinds import SpotReport
from corridor.reports.layout.common import (
    Numbering,
    activity_table,
    bullets_or,
    flow_blocks,
    timeline_table,
    visit_table,
)
from corridor.reports.layout.document import Block, Document, Figure, Paragraph, Section, Table


def spot(report: SpotReport) -> Document:
    number = Numbering(report.refs)
    event = report.event
    what = [Paragraph(text=f"{event.title} ({event.kind_label.lower()}).", refs=number([event.ref]))]
    if event.description:
        what.append(Paragraph(text=event.description, refs=number([event.ref])))
    if event.actors:
        what.append(Paragraph(text=f"Involved: {', '.join(event.actors)}.", refs=number([event.ref])))
    changes = Table(
        header=(
            "Place",
            "Source",
            f"{report.window_days} days before",
            "Daily average",
            "After",
            "Daily average",
        ),
        rows=tuple(
            (
                c.place_name,
                c.source,
                f"{c.before_total:,} ({c.before_days} days)",
                f"{c.before_average:,.0f}" if c.before_average is not None else "–",
                f"{c.after_total:,} ({c.after_days} days)",
                f"{c.after_average:,.0f}" if c.after_average is not None else "–",
            )
            for c in report.flow_changes
        ),
        row_refs=tuple(number([c.ref]) for c in report.flow_changes),
        numeric=(2, 3, 4, 5),
    )
    flows: tuple[Block, ...] = (
        (
            changes,
            *flow_blocks(report.flows, number, caption=f"Daily {report.flows.metric} around the event."),
        )
        if report.flow_changes
        else (
            Paragraph(
                f"No daily counts are recorded in the event's countries between "
                f"{report.context_period.text}.",
                style="note",
            ),
        )
    )
    sections = (
        Section("What", tuple(what)),
        Section(
            "Where",
            (
                bullets_or(report.places, number, "The record names no place."),
                Figure(caption="Where: the event's places and the route legs recorded.", map=report.map),
            ),
        ),
        Section(
            "When",
            (
                Paragraph(
                    text=f"{event.date_text} (as precisely as the sources date it).", refs=number([event.ref])
                ),
            ),
        ),
        Section(
            "Context",
            (
                Paragraph(
                    f"The {report.window_days} days before and after the event: "
                    f"{report.context_period.text}.",
                    style="note",
                ),
            ),
            subsections=(
                Section("Flows before and after", flows),
                Section("Related events", (timeline_table(report.related_events, number, "None recorded."),)),
                Section(
                    "Related activities",
                    (
                        activity_table(report.related_activities, number, with_category=True)
                        if report.related_activities
                        else Paragraph("None recorded.", style="note"),
                    ),
                ),
                Section(
                    "Related monitoring visits",
                    (visit_table(report.related_visits, number, "None recorded."),),
                ),
            ),
        ),
        Section(
            "Sources",
            (
                bullets_or(report.documents, number, "No documents are linked to the event."),
                Paragraph("Every source each statement rests on is listed in the annex.", style="note"),
            ),
        ),
    )
    return Document(
        title=f"Spot report: {event.title}",
        subtitle=f"{event.date_text} — {', '.join(s.text for s in report.places) or 'place not recorded'}",
        sections=sections,
        references=number.references(),
    )
