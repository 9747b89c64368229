"""Figures are drawn in a worker process while the file is put together, with the same bytes as drawn in
the caller's process, and the caller draws them itself when the worker is missing, broken or fails."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from corridor.reports import services
from corridor.reports.builders import build
from corridor.reports.charts import drawing
from corridor.reports.data.flows import Flows, FlowSeries, MapCountry, MapData, MapLink, MapSite, SeriesPoint
from corridor.reports.layout.document import Document, Figure, Paragraph, Section
from corridor.reports.render.pdf import _FigureFetcher
from corridor.reports.requests import ReportRequest
from tests.reports.conftest import PERIOD

REGIONAL = ReportRequest(kind="regional", start=PERIOD.start, end=PERIOD.end)
DAYS = [date(2015, 10, 1) + timedelta(days=offset) for offset in range(30)]


def _document() -> Document:
    flows = Flows(
        metric="arrivals",
        metric_label="Arrivals",
        rows=(),
        series=(
            FlowSeries(
                place_slug="mk",
                label="North Macedonia (UNHCR)",
                points=tuple(
                    SeriesPoint(day, None if i == 7 else 1000 + 37 * i) for i, day in enumerate(DAYS)
                ),
            ),
        ),
        other_figures=(),
    )
    route = MapData(
        countries=(MapCountry(code="MK", name="North Macedonia", value=31_000),),
        sites=(
            MapSite(
                slug="gevgelija",
                name="Gevgelija",
                kind="border_crossing",
                role="site",
                latitude=41.14,
                longitude=22.5,
                value=9000,
            ),
        ),
        links=(MapLink("gevgelija", "presevo", 22.5, 41.14, 21.65, 42.31),),
        highlight_countries=("RS",),
    )
    return Document(
        title="Figures",
        subtitle="",
        sections=(
            Section(
                "Flows",
                (Paragraph("Daily arrivals."), Figure("Daily arrivals.", flows=flows)),
                subsections=(Section("Map", (Figure("The route.", map=route), Figure("Empty."))),),
            ),
        ),
        references=(),
    )


@pytest.fixture
def worker() -> Iterator[None]:
    drawing.stop()
    yield
    drawing.stop()


def test_the_worker_draws_each_figure_as_this_process_would(worker) -> None:  # type: ignore[no-untyped-def]
    document = _document()
    drawings = drawing.Drawings(document)

    pngs = drawings.all()

    assert drawings.drawn_by_worker == 2
    assert [figure.caption for figure in drawings.figures] == ["Daily arrivals.", "The route."]
    assert pngs == [drawing.draw(figure) for figure in drawings.figures]
    assert all(png.startswith(b"\x89PNG") for png in pngs)
    assert drawings.png(drawings.figures[1]) == pngs[1]


def test_one_worker_serves_document_after_document(worker) -> None:  # type: ignore[no-untyped-def]
    first = drawing.Drawings(_document())
    first.all()
    process = drawing._worker.process if drawing._worker else None

    second = drawing.Drawings(_document())
    second.all()

    assert process is not None and drawing._worker is not None and drawing._worker.process is process
    assert second.drawn_by_worker == 2


def test_without_a_worker_the_figures_are_drawn_here(worker, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(drawing, "_running_worker", lambda: None)
    drawings = drawing.Drawings(_document())

    pngs = drawings.all()

    assert drawings.drawn_by_worker == 0
    assert pngs == [drawing.draw(figure) for figure in drawings.figures]


def test_a_daemonic_process_draws_its_figures_itself(worker, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(drawing.multiprocessing, "current_process", lambda: SimpleNamespace(daemon=True))
    drawings = drawing.Drawings(_document())

    assert drawings.all() == [drawing.draw(figure) for figure in drawings.figures]
    assert drawings.drawn_by_worker == 0 and drawing._worker is None


def test_a_worker_that_dies_is_replaced_and_its_figures_drawn_here(worker, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    expected = [drawing.draw(figure) for figure in drawing.figures_of(_document())]
    monkeypatch.setattr(
        drawing._Worker, "command", (sys.executable, "-c", "import sys; sys.stdin.buffer.read(1)")
    )
    dying = drawing.Drawings(_document())

    assert dying.all() == expected
    assert dying.drawn_by_worker == 0 and drawing._worker is None

    monkeypatch.undo()
    again = drawing.Drawings(_document())
    assert again.all() == expected and again.drawn_by_worker == 2


def test_a_worker_that_does_not_answer_is_killed(worker, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(drawing._Worker, "command", (sys.executable, "-c", "import time; time.sleep(60)"))
    monkeypatch.setattr(drawing, "WAIT_SECONDS", 1.0)
    stuck = drawing.Drawings(_document())

    assert stuck.all() == [drawing.draw(figure) for figure in stuck.figures]
    assert stuck._worker is not None and stuck._worker.process.poll() is not None
    assert drawing._worker is None
    # Killing it settled the second figure at once: it did not wait out a second timeout.
    assert isinstance(stuck._results[1].exception(timeout=0), drawing.WorkerFailed)


def test_a_figure_that_cannot_be_drawn_fails_in_the_caller(worker, caplog) -> None:  # type: ignore[no-untyped-def]
    site = MapSite("x", "Nowhere", "border_crossing", "site", "north", 22.0, None)  # type: ignore[arg-type]
    broken = Figure(
        "A site with no latitude.", map=MapData(countries=(), sites=(site,), links=(), highlight_countries=())
    )
    drawings = drawing.Drawings(Document("x", "", (Section("s", (broken,)),), ()))

    with pytest.raises(TypeError):
        drawings.all()
    assert "could not draw figure 0 (TypeError" in caplog.text
    assert drawing._worker is not None and drawing._worker.process.poll() is None, "the worker is kept"
    with pytest.raises(ValueError, match="neither a map nor a chart"):
        drawing.draw(Figure("Nothing."))


def test_the_pdf_loads_its_figures_and_nothing_else(worker) -> None:  # type: ignore[no-untyped-def]
    drawings = drawing.Drawings(_document())
    fetcher = _FigureFetcher(drawings)

    response = fetcher.fetch("figure:1")

    assert response.read() == drawings.png_at(1)
    assert response.content_type == "image/png"
    for url in (
        "file:///etc/hostname",
        "file:1",
        "https://example.org/a.png",
        "figure:x",
        "data:image/png;base64,AA==",
    ):
        with pytest.raises(ValueError, match="no resource other than its figures"):
            fetcher.fetch(url)


@pytest.mark.django_db
@pytest.mark.parametrize(("formats", "started"), [(["html"], 0), (["pdf"], 1), (["docx", "html"], 1)])
def test_the_worker_starts_before_the_records_are_read_for_pdf_and_word(  # type: ignore[no-untyped-def]
    arrivals, monkeypatch, formats, started
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(drawing, "start", lambda: calls.append("start"))
    monkeypatch.setattr(services, "build", lambda *args: calls.append("build") or build(*args))

    services.generate_report(request=REGIONAL, reader=None, formats=formats)

    assert calls == ["start"] * started + ["build"]
