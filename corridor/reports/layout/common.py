"""Layout pieces every report shares: reference numbers, timelines, activity and visit tables, flows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from corridor.reports.data.common import (
    ActivityLine,
    MeetingLine,
    Ref,
    Statement,
    TimelineEntry,
    VisitLine,
)
from corridor.reports.data.flows import Flows
from corridor.reports.data.kinds import CategoryGroup
from corridor.reports.layout.document import Block, Bullets, Figure, Paragraph, Reference, Section, Table


class Numbering:
    """Reference numbers in order of first mention (the order of the report's `refs`)."""

    def __init__(self, refs: Sequence[Ref]) -> None:
        self._refs = list(refs)
        self._number = {ref.key: index for index, ref in enumerate(self._refs, start=1)}

    def __call__(self, keys: Iterable[str]) -> tuple[int, ...]:
        return tuple(sorted({self._number[key] for key in keys if key in self._number}))

    def references(self) -> tuple[Reference, ...]:
        return tuple(Reference(number=index, ref=ref) for index, ref in enumerate(self._refs, start=1))


def said(statements: Iterable[Statement], number: Numbering) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(text=s.text, refs=number(s.refs)) for s in statements)


def bullets_or(statements: Iterable[Statement], number: Numbering, empty: str) -> Block:
    items = said(statements, number)
    return Bullets(items=items) if items else Paragraph(text=empty, style="note")


def timeline_table(entries: Sequence[TimelineEntry], number: Numbering, empty: str) -> Block:
    if not entries:
        return Paragraph(text=empty, style="note")
    return Table(
        header=("When", "What", "Where", "Who"),
        rows=tuple(
            (
                entry.date_text,
                f"{entry.title} ({entry.kind_label.lower()})",
                ", ".join(entry.places),
                ", ".join(entry.actors),
            )
            for entry in entries
        ),
        row_refs=tuple(number([entry.ref]) for entry in entries),
    )


def activity_table(lines: Sequence[ActivityLine], number: Numbering, *, with_category: bool = False) -> Table:
    header = (
        ("When", "Activity", "Lead", "Partners", "Status")
        if not with_category
        else (
            "When",
            "Activity",
            "Category",
            "Lead",
            "Partners",
        )
    )
    rows = []
    for line in lines:
        detail = "; ".join(part for part in (line.training, *line.quantities) if part)
        title = f"{line.title} — {detail}" if detail else line.title
        if with_category:
            rows.append((line.date_text, title, line.category_label, line.lead, ", ".join(line.partners)))
        else:
            rows.append((line.date_text, title, line.lead, ", ".join(line.partners), line.status))
    return Table(header=header, rows=tuple(rows), row_refs=tuple(number([line.ref]) for line in lines))


def activities_by_category(groups: Sequence[CategoryGroup], number: Numbering) -> tuple[Section, ...]:
    return tuple(
        Section(
            title=f"{group.label} ({len(group.activities)})",
            blocks=(activity_table(group.activities, number),),
        )
        for group in groups
    )


def visit_table(lines: Sequence[VisitLine], number: Numbering, empty: str) -> Block:
    if not lines:
        return Paragraph(text=empty, style="note")
    rows = []
    for line in lines:
        findings = "; ".join(f"{f.aspect}: {f.concern_label.lower()} — {f.text}" for f in line.findings)
        rows.append((line.date_text, line.operation, ", ".join(line.places), line.purpose, findings))
    return Table(
        header=("When", "Operation", "Places", "Purpose", "Findings"),
        rows=tuple(rows),
        row_refs=tuple(number([line.ref]) for line in lines),
    )


def meeting_table(lines: Sequence[MeetingLine], number: Numbering, empty: str) -> Block:
    if not lines:
        return Paragraph(text=empty, style="note")
    rows = []
    for line in lines:
        outcome = [f"Decided: {text}" for text in line.decisions] + [
            f"Action ({point.status.lower()}): {point.text}" for point in line.action_points
        ]
        who = ", ".join(filter(None, (line.convenor, *line.participants)))
        rows.append((line.date_text, f"{line.title} ({line.recurrence.lower()})", who, " ".join(outcome)))
    return Table(
        header=("When", "Meeting", "Who", "Decisions and action points"),
        rows=tuple(rows),
        row_refs=tuple(number([line.ref]) for line in lines),
    )


def _figure(value: int | None) -> str:
    return "–" if value is None else f"{value:,}"


def flow_blocks(flows: Flows, number: Numbering, *, caption: str) -> tuple[Block, ...]:
    """The flows table (by month), the busiest sites, the chart, and other figures for the period."""
    blocks: list[Block] = []
    main = [row for row in flows.rows if not row.is_site]
    if main:
        months = [value.month for value in main[0].months]
        blocks.append(
            Table(
                header=(
                    "Place",
                    "Source",
                    *(f"{m:%b %Y}" for m in months),
                    "Total",
                    "Days reported",
                    "Peak day",
                ),
                rows=tuple(
                    (
                        row.place_name,
                        row.source,
                        *(_figure(value.value) for value in row.months),
                        f"{row.total:,}",
                        f"{row.days_reported} (n/a {row.days_not_available}, none {row.days_missing})",
                        f"{_figure(row.peak_value)} on {row.peak_day:%d %b %Y}" if row.peak_day else "–",
                    )
                    for row in main
                ),
                row_refs=tuple(number([row.ref]) for row in main),
                caption=f"Daily {flows.metric} summed by month, in route order. n/a: the source stated "
                "the figure was not available; none: no observation for the day.",
                numeric=tuple(range(2, 2 + len(months) + 1)),
                compact=True,
            )
        )
        blocks.append(Figure(caption=caption, flows=flows))
    else:
        blocks.append(
            Paragraph(text=f"No daily counts of {flows.metric} are recorded for this period.", style="note")
        )
    sites = [row for row in flows.rows if row.is_site]
    if sites:
        blocks.append(
            Table(
                header=("Site", "Country", "Source", "Total", "Days reported"),
                rows=tuple(
                    (row.place_name, row.country_code, row.source, f"{row.total:,}", str(row.days_reported))
                    for row in sites
                ),
                row_refs=tuple(number([row.ref]) for row in sites),
                caption=f"The busiest sites by {flows.metric} over the period.",
                numeric=(3, 4),
            )
        )
    if flows.other_figures:
        blocks.append(Paragraph(text="Figures given for longer periods that overlap this one:"))
        blocks.append(Bullets(items=said(flows.other_figures, number)))
    return tuple(blocks)
