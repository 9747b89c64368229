"""Render a stored run in any format, from its stored data: the same run always gives the same file."""

from __future__ import annotations

from corridor.reports.builders import DATA_CLASSES
from corridor.reports.canonical import load
from corridor.reports.choices import OutputFormat
from corridor.reports.layout.document import Document, Meta
from corridor.reports.layout.kinds import layout
from corridor.reports.models import ReportRun
from corridor.reports.requests import ANONYMOUS, SIGNED_IN


def prepared_for(parameters: dict[str, object]) -> str:
    """Whom a report was built for, as a file anyone cleared to its content may read: never a user name
    (half a sign-in; docs/architecture.md, "People"), only whether the reader was signed in."""
    return ANONYMOUS if parameters.get("reader") == ANONYMOUS else SIGNED_IN


def meta_of(run: ReportRun) -> Meta:
    parameters = run.parameters
    shown = [
        (name, str(value))
        for name, value in sorted(parameters.items())
        if value not in ("", [], None) and name != "reader"
    ]
    return Meta(
        reference=run.reference,
        version=run.version,
        issued=run.issued_on,
        classification=run.classification,
        distribution=tuple(run.distribution),
        prepared_for=prepared_for(parameters),
        data_hash=run.data_hash,
        parameters=tuple(shown),
    )


def document_of(run: ReportRun) -> Document:
    return layout(load(DATA_CLASSES[run.kind], run.data))


def render(run: ReportRun, output_format: str) -> bytes:
    """The run as a file. Each renderer is imported when first used: WeasyPrint, matplotlib and
    python-docx take a second or more each to import, which a run asking for one format should not pay."""
    document, meta = document_of(run), meta_of(run)
    if output_format == OutputFormat.HTML:
        from corridor.reports.render.html import render_html

        return render_html(document, meta).encode("utf-8")
    if output_format == OutputFormat.PDF:
        from corridor.reports.render.pdf import render_pdf

        return render_pdf(document, meta)
    if output_format == OutputFormat.DOCX:
        from corridor.reports.render.docx import render_docx

        return render_docx(document, meta)
    raise ValueError(f"unknown report format {output_format!r}")
