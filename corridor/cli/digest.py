"""`corridor digest send`: email each member the action points of their organisations that are overdue
or due within a week. The job worker runs it each morning (a django-q2 schedule it keeps)."""

from __future__ import annotations

import argparse
from datetime import date


def register(commands: argparse._SubParsersAction) -> None:
    digest = commands.add_parser("digest", help="email members their overdue and due-soon action points")
    actions = digest.add_subparsers(dest="action", required=True)
    send = actions.add_parser("send", help="send today's digests (to members with an email address)")
    send.add_argument(
        "--date", type=date.fromisoformat, help="the day to send for, YYYY-MM-DD (default today)"
    )
    send.set_defaults(handler=_send)


def _send(args: argparse.Namespace) -> int:
    from corridor.operations.digest import send_digests

    sent = send_digests(today=args.date)
    print(f"{sent} digest{'s' if sent != 1 else ''} sent")
    return 0
