"""Column widths for a report's tables, decided once from their text.

WeasyPrint sizes an automatic table by laying out every cell's text twice more (its narrowest and its
widest line), a large share of a report's PDF time. The renderers instead give the table fixed column
widths (`table-layout: fixed`), computed here by the same rule as CSS's automatic layout, with text
measured in characters rather than laid out: each column gets at least its longest word (or part of a
word up to a soft hyphen, where a header may break); if every cell
fits on one line, columns are as wide as their longest cell; otherwise the room left after the longest
words goes to the columns in proportion to how much longer their cells are than their longest word.
"""

from __future__ import annotations

from collections.abc import Sequence

from corridor.reports.layout.document import SOFT_HYPHEN

# A line of a report table holds about this many characters: 180 mm of A4 text width in DejaVu Sans at
# 8 pt (7 pt for compact tables), whose average character is 0.6 em wide.
LINE = 105
COMPACT_LINE = 120
# A cell's padding, in characters; headers are bold, a tenth wider.
PADDING = 1.5
BOLD = 1.1


def column_widths(header: Sequence[str], rows: Sequence[Sequence[str]], *, line: float = LINE) -> list[float]:
    """Percentages of the table's width, one per column of `header`, summing to 100."""
    narrowest, widest = [], []
    for index, title in enumerate(header):
        cells = [row[index] for row in rows if index < len(row)]
        words = [BOLD * _longest_word(title), *(_longest_word(cell) for cell in cells)]
        lengths = [BOLD * len(title), *(len(cell) for cell in cells)]
        narrowest.append(PADDING + max(words))
        widest.append(PADDING + max(narrowest[-1] - PADDING, *lengths))
    if not header:
        return []
    if sum(widest) <= line:
        widths = widest
    elif sum(narrowest) <= line:
        room, stretch = line - sum(narrowest), sum(widest) - sum(narrowest)
        widths = [low + room * (high - low) / stretch for low, high in zip(narrowest, widest, strict=True)]
    else:
        widths = narrowest
    total = sum(widths)
    return [round(100 * width / total, 2) for width in widths]


def _longest_word(text: str) -> int:
    """The longest run a line cannot break: a word, or a part of one up to a soft hyphen (U+00AD) with the
    hyphen drawn at its end."""
    return max(
        (len(part) + (index < len(parts) - 1) for parts in _parts(text) for index, part in enumerate(parts)),
        default=0,
    )


def _parts(text: str) -> list[list[str]]:
    return [word.split(SOFT_HYPHEN) for word in text.split()]
