"""A document's static figures, drawn in a worker process while the PDF or Word file is put together.

matplotlib takes about a second to import and a quarter of a second to draw the regional report's chart
and map; WeasyPrint spends its first second on a PDF parsing the HTML and computing styles before it asks
for an image. Drawn in a second process, the figures are ready by then on a machine with two cores or
more, and the process that writes the PDF never imports matplotlib.

The worker (corridor.reports.charts.worker) is a fresh interpreter that imports only the chart modules:
nothing of the caller (threads, database connections, settings) is copied into it. It is started once per
Corridor process, on first use or early with `start()`, and kept for later reports. Where it cannot be
started (a daemonic process may not have children), dies, or does not answer within `WAIT_SECONDS`, the
figures are drawn in this process instead: the bytes are the same either way (the drawing is
deterministic).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from pathlib import Path

from corridor.reports.charts.worker import receive, send
from corridor.reports.layout.document import Document, Figure, Section

logger = logging.getLogger(__name__)

WAIT_SECONDS = 30.0
SOURCE_ROOT = Path(__file__).resolve().parents[3]  # where the `corridor` package is

_lock = threading.Lock()  # guards the two globals below
_worker: _Worker | None = None
_unavailable = False


def draw(figure: Figure) -> bytes:
    """The figure as PNG, drawn in this process."""
    from corridor.reports.charts import static  # matplotlib: imported only where figures are drawn

    if figure.map is not None:
        return static.map_png(figure.map)
    if figure.flows is not None:
        return static.flows_png(figure.flows)
    raise ValueError(f"figure {figure.caption!r} has neither a map nor a chart of flows")


def warm_up() -> None:
    """Load what the first drawing would: matplotlib's font list and the country outlines."""
    from corridor.reports.charts import static

    static.warm_up()


def start() -> None:
    """Start the worker in the background, so that its imports overlap what the caller does meanwhile."""
    threading.Thread(target=_running_worker, name="corridor-figures-start", daemon=True).start()


def stop() -> None:
    """Stop the worker; a later drawing tries to start a new one."""
    global _worker, _unavailable
    with _lock:
        worker, _worker, _unavailable = _worker, None, False
    if worker is not None:
        worker.close()


class WorkerFailed(RuntimeError):
    """The worker died or stopped answering."""


class _Worker:
    """One worker process; `lock` is held while a document's figures go through it."""

    command = (sys.executable, "-m", "corridor.reports.charts.worker")

    def __init__(self) -> None:
        path = os.pathsep.join(filter(None, [str(SOURCE_ROOT), os.environ.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            self.command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": path},
        )
        self.lock = threading.Lock()

    def draw_all(self, figures: Sequence[Figure], results: Sequence[Future[bytes]]) -> None:
        """Send each figure and settle its result with the reply."""
        assert self.process.stdin is not None and self.process.stdout is not None
        with self.lock:
            try:
                # One at a time: a figure sent while the worker writes a large reply could fill both pipes.
                for figure, result in zip(figures, results, strict=True):
                    send(self.process.stdin, figure)
                    reply = receive(self.process.stdout)
                    if reply is None:
                        raise WorkerFailed(f"the figures' worker ended (exit status {self.process.poll()})")
                    kind, value = reply
                    if kind == "png":
                        result.set_result(value)
                    else:
                        result.set_exception(RuntimeError(value))
            except Exception as error:  # a broken pipe, a file closed by `_discard`, a garbled reply
                logger.warning("the conversation with the figures' worker failed", exc_info=True)
                for result in results:
                    if not result.done():
                        result.set_exception(WorkerFailed(f"{type(error).__name__}: {error}"))

    def close(self) -> None:
        """End the worker: closing its input ends it; one that does not end is killed."""
        try:
            if self.process.stdin is not None:
                self.process.stdin.close()
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


def _running_worker() -> _Worker | None:
    """The worker, started if need be; None where this process cannot start one (it then draws itself)."""
    global _worker, _unavailable
    with _lock:
        if _worker is not None and _worker.process.poll() is not None:
            _worker = None  # it ended since the last document; start another
        if _worker is None and not _unavailable:
            if multiprocessing.current_process().daemon:  # e.g. a job worker: it may not have children
                logger.info("figures are drawn in this process: a daemonic process has no workers")
                _unavailable = True
                return None
            try:
                _worker = _Worker()
            except OSError:
                logger.warning("no worker process for figures; this process draws them", exc_info=True)
                _unavailable = True
        return _worker


def _discard(worker: _Worker) -> None:
    """Drop a worker that broke or stopped answering; the next document starts a new one."""
    global _worker
    with _lock:
        if _worker is worker:
            _worker = None
    worker.process.kill()
    worker.close()


class Drawings:
    """The PNG of each figure of a document, handed to the worker at once and collected when needed.

    The figures go to the worker from a thread, so that the caller goes on at once, even while the worker
    is starting (about a second, the first time in a process) or busy with another document.
    """

    def __init__(self, document: Document) -> None:
        self.figures = list(figures_of(document))
        self._positions = {id(figure): index for index, figure in enumerate(self.figures)}
        self._results: list[Future[bytes]] = [Future() for _ in self.figures]
        self._worker: _Worker | None = None
        self._pngs: dict[int, bytes] = {}
        self.drawn_by_worker = 0
        if self.figures:
            threading.Thread(target=self._hand_over, name="corridor-figures", daemon=True).start()

    def _hand_over(self) -> None:
        worker = self._worker = _running_worker()
        if worker is None:
            for result in self._results:
                result.set_exception(WorkerFailed("no worker process"))
            return
        worker.draw_all(self.figures, self._results)

    def position(self, figure: Figure) -> int:
        """The figure's index in the document (figures are counted in reading order)."""
        return self._positions[id(figure)]

    def png(self, figure: Figure) -> bytes:
        return self.png_at(self.position(figure))

    def png_at(self, index: int) -> bytes:
        if index not in self._pngs:
            self._pngs[index] = self._collected(index)
        return self._pngs[index]

    def all(self) -> list[bytes]:
        return [self.png_at(index) for index in range(len(self.figures))]

    def _collected(self, index: int) -> bytes:
        try:
            png = self._results[index].result(timeout=WAIT_SECONDS)
        except TimeoutError:
            logger.warning("the figures' worker did not answer in %.0f s; drawing here", WAIT_SECONDS)
            if self._worker is not None:
                _discard(self._worker)
        except WorkerFailed as error:
            if self._worker is not None:
                logger.warning("the figures' worker failed (%s); drawing here", error)
                _discard(self._worker)
        except RuntimeError as error:
            # The worker could not draw this figure: drawing it here raises the error in the caller.
            logger.warning("the figures' worker could not draw figure %d (%s); drawing it here", index, error)
        else:
            self.drawn_by_worker += 1
            return png
        return draw(self.figures[index])


def figures_of(document: Document) -> Iterator[Figure]:
    """The figures with something to draw, in reading order: each section's blocks, then its subsections."""
    for section in document.sections:
        yield from _figures(section)


def _figures(section: Section) -> Iterator[Figure]:
    for block in section.blocks:
        if isinstance(block, Figure) and (block.map is not None or block.flows is not None):
            yield block
    for subsection in section.subsections:
        yield from _figures(subsection)
