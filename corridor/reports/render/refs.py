"""Reference numbers as readers see them: '3, 5–9, 12'."""

from __future__ import annotations

from collections.abc import Sequence


def ranges(numbers: Sequence[int]) -> str:
    parts: list[str] = []
    ordered = sorted(set(numbers))
    index = 0
    while index < len(ordered):
        end = index
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        first, last = ordered[index], ordered[end]
        parts.append(
            str(first) if first == last else f"{first}–{last}" if last > first + 1 else f"{first}, {last}"
        )
        index = end + 1
    return ", ".join(parts)
