"""The figures' worker: a process that reads figures on stdin and writes their PNGs on stdout.

Started by corridor.reports.charts.drawing as `python -m corridor.reports.charts.worker`. Each message is
a pickle preceded by its length (8 bytes, big-endian). A request is a `Figure`; the reply is ("png", bytes)
or ("error", "TypeError: ..."). End of input ends the process. The parent is the only writer, so pickle
is safe here; the worker has no Django and reads no database.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
from typing import IO, Any

HEADER = struct.Struct(">Q")


def send(stream: IO[bytes], message: Any) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(HEADER.pack(len(payload)) + payload)
    stream.flush()


def receive(stream: IO[bytes]) -> Any | None:
    """The next message, or None at the end of the stream."""
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        return None
    (size,) = HEADER.unpack(header)
    payload = stream.read(size)
    if len(payload) < size:
        return None
    return pickle.loads(payload)  # the parent process is the only writer


def main() -> None:
    # The replies go to the original stdout; anything else printed goes to stderr.
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr
    from corridor.reports.charts.drawing import draw, warm_up

    warm_up()
    while (figure := receive(sys.stdin.buffer)) is not None:
        try:
            reply: tuple[str, Any] = ("png", draw(figure))
        except Exception as error:  # noqa: BLE001 (reported to the parent, which raises it)
            reply = ("error", f"{type(error).__name__}: {error}")
        send(replies, reply)


if __name__ == "__main__":
    main()
