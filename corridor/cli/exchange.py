"""`corridor import`, `corridor export` and `corridor realdata load`: thin shells over the exchange services.

Without `--user`, an import acts as the platform itself (as `corridor casestudy load` does) and an export
reads as an anonymous visitor (public records only).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

_SHOWN_ERRORS = 20


def register(commands: argparse._SubParsersAction) -> None:
    from corridor.exchange.choices import ExportFormat, ImportKind

    importing = commands.add_parser("import", help="import observations, events, activities or places")
    importing.add_argument("file", type=Path, help="a CSV (any encoding) or XLSX file, HXL or plain")
    importing.add_argument(
        "--kind", choices=ImportKind.values, help="default: the mapping's, else observations"
    )
    importing.add_argument("--mapping", help="a mapping file (.yaml/.json) or the name of a saved mapping")
    importing.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
    importing.add_argument(
        "--valid-rows-only", action="store_true", help="write the valid rows (each whole), report the others"
    )
    importing.add_argument("--user", help="the user to act as (default: the platform itself)")
    importing.add_argument(
        "--report", type=Path, help="write every error to this CSV (row, column, value, reason)"
    )
    importing.set_defaults(handler=_import)

    exporting = commands.add_parser("export", help="export what a user may read, as HXL, CSV, XLSX or JSON")
    exporting.add_argument("kind", choices=ImportKind.values)
    exporting.add_argument("--format", required=True, choices=ExportFormat.values)
    exporting.add_argument("-o", "--output", required=True, type=Path)
    exporting.add_argument("--user", help="read as this user (default: an anonymous visitor)")
    exporting.add_argument("--start", type=date.fromisoformat, help="periods ending on or after (YYYY-MM-DD)")
    exporting.add_argument(
        "--end", type=date.fromisoformat, help="periods starting on or before (YYYY-MM-DD)"
    )
    exporting.add_argument("--place", action="append", default=[], help="place slug (repeatable)")
    exporting.add_argument("--metric", help="observations: one metric")
    exporting.add_argument("--source", help="observations: the source organisation's slug")
    exporting.add_argument(
        "--include-revised", action="store_true", help="observations: the replaced figures too"
    )
    exporting.add_argument("--event-kind", help="events: one kind")
    exporting.add_argument("--category", help="activities: one category")
    exporting.add_argument("--lead", help="activities: the lead organisation's slug")
    exporting.set_defaults(handler=_export)

    realdata = commands.add_parser("realdata", help="the real 2015–16 datasets shipped with the case study")
    actions = realdata.add_subparsers(dest="action", required=True)
    load = actions.add_parser("load", help="import them (idempotent); run after `corridor casestudy load`")
    load.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
    load.set_defaults(handler=_load_real_data)

    route = commands.add_parser("route", help="routes as files: import a route's folder, export a route")
    route_actions = route.add_subparsers(dest="action", required=True)
    route_import = route_actions.add_parser("import", help="create or update the route a folder describes")
    route_import.add_argument(
        "folder", type=Path, help="route.csv, nodes.csv, links.csv, series.csv, closures.csv"
    )
    route_import.add_argument("--user", help="import as this user (default: the platform, as an operator)")
    route_import.set_defaults(handler=_import_route)
    route_export = route_actions.add_parser("export", help="write a route as the files `route import` reads")
    route_export.add_argument("slug")
    route_export.add_argument("folder", type=Path)
    route_export.add_argument("--user", help="export as this user (default: the platform)")
    route_export.set_defaults(handler=_export_route)


class ProgressBar:
    """A one-line bar on stderr, redrawn at most five times a second; silent when stderr is no terminal."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty()
        self._last = 0.0

    def __call__(self, fraction: float, message: str = "") -> None:
        now = time.monotonic()
        if not self.enabled or (now - self._last < 0.2 and fraction < 1.0):
            return
        self._last = now
        filled = int(30 * fraction)
        sys.stderr.write(
            f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {fraction:4.0%} {message[:40]:40}"
        )
        if fraction >= 1.0:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _user(username: str | None) -> Any:
    from corridor.accounts.models import User

    if username is None:
        return None
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise SystemExit(f"corridor: no active user {username!r}")
    return user


