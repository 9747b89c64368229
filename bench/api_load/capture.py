"""What SQL an endpoint runs: one request in-process against the bench database, every query captured.

A list endpoint runs a handful of queries: the token lookup, the caller's memberships, the main query
(filter, order, LIMIT 51 of the page) and one query per prefetched relation. The benchmark compares the
endpoint with its main query, the one that grows with the data; the others are listed beside it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Captured:
    status: int
    queries: list[str]
    main: str


def capture(path: str, *, token: str, main_table: str) -> Captured:
    """Call `path` once through Django's test client and return its queries and the main one."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    client = Client(SERVER_NAME="127.0.0.1")
    client.get(path, headers=headers)  # first call: lets the token's last_used_at update happen now
    with CaptureQueriesContext(connection) as context:
        response = client.get(path, headers=headers)
    queries = [query["sql"] for query in context.captured_queries]
    marker = f'FROM "{main_table}"'
    mains = [sql for sql in queries if marker in sql and sql.lstrip().upper().startswith("SELECT")]
    if response.status_code != 200 or len(mains) != 1:
        raise RuntimeError(
            f"{path}: status {response.status_code}, {len(mains)} queries FROM {main_table} (expected one):\n"
            + "\n".join(queries)
        )
    return Captured(status=response.status_code, queries=queries, main=mains[0])


def explain(sql: str) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of `sql` on the bench database, as text."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def bench_token(username: str) -> str:
    """A fresh personal token for `username`, named so that run.py can revoke it afterwards."""
    from corridor.accounts.models import User
    from corridor.accounts.services import create_token

    return create_token(user=User.objects.get(username=username), name="bench/api_load").secret


def revoke_bench_tokens() -> int:
    from django.utils import timezone

    from corridor.accounts.models import ApiToken

    return ApiToken.objects.filter(name="bench/api_load", revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
