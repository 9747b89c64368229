"""What a reader gets: the PDF's text holds the sections, figures and markings on every page; the Word
file opens and holds its tables; the HTML works offline with interactive charts."""

from __future__ import annotations

import io
import re

import docx
import pytest

from corridor.reports.requests import ReportRequest
from corridor.reports.services import generate_report
from tests.reports.conftest import PERIOD, docx_text, expected_values, pdf_pages

REGIONAL = ReportRequest(kind="regional", start=PERIOD.start, end=PERIOD.end)
SECTIONS = [
    "Summary",
    "Flows along the route",
    "Engagement of the field operations",
    "Timeline highlights",
    "Cross-border and joint activities",
    "Gaps and open recommendations",
    "Annex: sources of each statement",
]


def _total(slug: str) -> str:
    return f"{sum(v for v in expected_values(slug).values() if v is not None):,}"


@pytest.fixture
def regional(arrivals):  # type: ignore[no-untyped-def]
    return generate_report(request=REGIONAL, reader=None, formats=["pdf", "docx", "html"])


def _file(run, output_format: str) -> bytes:  # type: ignore[no-untyped-def]
    return bytes(run.outputs.get(format=output_format).content)


@pytest.mark.django_db
def test_the_pdf_holds_every_section_and_the_flow_figures(regional) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(pdf_pages(_file(regional, "pdf")))
    flat = " ".join(text.split())

    for title in SECTIONS:
        assert title in flat, title
    for slug in ("mk", "rs", "hu"):
        assert _total(slug) in flat, slug
    assert "Mission to Skopje" in flat and "Presence in Albania" in flat
    assert "Macedonia tightens its border policy" in flat
    assert "joint-visit-presevo-tabanovce-2015-11" in flat


@pytest.mark.django_db
def test_every_pdf_page_carries_the_marking_reference_and_page_number(regional) -> None:  # type: ignore[no-untyped-def]
    pages = pdf_pages(_file(regional, "pdf"))

    assert len(pages) > 5
    for number, page in enumerate(pages, start=1):
        assert page.count("PUBLIC") >= 2, number
        assert regional.reference in page, number
        assert f"Page {number} of {len(pages)}" in page, number


@pytest.mark.django_db
def test_the_pdf_carries_the_chart_and_map_as_images(regional) -> None:  # type: ignore[no-untyped-def]
    content = _file(regional, "pdf")

    assert content.startswith(b"%PDF")
    assert len(re.findall(rb"/Subtype\s*/Image", content)) >= 2


@pytest.mark.django_db
def test_the_pdf_annex_numbers_every_entry_in_order(regional) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(pdf_pages(_file(regional, "pdf"))).replace("\u2007", " ")
    annex = text[text.index("Annex: sources of each statement") :]
    kinds = re.findall(r'<span class="kind">(\w+)</span>', _file(regional, "html").decode("utf-8"))
    assert len(kinds) > 20

    position = 0
    for number, kind in enumerate(kinds, start=1):
        entry = re.compile(rf"^ *{number}\. +{kind.capitalize()} ", flags=re.M)
        found = entry.search(annex, position)
        assert found is not None, f"entry {number} ({kind}) missing or out of order"
        position = found.end()


@pytest.mark.django_db
def test_the_word_file_opens_with_its_tables_pictures_and_markings(regional) -> None:  # type: ignore[no-untyped-def]
    word = docx.Document(io.BytesIO(_file(regional, "docx")))

    headers = [[cell.text for cell in table.rows[0].cells] for table in word.tables]
    assert any(header[:2] == ["Place", "Source"] and "Total" in header for header in headers)
    matrix = next(table for table in word.tables if table.rows[0].cells[0].text == "Operation")
    assert len(matrix.rows) == 7
    assert matrix.rows[0].cells[1].text == "Monitoring"
    assert len(word.inline_shapes) >= 2
    assert "PUBLIC" in word.sections[0].header.paragraphs[0].text
    assert regional.reference in word.sections[0].footer.paragraphs[0].text
    text = docx_text(_file(regional, "docx"))
    for title in SECTIONS:
        assert title in text, title
    assert _total("rs") in text


@pytest.mark.django_db
def test_the_html_is_standalone_and_interactive(regional) -> None:  # type: ignore[no-untyped-def]
    markup = _file(regional, "html").decode("utf-8")
    bundle = re.search(r"<script>(.*?)</script>", markup, flags=re.S)

    assert bundle is not None and "plotly.js" in bundle.group(1)[:300]
    page = markup.replace(bundle.group(0), "")
    assert page.count("Plotly.newPlot(") == 2
    assert not re.search(r"<script[^>]+src=", markup)
    assert "http://" not in page and "https://" not in page and "<link" not in page
    for title in SECTIONS:
        assert title in page


@pytest.mark.django_db
def test_a_report_with_serbian_place_names_keeps_its_diacritics(regional) -> None:  # type: ignore[no-untyped-def]
    text = " ".join("\n".join(pdf_pages(_file(regional, "pdf"))).split())

    assert "Preševo" in text
    assert "Horgoš" in docx_text(_file(regional, "docx")) or "Preševo" in docx_text(_file(regional, "docx"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("request_", "sections"),
    [
        (
            ReportRequest(
                kind="mission", operation="osce-mission-to-serbia", start=PERIOD.start, end=PERIOD.end
            ),
            [
                "Developments in the numbers",
                "Responses of the host country",
                "Regional and bilateral implications",
                "Challenges and threats",
                "Activities of the mission by category",
                "Timeline",
            ],
        ),
        (
            ReportRequest(
                kind="update", operation="osce-mission-to-skopje", start=PERIOD.start, end=PERIOD.end
            ),
            ["Timeline of events", "Activities by category", "Monitoring visits", "Coordination meetings"],
        ),
        (
            ReportRequest(kind="spot", event="joint-visit-presevo-tabanovce-2015-11"),
            ["What", "Where", "When", "Context", "Flows before and after", "Related events", "Sources"],
        ),
    ],
    ids=["mission", "update", "spot"],
)
def test_each_report_kind_renders_its_sections_to_pdf(request_, sections, arrivals) -> None:  # type: ignore[no-untyped-def]
    run = generate_report(request=request_, reader=None, formats=["pdf", "docx"])

    text = " ".join("\n".join(pdf_pages(_file(run, "pdf"))).split())
    word = docx_text(_file(run, "docx"))
    for title in sections:
        assert title in text, title
        assert title in word, title