def _import(args: argparse.Namespace) -> int:
    from corridor.exchange.choices import ImportKind, ImportMode
    from corridor.exchange.mapping import MappingInvalid, load_mapping_file
    from corridor.exchange.services import PLATFORM, import_file

    if not args.file.is_file():
        print(f"corridor import: {args.file} is not a file", file=sys.stderr)
        return 2
    mapping: Any = args.mapping
    kind = args.kind
    if args.mapping and Path(args.mapping).suffix.lower() in (".yaml", ".yml", ".json"):
        try:
            mapping = load_mapping_file(Path(args.mapping), kind=args.kind)
        except MappingInvalid as invalid:
            print(f"corridor import: mapping {invalid}", file=sys.stderr)
            return 2
        kind = kind or mapping.kind
    user = _user(args.user)
    report_file = args.report.open("w", encoding="utf-8", newline="") if args.report else None
    try:
        report = import_file(
            actor=user or PLATFORM,
            source=args.file,
            kind=kind or ImportKind.OBSERVATIONS,
            mapping=mapping,
            mode=ImportMode.VALID_ROWS_ONLY if args.valid_rows_only else ImportMode.ALL_OR_NOTHING,
            dry_run=args.dry_run,
            progress=ProgressBar(f"importing {args.file.name}"),
            error_report=report_file,
        )
    finally:
        if report_file is not None:
            report_file.close()
    _print_report(report)
    return 0 if report.ok else 1


def _print_report(report: Any) -> None:
    read_as = f" ({report.file_format}, {report.encoding})" if report.encoding else ""
    print(report.summary() + read_as)
    for error in report.errors[:_SHOWN_ERRORS]:
        print(f"  {error}", file=sys.stderr)
    if report.error_count > _SHOWN_ERRORS:
        print(
            f"  … and {report.error_count - _SHOWN_ERRORS} more (--report FILE writes them all)",
            file=sys.stderr,
        )


def _export(args: argparse.Namespace) -> int:
    from corridor.exchange.services import ExportFilters, export_records

    filters = ExportFilters(
        start=args.start,
        end=args.end,
        places=tuple(args.place),
        metric=args.metric,
        source_organisation=args.source,
        include_revised=args.include_revised,
        event_kind=args.event_kind,
        category=args.category,
        lead=args.lead,
    )
    try:
        filters.check(args.kind)
    except ValueError as error:
        print(f"corridor export: {error}", file=sys.stderr)
        return 2
    user = _user(args.user)
    with args.output.open("wb") as stream:
        count = export_records(
            user=user,
            kind=args.kind,
            format=args.format,
            stream=stream,
            filters=filters,
            progress=ProgressBar(f"exporting {args.kind}"),
        )
    print(f"Exported {count} {args.kind} to {args.output} ({args.format}).")
    return 0


def _load_real_data(args: argparse.Namespace) -> int:
    from corridor.exchange.real_data import load_real_data, load_shipped_routes
    from corridor.exchange.route_files import RouteFilesRefused

    reports = load_real_data(dry_run=args.dry_run, progress=ProgressBar("real data"))
    for report in reports:
        _print_report(report)
    if not all(report.ok for report in reports):
        return 1
    if args.dry_run:
        return 0
    try:
        for folder, outcome in load_shipped_routes():
            print(f"Route {folder.name}: {outcome}.")
    except RouteFilesRefused as refused:
        print(f"corridor realdata load: a shipped route was refused:\n{refused}", file=sys.stderr)
        return 1
    return 0


def _import_route(args: argparse.Namespace) -> int:
    from corridor.core.exceptions import PermissionDenied
    from corridor.exchange.acting import PLATFORM
    from corridor.exchange.route_files import RouteFilesRefused, import_route_folder

    if not args.folder.is_dir():
        print(f"corridor route import: {args.folder} is not a folder", file=sys.stderr)
        return 2
    try:
        outcome = import_route_folder(args.folder, actor=_user(args.user) or PLATFORM)
    except RouteFilesRefused as refused:
        print(
            f"corridor route import: nothing was written; {len(refused.errors)} problem(s):", file=sys.stderr
        )
        for error in refused.errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    except PermissionDenied as denied:
        print(f"corridor route import: {denied}", file=sys.stderr)
        return 1
    print(f"Route {outcome.route.slug}: {outcome.outcome}.")
    return 0


def _export_route(args: argparse.Namespace) -> int:
    from corridor.core.exceptions import NotFound
    from corridor.exchange.acting import PLATFORM
    from corridor.exchange.route_files import export_route_folder
    from corridor.geo.models import Route

    user = _user(args.user)
    route = Route.objects.filter(slug=args.slug).select_related("owner").first()
    try:
        if route is None:
            raise NotFound("no such route")
        written = export_route_folder(route, args.folder, actor=user or PLATFORM)
    except NotFound:
        print(f"corridor route export: no route {args.slug!r}", file=sys.stderr)
        return 2
    print(f"Wrote {len(written)} files of route {route.slug} to {args.folder}.")
    return 0
