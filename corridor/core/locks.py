"""Serialising writers of one logical key that may not exist yet.

`select_for_update` locks rows that exist; two requests recording the same new count both find none and
both insert, and the second fails on the unique index. A transaction-level advisory lock on the key makes
the second wait until the first commits, then find its row. SQLite needs none: its transactions begin
`IMMEDIATE` (config/env.py), so writers are serialised already.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import connection


def lock_key(namespace: str, *parts: Any) -> None:
    """Hold an exclusive lock on (`namespace`, `parts`) until the current transaction ends."""
    if connection.vendor != "postgresql":
        return
    digest = hashlib.blake2b(repr((namespace, *parts)).encode(), digest_size=8).digest()
    key = int.from_bytes(digest, "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
