"""Passages with their matches marked, safe to put in a page: the text is escaped first, then marked.

The engines (`ts_headline`, FTS5 `snippet`) wrap matches in two control characters that HTML escaping
leaves alone and that stored text does not use; only then do they become `<mark>` and `</mark>`. Markers
that do not pair up (a stray one in the stored text) are dropped rather than left unbalanced.
"""

from __future__ import annotations

import html

START = "\x02"
STOP = "\x03"


def marked_html(passage: str) -> str:
    """`passage` HTML-escaped, with START…STOP turned into balanced <mark>…</mark>."""
    escaped = html.escape(passage, quote=True)
    out: list[str] = []
    open_mark = False
    for char in escaped:
        if char == START:
            if not open_mark:
                out.append("<mark>")
                open_mark = True
        elif char == STOP:
            if open_mark:
                out.append("</mark>")
                open_mark = False
        else:
            out.append(char)
    if open_mark:
        out.append("</mark>")
    return "".join(out)
