"""`corridor token …` (personal API tokens) and `corridor api schema` (the OpenAPI document)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(commands: argparse._SubParsersAction) -> None:
    token = commands.add_parser("token", help="personal API tokens")
    actions = token.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="create a token and print it once")
    create.add_argument("--user", required=True, help="username")
    create.add_argument("--name", default="command line", help="what the token is for")
    create.set_defaults(handler=_create)
    listing = actions.add_parser("list", help="a user's tokens (never their secrets)")
    listing.add_argument("--user", required=True)
    listing.set_defaults(handler=_list)
    revoke = actions.add_parser("revoke", help="revoke a token by its id")
    revoke.add_argument("--user", required=True)
    revoke.add_argument("id", type=int)
    revoke.set_defaults(handler=_revoke)

    api = commands.add_parser("api", help="the REST API")
    api_actions = api.add_subparsers(dest="action", required=True)
    schema = api_actions.add_parser("schema", help="write the OpenAPI document")
    schema.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    schema.set_defaults(handler=_schema)


def _user(username: str):  # type: ignore[no-untyped-def]
    from corridor.accounts.models import User

    user = User.objects.filter(username=username).first()
    if user is None:
        print(f"no user {username!r}", file=sys.stderr)
    return user


def _create(args: argparse.Namespace) -> int:
    from corridor.accounts.services import create_token

    user = _user(args.user)
    if user is None:
        return 1
    new = create_token(user=user, name=args.name)
    print(f"Token {new.token.pk} for {user.username} ({new.token.name}). Shown once; keep it secret:")
    print(new.secret)
    return 0


def _list(args: argparse.Namespace) -> int:
    from corridor.accounts.services import tokens_of

    user = _user(args.user)
    if user is None:
        return 1
    for token in tokens_of(user):
        state = "revoked" if token.revoked_at else "active"
        used = token.last_used_at.isoformat(timespec="minutes") if token.last_used_at else "never used"
        print(f"{token.pk:>5}  {token.prefix}…  {state:8} {used:18} {token.name}")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    from corridor.accounts.services import revoke_token
    from corridor.core.exceptions import NotFound

    user = _user(args.user)
    if user is None:
        return 1
    try:
        revoke_token(user=user, token_id=args.id)
    except NotFound:
        print(f"{args.user} has no token {args.id}", file=sys.stderr)
        return 1
    print(f"Token {args.id} revoked.")
    return 0


def openapi_document() -> str:
    from corridor.api.v1 import api

    return (
        json.dumps(api.get_openapi_schema(path_prefix="/api/v1"), indent=2, sort_keys=True, default=str)
        + "\n"
    )


def _schema(args: argparse.Namespace) -> int:
    document = openapi_document()
    if args.output:
        args.output.write_text(document, encoding="utf-8")
        print(f"Wrote {args.output}")
    else:
        sys.stdout.write(document)
    return 0
