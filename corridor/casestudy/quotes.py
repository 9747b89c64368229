"""Check that a quoted passage really is in the study, allowing for line breaks and typography."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

STUDY_TEXT = Path(__file__).resolve().parent / "source" / "study-2016.txt"

_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_HYPHEN_BREAK = re.compile(r"-\s*\n\s*")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Fold typography, rejoin words hyphenated across lines, collapse white space."""
    folded = _HYPHEN_BREAK.sub("-", text.translate(_TYPOGRAPHY))
    return _SPACES.sub(" ", folded).strip()


@lru_cache(maxsize=1)
def _study() -> str:
    return normalise(STUDY_TEXT.read_text(encoding="utf-8"))


def is_in_study(quote: str) -> bool:
    """Whether `quote` occurs in the study (case-insensitively, after `normalise`)."""
    wanted = normalise(quote)
    if not wanted:
        return False
    return wanted.lower() in _study().lower()
