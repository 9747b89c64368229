"""PDF from the same template as the HTML, printed by WeasyPrint with the print stylesheet.

Every page carries the classification marking and reference number in its header and footer, and page
numbers ('Page 3 of 12'). Fonts: DejaVu (Debian fonts-dejavu-core) covers Latin diacritics and Serbian
Cyrillic. The PDF's identifier is derived from the content, so the same document gives the same bytes.
"""

from __future__ import annotations

import hashlib

from weasyprint import HTML

from corridor.reports.layout.document import Document, Meta
from corridor.reports.render.html import render_html


def render_pdf(document: Document, meta: Meta) -> bytes:
    markup = render_html(document, meta, interactive_charts=False)
    identifier = hashlib.sha256(markup.encode("utf-8")).hexdigest()[:32].encode()
    pdf = HTML(string=markup).write_pdf(pdf_identifier=identifier)
    return bytes(pdf or b"")
