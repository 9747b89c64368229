"""HXL hashtags and tag patterns: parse `#affected +arrivals`, match `#country+code-nationality`.

A hashtag row is recognised as libhxl does: more than half of its non-empty cells are hashtags.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_NAME = r"[a-z][a-z0-9_]*"
_TAG = re.compile(rf"^\s*#({_NAME})((?:\s*\+\s*{_NAME})*)\s*$", re.IGNORECASE)
_PATTERN = re.compile(rf"^\s*#({_NAME}|\*)((?:\s*[+-]\s*{_NAME})*)\s*$", re.IGNORECASE)
_ATTRIBUTE = re.compile(rf"([+-])\s*({_NAME})", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TagSpec:
    """A column's hashtag and attributes, lower-cased: `#affected+arrivals+num`."""

    hashtag: str
    attributes: frozenset[str]

    @classmethod
    def parse(cls, text: object) -> TagSpec | None:
        """The tag in `text`, or None when it is not a hashtag."""
        if not isinstance(text, str):
            return None
        match = _TAG.match(text)
        if match is None:
            return None
        attributes = frozenset(name.lower() for _, name in _ATTRIBUTE.findall(match[2]))
        return cls(match[1].lower(), attributes)

    def __str__(self) -> str:
        return "#" + self.hashtag + "".join(f"+{name}" for name in sorted(self.attributes))


@dataclass(frozen=True, slots=True)
class TagPattern:
    """A pattern such as `#country+code-nationality`: required and excluded attributes."""

    hashtag: str
    required: frozenset[str]
    excluded: frozenset[str]

    @classmethod
    def parse(cls, text: str) -> TagPattern:
        match = _PATTERN.match(text)
        if match is None:
            raise ValueError(f"{text!r} is not an HXL tag pattern (e.g. #affected+arrivals)")
        signed = [(sign, name.lower()) for sign, name in _ATTRIBUTE.findall(match[2])]
        return cls(
            match[1].lower(),
            frozenset(name for sign, name in signed if sign == "+"),
            frozenset(name for sign, name in signed if sign == "-"),
        )

    def matches(self, tag: TagSpec) -> bool:
        return (
            (self.hashtag in ("*", tag.hashtag))
            and self.required <= tag.attributes
            and not (self.excluded & tag.attributes)
        )

    def is_exactly(self, tag: TagSpec) -> bool:
        return self.hashtag == tag.hashtag and self.required == tag.attributes


def is_hashtag_row(cells: Sequence[object]) -> bool:
    """More than half of the row's non-empty cells are hashtags (libhxl's rule)."""
    filled = [cell for cell in cells if cell is not None and str(cell).strip()]
    if not filled:
        return False
    tags = sum(1 for cell in filled if TagSpec.parse(cell) is not None)
    return tags * 2 > len(filled)
