"""Text that can be stored and brought back: no NUL character, no lone surrogate.

PostgreSQL refuses a NUL inside text; SQLite stores it, and the export then writes a file that cannot be
imported again. A lone surrogate (half of a UTF-16 pair, as JSON's "\\ud800" gives) is not Unicode text
at all: no UTF-8 encoder writes it. Every interface refuses both where the text comes in, and the
services check again (`corridor.core.services.validated`) for whatever calls them.

`fold` gives what spellings of one name have in common (case, marks, Cyrillic or Latin letters), for
matching names as people type them: in imports, list filters and menus.
"""

from __future__ import annotations

import re
import unicodedata

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(text: str) -> str | None:
    """What makes `text` unstorable, in words, or None."""
    if "\x00" in text:
        return "null characters (\\x00) are not allowed"
    found = _LONE_SURROGATE.search(text)
    if found:
        return f"a lone surrogate (\\u{ord(found.group()):04x}) is not valid Unicode text"
    return None


_CYRILLIC = dict(
    zip(
        "абвгдђежзијклмнопрстћуфхцчшѓѕќыэйёъь",
        [*"abvgddezzijklmnoprstcufhccsg", "dz", "k", "y", "e", "j", "e", "", ""],
        strict=True,
    )
) | {"љ": "lj", "њ": "nj", "џ": "dz", "ю": "yu", "я": "ya", "щ": "shch"}
"""Serbian and Macedonian Cyrillic (and Russian) letters, as folded Latin: Прешево → presevo."""


def fold(text: str) -> str:
    """'  Preševo ', 'PRESEVO', 'Прешево' → 'presevo': what spellings of one name have in common."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    latin = "".join(_CYRILLIC.get(c, c) for c in stripped)
    return " ".join(latin.replace("đ", "d").split())
