"""The one writer of the search index: a full rebuild, for recovery. Everyday upkeep is the triggers'."""

from __future__ import annotations

from django.db import connection, transaction

from corridor.search.models import SearchEntry
from corridor.search.triggers import rebuild_sql


@transaction.atomic
def rebuild_index() -> int:
    """Drop the index machinery and build it again from every indexed table; return the number of entries."""
    with connection.cursor() as cursor:
        for statement in rebuild_sql(connection.vendor):
            cursor.execute(statement)
    return SearchEntry.objects.count()
