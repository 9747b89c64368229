"""The HXL schemas shipped with exports list exactly the values Corridor stores, so a new metric, kind of
event or precision cannot make a valid export fail its own schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corridor.core.dates import RANGE_END_CODES, DatePrecision
from corridor.monitoring.choices import Metric
from corridor.timeline.choices import EventKind

SCHEMAS = Path(__file__).parents[2] / "corridor" / "exchange" / "hxl_schemas"
PRECISIONS = {
    *DatePrecision.values,
    *(f"range:{a}:{b}" for a in RANGE_END_CODES.values() for b in RANGE_END_CODES.values()),
}


def _listed(schema: str, tag: str) -> set[str]:
    rules = json.loads((SCHEMAS / f"{schema}.json").read_text(encoding="utf-8"))
    rule = next(rule for rule in rules if rule.get("#valid_tag") == tag)
    return set(rule["#valid_value+list"].split("|"))


@pytest.mark.parametrize("schema", ["observations", "events", "activities"])
def test_every_precision_is_listed(schema: str) -> None:
    assert _listed(schema, "#meta+date_precision") == PRECISIONS


def test_every_metric_and_every_kind_of_event_is_listed() -> None:
    assert _listed("observations", "#indicator+code") == set(Metric.values)
    assert _listed("events", "#event+type") == set(EventKind.values)
