"""The SQL behind `bulk.ObservationBatch`, for PostgreSQL and SQLite.

Column lists come from the models, so a field added to `FlowObservation` (or its history) without a value
here fails loudly instead of being written empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

from corridor.core.models import Citation
from corridor.monitoring.models import FlowObservation

_STAGE: dict[str, str] = {
    "pos": "bigint NOT NULL",
    "line": "bigint NOT NULL",
    "place_id": "bigint NOT NULL",
    "metric": "varchar(24) NOT NULL",
    "date_start": "date NOT NULL",
    "date_end": "date NOT NULL",
    "date_precision": "varchar(16) NOT NULL",
    "value": "bigint",
    "value_status": "varchar(16) NOT NULL",
    "value_qualifier": "varchar(12) NOT NULL",
    "sex": "varchar(8) NOT NULL",
    "age_group": "varchar(16) NOT NULL",
    "nationality": "varchar(3) NOT NULL",
    "source_organisation_id": "bigint NOT NULL",
    "owner_id": "bigint NOT NULL",
    "reliability": "varchar(12) NOT NULL",
    "classification": "varchar(16) NOT NULL",
    "note": "text NOT NULL",
    "locator": "text NOT NULL",
    "classification_stated": "boolean NOT NULL",
    "may_widen": "boolean NOT NULL",
}
STAGE_COLUMNS = tuple(_STAGE)
"""The staged row: its position in the batch, then `bulk.ObservationRow`'s fields in order."""
KEY = (
    "place_id",
    "date_start",
    "date_end",
    "metric",
    "sex",
    "age_group",
    "nationality",
    "source_organisation_id",
    "owner_id",
)
_HISTORY_EXTRA = ("history_date", "history_change_reason", "history_type", "history_user_id")
_SQLITE_UUID4 = (
    "lower(hex(randomblob(4)) || hex(randomblob(2)) || '4' || substr(hex(randomblob(2)), 2) || "
    "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || hex(randomblob(6)))"
)


def _columns(model: Any) -> list[str]:
    return [field.column for field in model._meta.concrete_fields]


