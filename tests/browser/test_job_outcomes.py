"""What a job came to, as a focal point sees it after uploading a file: in words, with what it produced."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROWS = [
    "date,place,metric,value,source_organisation,uid,place_name",
    "2016-03-09,gevgelija,arrivals,120,unhcr,a1,Gevgelija",
    "2016-03-10,gevgelija,arrivals,-4,unhcr,a2,Gevgelija",
    "2016-03-11,gevgelija,arrivals,130,unhcr,a3,Gevgelija",
    "2016-03-12,nowhere,arrivals,10,unhcr,a4,Nowhere",
]
INTERNAL_NAMES = ["dry_run", "ignored_columns", "rows_read", "error_count", "None", "True", "False"]


def test_a_file_with_two_bad_rows_imported_all_or_nothing_is_refused_and_its_errors_offered(  # type: ignore[no-untyped-def]
    visit_as, tmp_path: Path
) -> None:
    counts = tmp_path / "counts.csv"
    counts.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    page = visit_as("skopje.focal", width=390, height=844)

    page.goto("/exchange/")
    page.set_input_files("#id_file", str(counts))
    page.select_option("#id_kind", "observations")
    page.select_option("#id_mode", "all_or_nothing")
    page.uncheck("#id_dry_run")
    page.get_by_role("button", name="Import").click()

    page.wait_for_url(re.compile(r"/jobs/[0-9a-f-]+/$"))
    status = page.locator("#job-status")
    expect(status).to_contain_text("Refused: 2 errors, nothing written")
    expect(status).to_contain_text("All or nothing: a file is written only when every row is valid.")
    expect(status).to_contain_text("Columns not read: uid, place_name.")
    report = page.get_by_role("link", name="Download the error report (CSV)")
    expect(report).to_be_visible()
    with page.expect_download() as download:
        report.click()
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "row,column,value,reason" and len(lines) == 3
    shown = page.locator("main").inner_text()
    for name in INTERNAL_NAMES:
        assert not re.search(rf"\b{re.escape(name)}\b", shown), f"{name!r} on the job page"
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", shown), "a bare id on the job page"

    page.goto("/jobs/")
    expect(page.get_by_role("row").filter(has_text="counts.csv")).to_contain_text(
        "Refused: 2 errors, nothing written"
    )
