"""The three measured endpoints: the request each load-tool call sends, and the same SQL for pgbench.

Each endpoint is captured once in-process with sentinel parameters (site 1, day 1000 of the ten years,
the first field operation); its main query's literals are then replaced by pgbench variables drawn from
the same ranges as load.lua draws them, so both sides ask for the same spread of places, windows and
operations. The replacements are constant expressions (`'2016-01-01'::date + 1000`), which PostgreSQL
folds before planning, so the plan is the one the literal query gets (run.py saves both EXPLAINs).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from common import DAYS, FIELD_OPERATIONS, FIRST_DAY, SITE_COUNT, site_slug

SENTINEL_DAY = 1000
FIRST = date.fromisoformat(FIRST_DAY)


def _day(offset: int) -> str:
    return (FIRST + timedelta(days=offset)).isoformat()


def _date_expression(variable: str, plus: int = 0) -> str:
    return f"('{FIRST_DAY}'::date + :{variable}{f' + {plus}' if plus else ''})"


Replacements = tuple[tuple[str, str], ...]


def _operation_ids() -> Replacements:
    """The activity list asks for the operation by id (it looks the slug up first), so pgbench draws ids.

    Read from the bench database when the script is written: ids depend on load order.
    """
    from corridor.actors.models import Organisation

    ids = dict(Organisation.objects.filter(slug__in=FIELD_OPERATIONS).values_list("slug", "pk"))
    array = "(ARRAY[" + ", ".join(str(ids[slug]) for slug in FIELD_OPERATIONS) + "])[:op]"
    return (
        (
            f'"operations_activity"."lead_id" = {ids[FIELD_OPERATIONS[0]]}',
            f'"operations_activity"."lead_id" = {array}',
        ),
    )


@dataclass(frozen=True)
class Endpoint:
    name: str
    sample_path: str  # the request captured in-process, with the sentinel values below
    main_table: str  # the main query is the one selecting FROM this table
    variables: tuple[str, ...]  # pgbench \set lines
    replacements: Replacements  # sentinel literal in the captured SQL → pgbench expression
    looked_up: Callable[[], Replacements] | None = None  # more replacements, read from the database


ENDPOINTS = (
    Endpoint(
        name="aggregate",
        sample_path=(
            "/api/v1/observations/aggregate?group_by=place&interval=day&metric=arrivals"
            f"&place={site_slug(1)}&start={_day(SENTINEL_DAY)}&end={_day(SENTINEL_DAY + 89)}"
        ),
        main_table="monitoring_flowobservation",
        variables=(f"\\set site random(1, {SITE_COUNT})", f"\\set d random(0, {DAYS - 90})"),
        replacements=(
            (f"'{site_slug(1)}'", "('bench-site-' || lpad(:site::text, 4, '0'))"),
            (f"'{_day(SENTINEL_DAY)}'::date", _date_expression("d")),
            (f"'{_day(SENTINEL_DAY + 89)}'::date", _date_expression("d", 89)),
        ),
    ),
    Endpoint(
        name="activities",
        sample_path=f"/api/v1/activities?limit=50&operation={FIELD_OPERATIONS[0]}&start={_day(SENTINEL_DAY)}",
        main_table="operations_activity",
        variables=(f"\\set op random(1, {len(FIELD_OPERATIONS)})", f"\\set d random(0, {DAYS - 1})"),
        replacements=((f"'{_day(SENTINEL_DAY)}'::date", _date_expression("d")),),
        looked_up=_operation_ids,
    ),
    Endpoint(
        name="events",
        sample_path=f"/api/v1/events?limit=50&start={_day(SENTINEL_DAY)}&end={_day(SENTINEL_DAY + 29)}",
        main_table="timeline_event",
        variables=(f"\\set d random(0, {DAYS - 30})",),
        replacements=(
            (f"'{_day(SENTINEL_DAY)}'::date", _date_expression("d")),
            (f"'{_day(SENTINEL_DAY + 29)}'::date", _date_expression("d", 29)),
        ),
    ),
)


def pgbench_script(endpoint: Endpoint, sql: str) -> str:
    """The captured main query with its sentinel literals replaced; fails loudly if one is not there."""
    looked_up = endpoint.looked_up() if endpoint.looked_up is not None else ()
    for literal, expression in endpoint.replacements + looked_up:
        if literal not in sql:
            raise ValueError(
                f"{endpoint.name}: the captured SQL has no {literal}, so it cannot be varied:\n{sql}"
            )
        sql = sql.replace(literal, expression)
    return "\n".join(endpoint.variables) + "\n" + sql + ";\n"


def fixed_sql(endpoint: Endpoint, sql: str, values: dict[str, int]) -> str:
    """The pgbench query with variables set to `values` (for EXPLAIN); constants stay expressions."""
    script = pgbench_script(endpoint, sql).split("\n", len(endpoint.variables))[-1].rstrip().rstrip(";")
    for name, value in values.items():
        script = re.sub(rf"(?<!:):{name}\b", str(value), script)
    return script