class StagingSql:
    def __init__(self, connection: BaseDatabaseWrapper, *, suffix: str) -> None:
        self.connection = connection
        self.postgres = connection.vendor == "postgresql"
        self.stage = f"corridor_obs_stage_{suffix}"
        self.revised = f"corridor_obs_revised_{suffix}"
        self.discarded = f"corridor_obs_discarded_{suffix}"
        self.observations = FlowObservation._meta.db_table
        self.distinct = "IS DISTINCT FROM" if self.postgres else "IS NOT"
        self.key_match = " AND ".join(f"o.{column} = s.{column}" for column in KEY)

    def _run(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return int(cursor.rowcount)

    def create(self) -> None:
        if self.postgres:
            # Sorting and hashing millions of staged rows (duplicates, joins) without spilling to disk.
            self._run("SET LOCAL work_mem = '64MB'")
        temporary = "TEMPORARY TABLE"
        drop = " ON COMMIT DROP" if self.postgres else ""
        uid = (
            "uuid NOT NULL DEFAULT gen_random_uuid()"
            if self.postgres
            else f"char(32) NOT NULL DEFAULT ({_SQLITE_UUID4})"
        )
        columns = ", ".join(f"{name} {kind}" for name, kind in _STAGE.items())
        self._run(f"CREATE {temporary} {self.stage} ({columns}, uid {uid}){drop}")
        self._run(f"CREATE {temporary} {self.revised} (pos bigint PRIMARY KEY, old_id bigint NOT NULL){drop}")
        self._run(f"CREATE {temporary} {self.discarded} (line bigint NOT NULL){drop}")

    def drop(self) -> None:
        for table in (self.stage, self.revised, self.discarded):
            self._run(f"DROP TABLE IF EXISTS {table}")

    def stage_rows(self, rows: list[tuple[Any, ...]]) -> None:
        names = ", ".join(STAGE_COLUMNS)
        if self.postgres:
            with self.connection.cursor() as cursor, cursor.cursor.copy(self._copy_sql(names)) as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join("?" for _ in STAGE_COLUMNS)
        raw = self.connection.connection.cursor()
        try:
            raw.executemany(f"INSERT INTO {self.stage} ({names}) VALUES ({marks})", map(_sqlite_row, rows))
        finally:
            raw.close()

    def _copy_sql(self, names: str) -> str:
        return f"COPY {self.stage} ({names}) FROM STDIN"

    def analyse(self) -> None:
        """Fresh planner statistics: temporary tables get none, and a large earlier import leaves the
        observations' stale until autovacuum comes by — a join planned on them can take minutes."""
        if self.postgres:
            self._run(f"ANALYZE {self.stage}")
            self._run(f"ANALYZE {self.observations}")

    def duplicate_lines(self) -> Iterator[list[int]]:
        key = ", ".join(KEY)
        lines = "string_agg(line::text, ',')" if self.postgres else "group_concat(line)"
        sql = f"SELECT {lines} FROM {self.stage} GROUP BY {key} HAVING count(*) > 1 ORDER BY min(line)"
        with self.connection.cursor() as cursor:
            cursor.execute(sql)
            while chunk := cursor.fetchmany(1000):
                for (text,) in chunk:
                    yield sorted(int(line) for line in str(text).split(","))

    def discard_lines(self, lines: Iterable[int]) -> None:
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.discarded} (line) VALUES (%s)", [(line,) for line in lines]
            )
        self._run(f"DELETE FROM {self.stage} WHERE line IN (SELECT line FROM {self.discarded})")
        self._run(f"DELETE FROM {self.discarded}")

    def publishing_lines(self) -> list[int]:
        changed = f"o.value {self.distinct} s.value OR o.value_status <> s.value_status"
        wider = (
            "(s.classification = 'public' AND o.classification <> 'public') OR "
            "(s.classification = 'internal' AND o.classification = 'restricted')"
        )
        sql = (
            f"SELECT DISTINCT s.line FROM {self.stage} s LEFT JOIN {self.observations} o "
            f"ON o.is_current AND {self.key_match} "
            "WHERE NOT s.may_widen AND s.classification_stated AND ("
            "(o.id IS NULL AND s.classification = 'public') "
            f"OR (o.id IS NOT NULL AND ({changed}) AND ({wider}))) ORDER BY s.line"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql)
            return [int(line) for (line,) in cursor.fetchall()]

    def plan(self) -> tuple[int, int, int]:
        """(rows staged, rows with a current observation, rows whose value or status differs)."""
        changed = f"o.value {self.distinct} s.value OR o.value_status <> s.value_status"
        sql = (
            f"SELECT count(*), count(o.id), coalesce(sum(CASE WHEN o.id IS NOT NULL AND ({changed}) "
            f"THEN 1 ELSE 0 END), 0) FROM {self.stage} s LEFT JOIN {self.observations} o "
            f"ON o.is_current AND {self.key_match}"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql)
            total, matched, differing = cursor.fetchone()
        return int(total), int(matched), int(differing)

    def retire_replaced(self, *, now: datetime, user_id: int | None) -> int:
        """Mark the current rows that staged rows revise as no longer current; return how many."""
        changed = f"o.value {self.distinct} s.value OR o.value_status <> s.value_status"
        self._run(
            f"INSERT INTO {self.revised} (pos, old_id) SELECT s.pos, o.id FROM {self.stage} s "
            f"JOIN {self.observations} o ON o.is_current AND {self.key_match} WHERE {changed}"
        )
        stamp = self.connection.ops.adapt_datetimefield_value(now)
        retired = self._run(
            f"UPDATE {self.observations} SET is_current = %s, updated_at = %s "
            f"WHERE id IN (SELECT old_id FROM {self.revised})",
            [False, stamp],
        )
        self._history(
            FlowObservation,
            f"SELECT * FROM {self.observations} WHERE id IN (SELECT old_id FROM {self.revised})",
            now=now,
            reason="revised",
            kind="~",
            user_id=user_id,
        )
        return retired

    def insert_current(
        self, *, now: datetime, user_id: int | None, reason: str, any_current: bool = True
    ) -> int:
        """Insert a current row for every staged row without an unchanged current one.

        When no staged key has a current row at all (`any_current` False: a first import), the check for
        one is skipped — it would probe the key index once per row for nothing."""
        stamp = self.connection.ops.adapt_datetimefield_value(now)
        narrowest = (
            "CASE WHEN 'restricted' IN (s.classification, old.classification) THEN 'restricted' "
            "WHEN 'internal' IN (s.classification, old.classification) THEN 'internal' ELSE 'public' END"
        )
        values = {
            "classification": (
                "CASE WHEN old.id IS NULL THEN s.classification "
                "WHEN NOT s.classification_stated THEN old.classification "
                f"WHEN s.may_widen THEN s.classification ELSE {narrowest} END"
            ),
            "uid": "s.uid",
            "created_at": "%(now)s",
            "updated_at": "%(now)s",
            "version": "1",
            "slug": "NULL",
            "revision_of_id": "r.old_id",
            "is_current": "%(current)s",
        }
        columns = [column for column in _columns(FlowObservation) if column != "id"]
        expressions = [values.get(column, f"s.{column}") for column in columns]
        unknown = [c for c in columns if c not in values and c not in STAGE_COLUMNS]
        if unknown:
            raise RuntimeError(f"the bulk writer has no value for flow observation column(s) {unknown}")
        unchanged = f"SELECT 1 FROM {self.observations} o WHERE o.is_current AND {self.key_match}"
        select = (
            f"SELECT {', '.join(expressions)} FROM {self.stage} s "
            f"LEFT JOIN {self.revised} r ON r.pos = s.pos "
            f"LEFT JOIN {self.observations} old ON old.id = r.old_id "
            + (f"WHERE NOT EXISTS ({unchanged})" if any_current else "")
        )
        insert = f"INSERT INTO {self.observations} ({', '.join(columns)}) {select}"
        params = {"now": stamp, "current": True}
        return self._insert_with_history(
            FlowObservation, insert, params, now=now, reason=reason, user_id=user_id
        )

    def insert_citations(
        self, *, now: datetime, user_id: int | None, source_id: int, content_type_id: int
    ) -> int:
        citations = Citation._meta.db_table
        insert = (
            f"INSERT INTO {citations} (source_id, locator, quote, position, content_type_id, object_id) "
            f"SELECT %(source)s, s.locator, '', 0, %(type)s, o.id FROM {self.stage} s "
            f"JOIN {self.observations} o ON o.uid = s.uid WHERE s.locator <> ''"
        )
        params = {"source": source_id, "type": content_type_id}
        return self._insert_with_history(
            Citation, insert, params, now=now, reason="recorded", user_id=user_id
        )

    def _insert_with_history(
        self,
        model: Any,
        insert: str,
        params: dict[str, Any],
        *,
        now: datetime,
        reason: str,
        user_id: int | None,
    ) -> int:
        table = model._meta.db_table
        if self.postgres:
            history = self._history_sql(model, "SELECT * FROM inserted")
            sql = f"WITH inserted AS ({insert} RETURNING *) {history}"
            return self._run(sql, {**params, **self._history_params(now, reason, "+", user_id)})
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}")
            (before,) = cursor.fetchone()
        inserted = self._run(insert, params)
        self._history(
            model,
            f"SELECT * FROM {table} WHERE id > {int(before)}",
            now=now,
            reason=reason,
            kind="+",
            user_id=user_id,
        )
        return inserted

    def _history(
        self, model: Any, source: str, *, now: datetime, reason: str, kind: str, user_id: int | None
    ) -> None:
        self._run(self._history_sql(model, source), self._history_params(now, reason, kind, user_id))

    def _history_sql(self, model: Any, source: str) -> str:
        history = model.history.model
        base = _columns(model)
        wanted = [*base, *_HISTORY_EXTRA]
        present = [column for column in _columns(history) if column != "history_id"]
        if sorted(present) != sorted(wanted):
            raise RuntimeError(f"{history._meta.label} has columns the bulk writer does not fill: {present}")
        extra = "%(history_date)s, %(history_reason)s, %(history_type)s, %(history_user)s"
        chosen = ", ".join(f"src.{column}" for column in base)
        target = f"{history._meta.db_table} ({', '.join(wanted)})"
        return f"INSERT INTO {target} SELECT {chosen}, {extra} FROM ({source}) src"

    def _history_params(self, now: datetime, reason: str, kind: str, user_id: int | None) -> dict[str, Any]:
        return {
            "history_date": self.connection.ops.adapt_datetimefield_value(now),
            "history_reason": reason,
            "history_type": kind,
            "history_user": user_id,
        }


def _sqlite_row(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(value.isoformat() if isinstance(value, date) else value for value in row)
