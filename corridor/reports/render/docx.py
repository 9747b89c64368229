"""Word (python-docx) from the same laid-out document: same sections, tables and figures as the PDF.

Every page's header and footer carry the classification marking and the reference number; the footer
numbers the pages. The file's zip entries and core properties are dated with the issue date, so the
same document gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from typing import Any

from docx import Document as new_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from corridor.reports.charts.drawing import Drawings
from corridor.reports.layout.document import (
    SOFT_HYPHEN,
    Bullets,
    Document,
    Figure,
    Meta,
    Paragraph,
    Section,
    Table,
)
from corridor.reports.render.refs import ranges

MARKING_COLOUR = RGBColor(0x8B, 0x1A, 0x1A)
NOTE_COLOUR = RGBColor(0x55, 0x55, 0x55)
REF_COLOUR = RGBColor(0x1F, 0x4F, 0x8B)


def render_docx(document: Document, meta: Meta) -> bytes:
    word = new_document()
    _page_setup(word, meta)
    normal = word.styles["Normal"]
    normal.font.size = Pt(9.5)  # type: ignore[attr-defined]
    drawings = Drawings(document)  # drawn in a worker while the text is written
    _heading(word, document, meta)
    for section in document.sections:
        _section(word, section, drawings, level=1)
    _annex(word, document)
    properties = word.core_properties
    properties.title = f"{meta.reference} v{meta.version} — {document.title}"
    properties.subject = document.subtitle
    properties.category = meta.marking
    properties.keywords = meta.reference
    properties.author = properties.last_modified_by = "Corridor"
    properties.revision = meta.version
    issued = datetime(meta.issued.year, meta.issued.month, meta.issued.day, tzinfo=UTC)
    properties.created = properties.modified = issued
    buffer = io.BytesIO()
    word.save(buffer)
    return _fixed_dates(buffer.getvalue(), issued)


def _fixed_dates(package: bytes, issued: datetime) -> bytes:
    """The same package with every entry dated `issued` (python-docx stamps entries with the clock)."""
    source = zipfile.ZipFile(io.BytesIO(package))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=issued.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(entry.filename))
    return output.getvalue()


def _page_setup(word: Any, meta: Meta) -> None:
    section = word.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(header, meta.marking, bold=True, colour=MARKING_COLOUR)
    _run(header, f"    {meta.reference} · version {meta.version}", size=8, colour=NOTE_COLOUR)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(footer, meta.marking, bold=True, colour=MARKING_COLOUR)
    _run(footer, f"    {meta.reference} · version {meta.version} · {meta.issued_text} · Page ", size=8)
    _field(footer, "PAGE")
    _run(footer, " of ", size=8)
    _field(footer, "NUMPAGES")


def _field(paragraph: Any, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _run(
    paragraph: Any, text: str, *, bold: bool = False, size: float | None = None, colour: Any = None
) -> Any:
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if colour is not None:
        run.font.color.rgb = colour
    return run


def _heading(word: Any, document: Document, meta: Meta) -> None:
    _run(word.add_paragraph(), meta.marking, bold=True, colour=MARKING_COLOUR)
    word.add_heading(document.title, level=0)
    _run(word.add_paragraph(), document.subtitle, size=11, colour=NOTE_COLOUR)
    rows = [
        ("Reference", meta.reference),
        ("Version", str(meta.version)),
        ("Date", meta.issued_text),
        ("Classification", meta.marking),
        ("Distribution", "; ".join(meta.distribution) or "none specified"),
        ("Prepared for", f"{meta.prepared_for} — holds only records this reader may see"),
        ("Data", f"SHA-256 {meta.data_hash}"),
    ]
    table = word.add_table(rows=len(rows), cols=2)
    for (label, value), row in zip(rows, table.rows, strict=True):
        _run(row.cells[0].paragraphs[0], label, size=8.5, colour=NOTE_COLOUR)
        _run(row.cells[1].paragraphs[0], value, size=8.5)


def _refs(paragraph: Any, refs: tuple[int, ...]) -> None:
    if refs:
        _run(paragraph, f" [{ranges(refs)}]", size=7.5, colour=REF_COLOUR)


def _section(word: Any, section: Section, drawings: Drawings, *, level: int) -> None:
    word.add_heading(section.title, level=level)
    for block in section.blocks:
        if isinstance(block, Paragraph):
            paragraph = word.add_paragraph()
            note = block.style == "note"
            run = _run(paragraph, block.text, colour=NOTE_COLOUR if note else None)
            run.italic = note
            _refs(paragraph, block.refs)
        elif isinstance(block, Bullets):
            for item in block.items:
                paragraph = word.add_paragraph(style="List Bullet")
                _run(paragraph, item.text)
                _refs(paragraph, item.refs)
        elif isinstance(block, Table):
            _table(word, block)
        elif isinstance(block, Figure):
            if block.map is None and block.flows is None:
                continue
            word.add_picture(io.BytesIO(drawings.png(block)), width=Mm(175))
            _run(word.add_paragraph(), block.caption, size=7.5, colour=NOTE_COLOUR)
    for subsection in section.subsections:
        _section(word, subsection, drawings, level=level + 1)


def _table(word: Any, block: Table) -> None:
    size = 7 if block.compact else 8
    table = word.add_table(rows=1, cols=len(block.header) + 1)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, text in enumerate((*block.header, "Src.")):
        # Word fits its columns to their words itself; a soft hyphen would be stored as a character.
        _run(table.rows[0].cells[index].paragraphs[0], text.replace(SOFT_HYPHEN, ""), bold=True, size=size)
    row_refs = block.row_refs or tuple(() for _ in block.rows)
    for row, refs in zip(block.rows, row_refs, strict=True):
        cells = table.add_row().cells
        for index, text in enumerate(row):
            paragraph = cells[index].paragraphs[0]
            if index in block.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _run(paragraph, text, size=size)
        _run(cells[-1].paragraphs[0], ranges(refs), size=size, colour=REF_COLOUR)
    if block.caption:
        _run(word.add_paragraph(), block.caption, size=7.5, colour=NOTE_COLOUR)


def _annex(word: Any, document: Document) -> None:
    word.add_heading("Annex: sources of each statement", level=1)
    for reference in document.references:
        ref = reference.ref
        paragraph = word.add_paragraph()
        _run(paragraph, f"[{reference.number}] ", bold=True, size=8)
        _run(paragraph, f"{ref.kind}: {ref.title}" + (f" — {ref.date_text}" if ref.date_text else ""), size=8)
        ids = f"{ref.slug} · uid {ref.uid}" if ref.uid else f"query {ref.key} · {ref.count} records"
        owner = f" · {ref.owner}" if ref.owner else ""
        _run(paragraph, f"\n{ids} · {ref.classification}{owner}", size=7, colour=NOTE_COLOUR)
        for cite in ref.citations:
            quote = f": “{cite.quote}”" if cite.quote else ""
            _run(paragraph, f"\n{cite.source} {cite.locator}{quote}", size=7.5)
