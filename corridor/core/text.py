"""Text that can be stored and brought back: no NUL character, no lone surrogate.

PostgreSQL refuses a NUL inside text; SQLite stores it, and the export then writes a file that cannot be
imported again. A lone surrogate (half of a UTF-16 pair, as JSON's "\\ud800" gives) is not Unicode text
at all: no UTF-8 encoder writes it. Every interface refuses both where the text comes in, and the
services check again (`corridor.core.services.validated`) for whatever calls them.
"""

from __future__ import annotations

import re

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(text: str) -> str | None:
    """What makes `text` unstorable, in words, or None."""
    if "\x00" in text:
        return "null characters (\\x00) are not allowed"
    found = _LONE_SURROGATE.search(text)
    if found:
        return f"a lone surrogate (\\u{ord(found.group()):04x}) is not valid Unicode text"
    return None
