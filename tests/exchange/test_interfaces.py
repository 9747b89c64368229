"""The thin interfaces over the exchange services: `corridor import`, `corridor export`, `corridor realdata
load`, and long imports run as jobs."""

from __future__ import annotations

import csv
import io
import sys

import hxl
import pytest

from corridor.cli.exchange import ProgressBar
from corridor.cli.main import main
from corridor.exchange.jobs import IMPORT_JOB, import_job_params
from corridor.exchange.models import ImportRun
from corridor.exchange.real_data import DATASETS
from corridor.exchange.services import stage_upload
from corridor.jobs.services import submit_job
from corridor.monitoring.models import FlowObservation

GOOD = "place,date,metric,value,source_organisation\ngevgelija,2015-11-20,arrivals,120,unhcr\n"


@pytest.mark.django_db
def test_corridor_import_dry_run_prints_what_it_would_write(
    cpc_editor, write_file, capsys, database_snapshot
) -> None:
    before = database_snapshot()

    code = main(["import", str(write_file(GOOD)), "--user", "cpc.editor", "--dry-run"])

    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("upload.csv: 1 rows read, no errors; would write: 1 created, 0 revised")
    assert database_snapshot() == before


@pytest.mark.django_db
def test_corridor_import_shows_the_errors_and_writes_them_all_to_a_report(
    cpc_editor, write_file, tmp_path, capsys
) -> None:
    rows = "".join(f"gevgelija,2015-11-{day:02d},arrivals,-{day},unhcr\n" for day in range(1, 26))
    report = tmp_path / "errors.csv"

    code = main(["import", str(write_file(GOOD + rows)), "--user", "cpc.editor", "--report", str(report)])

    err = capsys.readouterr().err
    assert code == 1
    assert "  row 3, column 'value': '-1' is negative: a count of people is 0 or more" in err
    assert "… and 5 more (--report FILE writes them all)" in err
    lines = list(csv.reader(report.open(encoding="utf-8")))
    assert lines[0] == ["row", "column", "value", "reason"]
    assert lines[25] == ["27", "value", "-25", "is negative: a count of people is 0 or more"]
    assert not FlowObservation.objects.filter(
        place__slug="gevgelija", date_start__month=11, date_start__year=2015
    ).exists()


@pytest.mark.django_db
def test_corridor_import_reads_a_mapping_file(capsys) -> None:
    route = DATASETS[0]

    code = main(["import", str(route.data_path), "--mapping", str(route.mapping_path)])

    assert code == 0
    assert "1809 rows read, no errors; wrote: 1594 created" in capsys.readouterr().out


@pytest.mark.django_db
def test_corridor_import_refuses_an_unknown_user(write_file) -> None:
    with pytest.raises(SystemExit, match="no active user 'nobody'"):
        main(["import", str(write_file(GOOD)), "--user", "nobody"])


@pytest.mark.django_db
def test_corridor_export_writes_hxl_that_libhxl_reads(vienna_analyst, tmp_path, capsys) -> None:
    path = tmp_path / "flows.csv"

    code = main(["export", "observations", "--format", "hxl", "-o", str(path), "--user", "vienna.analyst"])

    rows = list(hxl.data(str(path), hxl.InputOptions(allow_local=True)))
    assert code == 0
    assert capsys.readouterr().out == f"Exported {len(rows)} observations to {path} (hxl).\n"


@pytest.mark.django_db
def test_corridor_export_refuses_a_filter_of_another_kind(tmp_path, capsys) -> None:
    code = main(
        ["export", "places", "--format", "csv", "-o", str(tmp_path / "p.csv"), "--metric", "arrivals"]
    )

    assert code == 2
    assert capsys.readouterr().err == "corridor export: filter(s) metric do not apply to places\n"


@pytest.mark.django_db
def test_corridor_realdata_load_imports_the_three_datasets(capsys) -> None:
    code = main(["realdata", "load"])

    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert [line.split(";")[1].strip() for line in out[:3]] == [
        "wrote: 1594 created, 0 revised, 0 updated, 0 unchanged, 215 skipped (csv, UTF-8 (detected))",
        "wrote: 223 created, 0 revised, 0 updated, 0 unchanged, 29 skipped (csv, UTF-8 (detected))",
        "wrote: 5 created, 0 revised, 0 updated, 0 unchanged, 0 skipped (csv, UTF-8 (detected))",
    ]
    assert out[3:] == ["Route western-balkans-2015-16: unchanged."]  # the test database loads it already


def test_the_progress_bar_draws_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = io.StringIO()
    monkeypatch.setattr(terminal, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys, "stderr", terminal)

    bar = ProgressBar("importing")
    bar(0.5, "checked 5,000 rows")
    bar(1.0, "done")

    assert "importing [###############...............]  50% checked 5,000 rows" in terminal.getvalue()
    assert terminal.getvalue().endswith("\n")


@pytest.mark.django_db
def test_a_long_import_runs_as_a_job_and_keeps_its_report(
    cpc_editor, django_capture_on_commit_callbacks, tmp_path, settings
) -> None:
    settings.EXCHANGE_UPLOAD_DIR = tmp_path / "uploads"
    staged = stage_upload(stream=io.BytesIO(GOOD.encode()), file_name="Daily.CSV")

    with django_capture_on_commit_callbacks(execute=True):
        job = submit_job(
            kind=IMPORT_JOB,
            params=import_job_params(path=staged, file_name="Daily.CSV", kind="observations"),
            submitted_by=cpc_editor,
        )

    job.refresh_from_db()
    assert (job.status, job.result["created"], job.result["errors"]) == ("succeeded", 1, [])
    assert ImportRun.objects.get(uid=job.result["run"]).job == job
    assert (staged.suffix, staged.exists()) == (".csv", False)
