"""Where a table's header is, whether it has an HXL hashtag row, and what each column is called.

An HXL file has a row of hashtags, usually just under the text headers; it may be preceded by a title
or notes. Without hashtags, the header is the first non-empty row (or the mapping's `header_row`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeGuard

from corridor.exchange.hxl_tags import TagSpec, is_hashtag_row
from corridor.exchange.tables import RowProblem, SourceRow, UnreadableFile

HASHTAG_ROW_SEARCH = 25
"""How many rows from the top may precede the hashtag row (titles, notes, headers)."""

Rows = Iterator[SourceRow | RowProblem]


@dataclass(frozen=True, slots=True)
class Column:
    index: int
    header: str
    tag: TagSpec | None

    @property
    def label(self) -> str:
        """How an error report names the column: its header, else its hashtag, else its position."""
        return self.header or (str(self.tag) if self.tag else f"column {self.index + 1}")

    @property
    def normalised_header(self) -> str:
        return normalise_header(self.header)


@dataclass(frozen=True, slots=True)
class Layout:
    columns: tuple[Column, ...]
    header_row: int
    has_hashtags: bool

    @property
    def width(self) -> int:
        return len(self.columns)


def normalise_header(text: str) -> str:
    """'Date start ' → 'date_start': case, spaces and hyphens do not matter when matching headers."""
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def read_layout(rows: Rows, *, header_row: int | None = None) -> tuple[Layout, Rows]:
    """The table's layout, and the rest of its rows (the data) still to be read."""
    if header_row is not None:
        return _layout_at(rows, header_row)
    head = list(itertools.islice(rows, HASHTAG_ROW_SEARCH))
    tags_at = next((i for i, item in enumerate(head) if _is_row(item) and is_hashtag_row(item.cells)), None)
    if tags_at is not None:
        header_at = tags_at
        text_row = head[tags_at - 1] if tags_at > 0 else None
        layout = _layout(_header(text_row), _header(head[tags_at]), number=head[tags_at].number)
    else:
        header_at = next((i for i, item in enumerate(head) if not _is_row(item) or _is_filled(item)), -1)
        if header_at < 0:
            raise UnreadableFile("the file has no header row: its first rows are empty")
        layout = _layout(_header(head[header_at]), None, number=head[header_at].number)
    for item in head[:header_at]:
        _header(item)
    return layout, itertools.chain(head[header_at + 1 :], rows)


def _is_row(item: SourceRow | RowProblem) -> TypeGuard[SourceRow]:
    return isinstance(item, SourceRow)


def _header(item: SourceRow | RowProblem | None) -> SourceRow | None:
    """A row at or above the header; a row that cannot be read there makes the file unreadable."""
    if isinstance(item, RowProblem):
        raise UnreadableFile(f"row {item.number}, in the header: {item.message}")
    return item


def _layout_at(rows: Rows, header_row: int) -> tuple[Layout, Rows]:
    for item in rows:
        if item.number < header_row:
            continue
        if isinstance(item, RowProblem):
            raise UnreadableFile(f"row {item.number}, the header: {item.message}")
        if item.number > header_row:
            break
        following = next(rows, None)
        if isinstance(following, SourceRow) and is_hashtag_row(following.cells):
            return _layout(item, following, number=following.number), rows
        rest = iter([following]) if following is not None else iter(())
        return _layout(item, None, number=item.number), itertools.chain(rest, rows)
    raise UnreadableFile(f"the file has no row {header_row} (the mapping's header_row)")


def _layout(text_row: SourceRow | None, tag_row: SourceRow | None, *, number: int) -> Layout:
    texts = [_text(cell) for cell in text_row.cells] if text_row else []
    tags = [TagSpec.parse(cell) for cell in tag_row.cells] if tag_row else []
    width = max(len(texts), len(tags))
    while width and not _present(texts, width - 1) and not _present(tags, width - 1):
        width -= 1
    columns = tuple(
        Column(index, texts[index] if index < len(texts) else "", tags[index] if index < len(tags) else None)
        for index in range(width)
    )
    return Layout(columns=columns, header_row=number, has_hashtags=tag_row is not None)


def _present(values: list, index: int) -> bool:
    return index < len(values) and bool(values[index])


def _text(cell: object) -> str:
    return "" if cell is None else " ".join(str(cell).split())


def _is_filled(row: SourceRow) -> bool:
    return any(_text(cell) for cell in row.cells)
