"""`corridor search …`, `corridor basis …`, `corridor tracker seed` and `corridor search-index rebuild`."""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from typing import Any

_MARK = re.compile(r"</?mark>")


def register(commands: argparse._SubParsersAction) -> None:
    search = commands.add_parser("search", help="full-text search of the knowledge base and the records")
    search.add_argument("query", help='words, "a phrase", a OR b, -excluded, prefix*')
    search.add_argument("--kind", action="append", help="only this kind (repeatable)")
    search.add_argument("--theme", help="commitment theme (commitments, and activities linked to them)")
    search.add_argument("--dimension", help="dimension (commitments, clauses, and activities linked to them)")
    search.add_argument("--operation", help="field operation slug")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--user", help="search as this user (default: the anonymous public)")
    search.add_argument("--json", action="store_true", help="print the hits as JSON")
    search.set_defaults(handler=_search)

    basis = commands.add_parser("basis", help="suggested mandate clauses and commitments for an activity")
    basis.add_argument("activity", help="activity slug")
    basis.add_argument("--user", help="as this user (default: the anonymous public)")
    basis.add_argument("--limit", type=int, default=8)
    basis.add_argument("--json", action="store_true")
    basis.set_defaults(handler=_basis)

    tracker = commands.add_parser("tracker", help="the recommendations tracker")
    tracker_actions = tracker.add_subparsers(dest="action", required=True)
    seed = tracker_actions.add_parser("seed", help="load the responses the study itself states; idempotent")
    seed.set_defaults(handler=_seed)

    index = commands.add_parser("search-index", help="the full-text index kept by the database")
    index_actions = index.add_subparsers(dest="action", required=True)
    rebuild = index_actions.add_parser("rebuild", help="drop and rebuild the index from every indexed table")
    rebuild.set_defaults(handler=_rebuild)


def _reader(username: str | None) -> Any:
    if username is None:
        return None
    from corridor.accounts.models import User

    user = User.objects.filter(username=username).first()
    if user is None:
        print(f"no user {username!r}", file=sys.stderr)
    return user or False


def _terminal(passage: str) -> str:
    """A marked HTML passage for a terminal: matches in [brackets], entities unescaped."""
    return html.unescape(_MARK.sub(lambda match: "]" if match.group().startswith("</") else "[", passage))


def _search(args: argparse.Namespace) -> int:
    from corridor.actors.selectors import field_operations_visible_to
    from corridor.search.kinds import KIND_NAMES
    from corridor.search.selectors import SearchFilters, search

    user = _reader(args.user)
    if user is False:
        return 1
    unknown = [kind for kind in args.kind or [] if kind not in KIND_NAMES]
    if unknown:
        print(f"unknown kind {unknown[0]!r}: one of {', '.join(KIND_NAMES)}", file=sys.stderr)
        return 2
    operation = None
    if args.operation:
        operation = field_operations_visible_to(user).filter(slug=args.operation).first()
        if operation is None:
            print(f"unknown field operation {args.operation!r}", file=sys.stderr)
            return 2
    filters = SearchFilters(
        kinds=tuple(args.kind or KIND_NAMES), theme=args.theme, dimension=args.dimension, operation=operation
    )
    hits = search(user, args.query, filters=filters, limit=args.limit)
    if args.json:
        rows = [{**hit.__dict__, "date": hit.date.isoformat() if hit.date else None} for hit in hits]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print(f"Nothing found for {args.query!r}.")
        return 0
    for number, hit in enumerate(hits, 1):
        when = f" ({hit.date.isoformat()})" if hit.date else ""
        print(f"{number:>3}. [{hit.kind}] {hit.key}{when}  score {hit.score:.3f}")
        print(f"     {hit.title}")
        print(f"     {_terminal(hit.snippet)}")
    return 0


def _basis(args: argparse.Namespace) -> int:
    from corridor.basis.selectors import basis_of
    from corridor.core.exceptions import NotFound
    from corridor.operations.selectors import get_activity_for_user

    user = _reader(args.user)
    if user is False:
        return 1
    try:
        activity = get_activity_for_user(user, slug=args.activity)
    except NotFound:
        print(f"no activity {args.activity!r}", file=sys.stderr)
        return 1
    basis = basis_of(user, activity, limit=args.limit)
    groups = {"clauses": basis.suggestions.clauses, "commitments": basis.suggestions.commitments}
    if args.json:
        print(json.dumps({name: [_row(item) for item in items] for name, items in groups.items()}, indent=2))
        return 0
    print(f"{activity.title} ({activity.lead})")
    linked = [f"{c.mandate.operation.slug}:{c.ref}" for c in basis.clauses] + [
        c.slug for c in basis.commitments
    ]
    print(f"Linked: {', '.join(linked) or 'nothing yet'}")
    for name, items in groups.items():
        print(f"\nSuggested {name}:")
        for number, item in enumerate(items, 1):
            print(f"{number:>3}. {item.key}  score {item.score:.2f}")
            print(f"     {_terminal(item.passage)}")
        if not items:
            print("     none")
    return 0


def _row(item: Any) -> dict[str, Any]:
    return {"key": item.key, "score": item.score, "passage": item.passage, "matched": list(item.matched)}


def _seed(args: argparse.Namespace) -> int:
    from corridor.basis.seeding import SeedInvalid, seed_study_responses

    try:
        report = seed_study_responses()
    except SeedInvalid as error:
        print(error, file=sys.stderr)
        return 1
    print(
        f"Study responses: {report.created} created, {report.updated} updated, {report.unchanged} unchanged."
    )
    return 0


def _rebuild(args: argparse.Namespace) -> int:
    from corridor.search.services import rebuild_index

    count = rebuild_index()
    print(f"Search index rebuilt: {count} entries.")
    return 0
