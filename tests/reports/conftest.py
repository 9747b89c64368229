"""Fixtures for reports: daily arrivals along the route (made here, with known sums), records only a cleared
reader may see, and ways to read a report's text back out of HTML, PDF and Word."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from datetime import date, timedelta
from pathlib import Path

import docx
import pytest

from corridor.actors.models import Organisation
from corridor.geo.models import Place
from corridor.monitoring.models import FlowObservation, MonitoringVisit
from corridor.operations.models import Activity
from corridor.reports.data.common import Period
from corridor.timeline.models import Event

PERIOD = Period(date(2015, 10, 1), date(2016, 3, 31))
DAYS = [PERIOD.start + timedelta(days=offset) for offset in range(183)]
# place slug → (base, step): the value on day i is base + step * i, except the gaps below.
SERIES = {"mk": (2000, 10), "rs": (1800, 9), "hu": (500, 0), "gevgelija": (700, 1)}
NOT_AVAILABLE = {"rs": [date(2015, 12, 25), date(2015, 12, 26)]}
MISSING = {"hu": DAYS[30:]}
SECRET = "ZZ-RESTRICTED"


def expected_values(slug: str) -> dict[date, int | None]:
    """What the fixture records for a place: day → value (None: not available), missing days left out."""
    base, step = SERIES[slug]
    values: dict[date, int | None] = {}
    for index, day in enumerate(DAYS):
        if day in MISSING.get(slug, []):
            continue
        values[day] = None if day in NOT_AVAILABLE.get(slug, []) else base + step * index
    return values


@pytest.fixture
def arrivals(unhcr: Organisation) -> dict[str, dict[date, int | None]]:
    """Daily arrivals from UNHCR at Macedonia, Serbia, Hungary and the Gevgelija transit centre."""
    rows = []
    recorded = {}
    for slug in SERIES:
        place = Place.objects.get(slug=slug)
        recorded[slug] = expected_values(slug)
        for day, value in recorded[slug].items():
            rows.append(
                FlowObservation(
                    place=place,
                    metric="arrivals",
                    date_start=day,
                    date_end=day,
                    date_precision="day",
                    value=value,
                    value_status="reported" if value is not None else "not_available",
                    source_organisation=unhcr,
                    reliability="official",
                    owner=unhcr,
                    classification="public",
                )
            )
    FlowObservation.objects.bulk_create(rows)
    return recorded


@pytest.fixture
def secrets(skopje: Organisation) -> dict[str, object]:
    """A restricted event, activity and visit of the Mission to Skopje inside the period, at Gevgelija."""
    gevgelija = Place.objects.get(slug="gevgelija")
    day = {"date_start": date(2016, 2, 10), "date_end": date(2016, 2, 10), "date_precision": "day"}
    owned = {"owner": skopje, "classification": "restricted"}
    event = Event.objects.create(
        slug="zz-restricted-incident",
        kind="incident",
        title=f"{SECRET} incident at the border",
        **owned,
        **day,
    )
    event.places.set([gevgelija])
    activity = Activity.objects.create(
        slug="zz-restricted-activity",
        title=f"{SECRET} activity with the border police",
        category="policing_crime",
        lead=skopje,
        **owned,
        **day,
    )
    visit = MonitoringVisit.objects.create(
        slug="zz-restricted-visit", operation=skopje, purpose=f"{SECRET} visit purpose", **owned, **day
    )
    visit.places.set([gevgelija])
    return {"event": event, "activity": activity, "visit": visit}


def text_of(content: bytes, output_format: str) -> str:
    """A report's readable text, whatever its format."""
    if output_format == "pdf":
        return "\f".join(pdf_pages(content))
    if output_format == "docx":
        return docx_text(content)
    markup = content.decode("utf-8")
    markup = re.sub(r"<script.*?</script>", " ", markup, flags=re.S)
    return re.sub(r"<[^>]+>", " ", markup)


def pdf_pages(content: bytes) -> list[str]:
    """The PDF's text page by page, from poppler's pdftotext."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(content)
        result = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
        )
    return result.stdout.split("\f")[:-1]


def docx_text(content: bytes) -> str:
    word = docx.Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    section = word.sections[0]
    parts.extend(p.text for p in section.header.paragraphs)
    parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)
