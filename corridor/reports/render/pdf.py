"""PDF from the same template as the HTML, printed by WeasyPrint with the print stylesheet.

Every page carries the classification marking and reference number in its header and footer, and page
numbers ('Page 3 of 12'). Fonts: DejaVu (Debian fonts-dejavu-core) covers Latin diacritics and Serbian
Cyrillic. The PDF's identifier is derived from the content, so the same document gives the same bytes.

The figures are drawn in a worker process (corridor.reports.charts.drawing) while WeasyPrint parses the
HTML and computes its styles; the HTML names each figure `figure:N`, and WeasyPrint asks this module's
fetcher for it when it lays the figure out. The fetcher serves nothing else: a report loads no file or
network resource.
"""

from __future__ import annotations

import hashlib

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from corridor.reports.charts.drawing import Drawings
from corridor.reports.layout.document import Document, Meta
from corridor.reports.render.html import render_html

SCHEME = "figure"


def render_pdf(document: Document, meta: Meta) -> bytes:
    drawings = Drawings(document)
    markup = render_html(document, meta, figure_source=lambda figure: f"{SCHEME}:{drawings.position(figure)}")
    rendered = HTML(string=markup, url_fetcher=_FigureFetcher(drawings)).render()
    content = hashlib.sha256(markup.encode("utf-8"))
    for png in drawings.all():
        content.update(png)
    pdf = rendered.write_pdf(pdf_identifier=content.hexdigest()[:32].encode())
    return bytes(pdf or b"")


class _FigureFetcher(URLFetcher):
    """Serves `figure:N` from the drawings, and refuses any other URL."""

    def __init__(self, drawings: Drawings) -> None:
        super().__init__(fail_on_errors=True)
        self.drawings = drawings

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        scheme, _, index = url.partition(":")
        if scheme != SCHEME or not index.isdigit():
            raise ValueError(f"a report loads no resource other than its figures, not {url!r}")
        return URLFetcherResponse(url, self.drawings.png_at(int(index)), {"Content-Type": "image/png"})
