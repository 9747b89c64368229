"""`corridor casestudy …` and `corridor demo …`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def register(commands: argparse._SubParsersAction) -> None:
    casestudy = commands.add_parser("casestudy", help="the 2015–16 Western Balkans case study")
    actions = casestudy.add_subparsers(dest="action", required=True)
    load = actions.add_parser("load", help="load (or update) the case study; idempotent")
    load.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
    load.add_argument("--data", type=Path, help="the data folder (default: the shipped case study)")
    load.add_argument("-v", "--verbose", action="store_true", help="counts per model")
    load.set_defaults(handler=_load)

    demo = commands.add_parser("demo", help="demo set-up")
    demo_actions = demo.add_subparsers(dest="action", required=True)
    personas = demo_actions.add_parser("personas", help="create the demo users and print their sign-ins")
    personas.add_argument(
        "--throwaway-database",
        action="store_true",
        help="also on a database that is not a local SQLite file, when it is a throw-away one (a review "
        "app, a staging copy to be discarded); never with production settings",
    )
    personas.add_argument(
        "--site",
        default="http://127.0.0.1:8000/",
        help="where the site is served, to print its sign-in page (default: http://127.0.0.1:8000/)",
    )
    personas.set_defaults(handler=_personas)


def _load(args: argparse.Namespace) -> int:
    from corridor.casestudy.problems import CaseStudyInvalid
    from corridor.casestudy.services import DATA_DIR, load_case_study

    try:
        report = load_case_study(data_dir=args.data or DATA_DIR, dry_run=args.dry_run)
    except CaseStudyInvalid as error:
        print(error, file=sys.stderr)
        return 1
    counts = report.counts
    verb = "would load" if report.dry_run else "loaded"
    print(
        f"Case study {verb}: {sum(counts.created.values())} created, {sum(counts.updated.values())} updated, "
        f"{sum(counts.deleted.values())} deleted, {sum(counts.unchanged.values())} unchanged."
    )
    if args.verbose:
        labels = set(counts.created) | set(counts.updated) | set(counts.unchanged) | set(counts.deleted)
        for label in sorted(labels):
            print(
                f"  {label:40} +{counts.created[label]:<5} ~{counts.updated[label]:<5} "
                f"-{counts.deleted[label]:<5} ={counts.unchanged[label]}"
            )
    return 0


def demo_personas_refusal(*, environment: str, database: Mapping[str, Any], throwaway: bool) -> str | None:
    """Why demo users with published passwords may not be created here, or None if they may.

    What matters is where the users would land, not DEBUG: the command's default settings are the local
    ones whatever DATABASE_URL names. So: never under production settings; otherwise only in a local
    SQLite file, unless the operator declares the database a throw-away one.
    """
    if environment == "production":
        return (
            "Refusing to create demo users with published passwords under production settings "
            "(DJANGO_SETTINGS_MODULE names them); nothing was changed."
        )
    engine = str(database.get("ENGINE", ""))
    name = str(database.get("NAME", ""))
    local_file = engine == "django.db.backends.sqlite3" and name not in ("", ":memory:")
    if local_file or throwaway:
        return None
    return (
        f"Refusing to create demo users with published passwords in the database {name!r} "
        f"({engine.rsplit('.', 1)[-1]}): only a local SQLite file may get them. If this database is a "
        "throw-away one, say so with --throwaway-database; nothing was changed."
    )


def _personas(args: argparse.Namespace) -> int:
    from django.conf import settings

    from corridor.casestudy.personas import create_demo_personas

    refusal = demo_personas_refusal(
        environment=settings.CORRIDOR_ENVIRONMENT,
        database=settings.DATABASES["default"],
        throwaway=args.throwaway_database,
    )
    if refusal is not None:
        print(refusal, file=sys.stderr)
        return 2
    logins = create_demo_personas()
    width = max(len(login.persona.username) for login in logins)
    print(f"Demo sign-ins — sign in at {args.site.rstrip('/')}/login/ :")
    for login in logins:
        print(
            f"  {login.persona.username:{width}}  password: {login.password:28}  {login.persona.description}"
        )
    return 0
