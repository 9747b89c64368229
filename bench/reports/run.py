"""Time the regional report: build (+ canonical JSON and hash), then PDF, then Word, in one process.

    DATABASE_URL=sqlite:////work/main/var/bench-reports.sqlite3 .venv/bin/python bench/reports/run.py \
        --from 2015-10-01 --to 2016-03-31 --label "case study" [--repeat 5] [--reader bench.analyst]

Wall and CPU time (`time.process_time`) are both reported: the machine is shared, and on a busy one the
wall time of this work grows with the load while its CPU time does not. The figures are drawn in a worker
process (corridor.reports.charts.drawing) while the PDF or Word file is put together; its CPU time, read
from /proc, is reported apart ("worker CPU"). The first round
in a fresh process pays the imports (WeasyPrint, matplotlib, python-docx); it is reported
apart ("first"), and the median and best of the following rounds are the steady figures. Then the CLI
end to end in a new process (`corridor report regional … --format pdf`), which is what a user waits for.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from corridor.accounts.models import Membership, User  # noqa: E402
from corridor.actors.models import Organisation  # noqa: E402
from corridor.reports.builders import build  # noqa: E402
from corridor.reports.canonical import canonical_json, data_hash  # noqa: E402
from corridor.reports.layout.document import Meta  # noqa: E402
from corridor.reports.layout.kinds import layout  # noqa: E402
from corridor.reports.models import ReportRun  # noqa: E402
from corridor.reports.requests import ReportRequest  # noqa: E402


def analyst(username: str) -> User:
    """A Secretariat analyst cleared to restricted: the reader who sees everything."""
    user, _ = User.objects.get_or_create(username=username)
    cpc = Organisation.objects.get(slug="osce-secretariat-cpc")
    Membership.objects.get_or_create(
        user=user, organisation=cpc, defaults={"role": "analyst", "clearance": "restricted"}
    )
    return user


def worker_cpu() -> float:
    """CPU seconds the figures' worker process has used so far (0 when there is none)."""
    from corridor.reports.charts import drawing

    worker = drawing._worker
    if worker is None:
        return 0.0
    fields = Path(f"/proc/{worker.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def round_once(request: ReportRequest, reader: User | None) -> dict[str, float]:
    from corridor.reports.render.docx import render_docx
    from corridor.reports.render.pdf import render_pdf

    timings: dict[str, float] = {}
    started, cpu = time.perf_counter(), time.process_time()
    data = build(request, reader)
    digest = data_hash(data)
    size = len(canonical_json(data))
    timings["build"], timings["build_cpu"] = time.perf_counter() - started, time.process_time() - cpu
    meta = Meta(
        reference="CRD-REG-BENCH-0001",
        version=1,
        issued=date.today(),
        classification=data.classification,
        distribution=("bench",),
        prepared_for="bench",
        data_hash=digest,
    )
    document = layout(data)
    started, cpu, worker = time.perf_counter(), time.process_time(), worker_cpu()
    pdf = render_pdf(document, meta)
    timings["pdf"], timings["pdf_cpu"] = time.perf_counter() - started, time.process_time() - cpu
    timings["pdf_worker"] = worker_cpu() - worker
    started, cpu, worker = time.perf_counter(), time.process_time(), worker_cpu()
    word = render_docx(document, meta)
    timings["docx"], timings["docx_cpu"] = time.perf_counter() - started, time.process_time() - cpu
    timings["docx_worker"] = worker_cpu() - worker
    timings["pdf_bytes"], timings["docx_bytes"], timings["data_bytes"] = len(pdf), len(word), size
    timings["refs"] = len(data.refs)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--from", dest="start", default="2015-10-01")
    parser.add_argument("--to", dest="end", default="2016-03-31")
    parser.add_argument("--label", default="")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reader", default="bench.analyst")
    args = parser.parse_args()
    reader = analyst(args.reader)
    request = ReportRequest(
        kind="regional", start=date.fromisoformat(args.start), end=date.fromisoformat(args.end)
    )
    rounds = [round_once(request, reader) for _ in range(args.repeat + 1)]
    first, steady = rounds[0], rounds[1:]

    def median(key: str) -> float:
        return statistics.median(r[key] for r in steady)

    def best(key: str) -> float:
        return min(r[key] for r in steady)

    ReportRun.objects.filter(parameters__reader=args.reader).delete()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        subprocess.run(
            [
                str(REPO / ".venv/bin/corridor"),
                "report",
                "regional",
                "--from",
                args.start,
                "--to",
                args.end,
                "--user",
                args.reader,
                "--format",
                "pdf",
                "-o",
                f"{folder}/r.pdf",
            ],
            check=True,
            capture_output=True,
            env={**os.environ},
        )
        cli = time.perf_counter() - started
    ReportRun.objects.filter(parameters__reader=args.reader).delete()
    print(
        f"{args.label}: {args.start} – {args.end}, reader {args.reader}, {first['refs']:.0f} records cited, "
        f"data {first['data_bytes'] / 1024:.0f} KiB, PDF {first['pdf_bytes'] / 1024:.0f} KiB, "
        f"Word {first['docx_bytes'] / 1024:.0f} KiB"
    )
    print(
        "| step | first round, wall (s) | median of next, wall (s) | best, wall (s) | median, CPU (s) "
        "| median, worker CPU (s) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for key in ("build", "pdf", "docx"):
        worker = f"{median(key + '_worker'):.2f}" if key != "build" else ""
        print(
            f"| {key} | {first[key]:.2f} | {median(key):.2f} | {best(key):.2f} | {median(key + '_cpu'):.2f} "
            f"| {worker} |"
        )
    for label, step in (("build + PDF", "pdf"), ("build + Word", "docx")):
        print(
            f"| {label} | {first['build'] + first[step]:.2f} | {median('build') + median(step):.2f} | "
            f"{best('build') + best(step):.2f} | {median('build_cpu') + median(step + '_cpu'):.2f} "
            f"| {median(step + '_worker'):.2f} |"
        )
    print(f"| CLI, new process, build + PDF + store | {cli:.2f} | | | | |")


if __name__ == "__main__":
    main()
