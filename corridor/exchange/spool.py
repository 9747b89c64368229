"""Checked rows kept in a temporary file between reading a file and writing it.

An import reads and checks every row before it opens the write transaction, so a long file never holds
the database's write lock (SQLite's transactions take it at the start) while it is parsed. The rows that
passed are spooled here, in chunks, and read back inside one short transaction: memory holds one chunk
whatever the file's size.

The file is this process's own temporary file, written and read back by the same import, so pickle
(which keeps dates, decimals and the checkers' dataclasses as they are) is safe here.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from types import TracebackType
from typing import IO, Any

CHUNK = 5_000


class RowSpool:
    """Append checked rows, then read them back in order, once or more.

    with RowSpool() as spool:
        spool.add(row)
        for row in spool: ...
    """

    def __init__(self, chunk: int = CHUNK) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="corridor-import-")  # noqa: SIM115
        self._chunk = chunk
        self._pending: list[Any] = []
        self.count = 0

    def __enter__(self) -> RowSpool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._file.close()

    def add(self, row: Any) -> None:
        self._pending.append(row)
        self.count += 1
        if len(self._pending) >= self._chunk:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            pickle.dump(self._pending, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._pending = []

    def __iter__(self) -> Iterator[Any]:
        self._flush()
        self._file.seek(0)
        while True:
            try:
                chunk = pickle.load(self._file)
            except EOFError:
                break
            yield from chunk
        self._file.seek(0, 2)  # further rows are appended at the end
