"""HTML from the one Django template: interactive and standalone (plotly inlined), or print-ready for PDF.

The standalone file carries plotly's JavaScript inline (from the installed plotly package), so it opens
offline with no CDN; the print version carries the static PNGs instead.
"""

from __future__ import annotations

import base64
import json
from functools import cache
from importlib import resources
from typing import Any

from django.template.loader import render_to_string

from corridor.reports.charts import interactive
from corridor.reports.layout.document import Document, Figure, Meta, Paragraph, Section, Table
from corridor.reports.render.columns import COMPACT_LINE, LINE, column_widths
from corridor.reports.render.refs import ranges

PLOT_OPTIONS = "{displaylogo: false, responsive: true}"


@cache
def plotly_js() -> str:
    return resources.files("plotly").joinpath("package_data/plotly.min.js").read_text(encoding="utf-8")


def render_html(document: Document, meta: Meta, *, interactive_charts: bool = True) -> str:
    figures = _FigureCounter(interactive_charts)
    context = {
        "document": document,
        "meta": meta,
        "sections": [_section(section, figures) for section in document.sections],
        "interactive": interactive_charts,
        "plotly_js": plotly_js().replace("</script", "<\\/script") if interactive_charts else "",
    }
    return render_to_string("reports/document.html", context)


class _FigureCounter:
    def __init__(self, interactive_charts: bool) -> None:
        self.interactive = interactive_charts
        self.count = 0

    def html(self, figure: Figure) -> str:
        self.count += 1
        if self.interactive:
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
        from corridor.reports.charts import static  # matplotlib: only the print version needs it

        if figure.map is not None:
            image = static.map_png(figure.map)
        elif figure.flows is not None:
            image = static.flows_png(figure.flows)
        else:
            return ""
        return f'<img alt="{figure.caption}" src="data:image/png;base64,{base64.b64encode(image).decode()}">'


def _section(section: Section, figures: _FigureCounter) -> dict[str, Any]:
    return {
        "title": section.title,
        "blocks": [_block(block, figures) for block in section.blocks],
        "subsections": [_section(sub, figures) for sub in section.subsections],
    }


def _block(block: Any, figures: _FigureCounter) -> dict[str, Any]:
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
