"""HTML from the one Django template: interactive and standalone (plotly inlined), or print-ready for PDF.

The standalone file carries plotly's JavaScript inline (from the installed plotly package), so it opens
offline with no CDN; the print version points at the static PNGs instead, which the PDF renderer supplies.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from django.template.loader import render_to_string
from django.utils.html import escape

from corridor.reports.charts import interactive
from corridor.reports.layout.document import Document, Figure, Meta, Paragraph, Section, Table
from corridor.reports.render.columns import COMPACT_LINE, LINE, column_widths
from corridor.reports.render.refs import ranges

PLOT_OPTIONS = "{displaylogo: false, responsive: true}"


@cache
def plotly_js() -> str:
    return resources.files("plotly").joinpath("package_data/plotly.min.js").read_text(encoding="utf-8")


def render_html(
    document: Document, meta: Meta, *, figure_source: Callable[[Figure], str] | None = None
) -> str:
    """The standalone HTML, with interactive charts; or, given `figure_source` (the URL of each figure's
    image), the print version that WeasyPrint turns into the PDF."""
    figures = _Figures(figure_source)
    interactive_charts = figure_source is None
    width = _number_width(document)
    context = {
        "document": document,
        "meta": meta,
        "sections": [_section(section, figures) for section in document.sections],
        "references": _numbered(document, width),
        "number_width": width,
        "interactive": interactive_charts,
        "plotly_js": plotly_js().replace("</script", "<\\/script") if interactive_charts else "",
    }
    return render_to_string("reports/document.html", context)


def _number_width(document: Document) -> int:
    """Digits in the annex's largest reference number."""
    return len(str(max((reference.number for reference in document.references), default=1)))


def _numbered(document: Document, width: int) -> list[dict[str, Any]]:
    """The annex's entries, each numbered in its text: "  7.", " 42.", "191.". The numbers are padded
    with figure spaces (U+2007, as wide as a digit), so they line up as list markers would, but without a
    marker's box, which WeasyPrint lays out apart: for some 200 entries, 3 % of the PDF's instructions."""
    return [
        {"label": f"{reference.number:\u2007>{width}}.", "number": reference.number, "ref": reference.ref}
        for reference in document.references
    ]


class _Figures:
    def __init__(self, source: Callable[[Figure], str] | None) -> None:
        self.source = source
        self.count = 0

    def html(self, figure: Figure) -> str:
        if figure.map is None and figure.flows is None:
            return ""  # nothing to draw (and no number taken)
        self.count += 1
        if self.source is not None:
            return f'<img alt="{escape(figure.caption)}" src="{escape(self.source(figure))}">'
        if figure.map is not None:
            spec = interactive.map_figure(figure.map)
        elif figure.flows is not None:
            spec = interactive.flows_figure(figure.flows)
        else:
            return ""
        payload = json.dumps(spec, separators=(",", ":")).replace("</", "<\\/")
        element = f"figure-{self.count}"
        return (
            f'<div id="{element}" class="plotly-figure"></div><script>{{ const spec = {payload}; '
            f'Plotly.newPlot("{element}", spec.data, spec.layout, {PLOT_OPTIONS}); }}</script>'
        )


def _section(section: Section, figures: _Figures) -> dict[str, Any]:
    return {
        "title": section.title,
        "blocks": [_block(block, figures) for block in section.blocks],
        "subsections": [_section(sub, figures) for sub in section.subsections],
    }


def _block(block: Any, figures: _Figures) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "item": block, "refs": ranges(block.refs)}
    if isinstance(block, Table):
        row_refs = block.row_refs or tuple(() for _ in block.rows)
        refs = [ranges(numbers) for numbers in row_refs]
        widths = column_widths(
            (*block.header, "Src."),
            [(*row, text) for row, text in zip(block.rows, refs, strict=True)],
            line=COMPACT_LINE if block.compact else LINE,
        )
        return {
            "kind": "table",
            "item": block,
            "widths": widths,
            "header": [{"text": text, "numeric": i in block.numeric} for i, text in enumerate(block.header)],
            "rows": [
                {
                    "cells": [{"text": text, "numeric": i in block.numeric} for i, text in enumerate(row)],
                    "refs": text,
                }
                for row, text in zip(block.rows, refs, strict=True)
            ],
        }
    if isinstance(block, Figure):
        return {"kind": "figure", "item": block, "html": figures.html(block)}
    return {
        "kind": "bullets",
        "items": [{"text": item.text, "refs": ranges(item.refs)} for item in block.items],
    }
