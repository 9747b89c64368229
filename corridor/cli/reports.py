"""`corridor report regional|mission|spot|update …`: generate a report and write it to a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

READER_HELP = (
    "username of the reader the report is built for; it holds only what this user may read. "
    "Default: the anonymous public reader (public records only) — pass a cleared analyst, e.g. "
    "--user vienna.analyst, for internal or restricted records"
)


def register(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report",
        help="generate a report (regional, mission, spot, update) as HTML, PDF or Word",
        description="Generate a report from the records. Without --user it is built for the anonymous "
        "public reader and holds public records only.",
    )
    kinds = report.add_subparsers(dest="kind", required=True)
    regional = kinds.add_parser("regional", help="regional situation report across all field operations")
    _period(regional)
    mission = kinds.add_parser("mission", help="a mission's background report for a period")
    mission.add_argument(
        "--operation", required=True, help="field operation slug, e.g. osce-mission-to-serbia"
    )
    _period(mission)
    update = kinds.add_parser("update", help="a mission's activity update with a timeline of events")
    update.add_argument(
        "--operation", required=True, help="field operation slug, e.g. osce-mission-to-skopje"
    )
    _period(update)
    spot = kinds.add_parser("spot", help="spot report on one event")
    spot.add_argument("--event", required=True, help="event slug")
    spot.add_argument("--window", type=int, default=14, help="days of context before and after (default 14)")
    for parser in (regional, mission, update, spot):
        _common(parser)


def _period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", help=READER_HELP)
    parser.add_argument(
        "--format",
        choices=["html", "pdf", "docx"],
        help="output format (default: from the file's extension, else pdf)",
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help="file to write")
    parser.add_argument(
        "--classification",
        choices=["public", "internal", "restricted"],
        help="marking to print; never lower than the highest classification of the content",
    )
    parser.add_argument(
        "--distribution",
        action="append",
        help="an addressee (repeat for several; default: OSCE Permanent Council)",
    )
    parser.set_defaults(handler=_generate)


def _generate(args: argparse.Namespace) -> int:
    from corridor.accounts.models import User
    from corridor.core.exceptions import ValidationFailed
    from corridor.reports.requests import DEFAULT_DISTRIBUTION, ReportRequest, parse_day
    from corridor.reports.services import generate_report

    reader = None
    if args.user:
        reader = User.objects.filter(username=args.user, is_active=True).first()
        if reader is None:
            print(f"no active user {args.user!r}", file=sys.stderr)
            return 1
    output_format = args.format or (args.output.suffix.lstrip(".").lower() or "pdf")
    if output_format not in ("html", "pdf", "docx"):
        print(f"{args.output}: say --format html, pdf or docx", file=sys.stderr)
        return 2
    try:
        request = ReportRequest(
            kind=args.kind,
            start=parse_day(args.start, "start") if getattr(args, "start", None) else None,
            end=parse_day(args.end, "end") if getattr(args, "end", None) else None,
            operation=getattr(args, "operation", "") or "",
            event=getattr(args, "event", "") or "",
            window_days=getattr(args, "window", 14),
            classification=args.classification or "",
            distribution=tuple(args.distribution) if args.distribution else DEFAULT_DISTRIBUTION,
        )
        run = generate_report(request=request, reader=reader, formats=[output_format])
    except ValidationFailed as error:
        options = {"start": "from", "end": "to", "window_days": "window"}
        for field, messages in error.errors.items():
            for message in messages:
                print(f"--{options.get(field, field)}: {message}", file=sys.stderr)
        return 2
    output = run.outputs.get(format=output_format)
    args.output.write_bytes(bytes(output.content))
    print(
        f"Wrote {args.output} ({output.size:,} bytes): {run.reference} version {run.version}, "
        f"{run.classification.upper()}, for {run.parameters['reader']}; data sha256 {run.data_hash[:16]}…"
    )
    return 0
