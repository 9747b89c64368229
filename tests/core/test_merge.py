"""Three-way merge of a record's state: for any two concurrent edits of the same version, the merged record
holds every change of both sides, or names it as a conflict — never drops one."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from corridor.core.merge import DELETED, LIST, ROWS, SET, VALUE, Conflict, merge

SHAPE = {"title": VALUE, "team": VALUE, "places": SET, "decisions": LIST, "findings": ROWS}
TEXTS = st.sampled_from(["", "a", "b", "c", "d"])
BASE = {
    "title": "t",
    "team": "x",
    "places": [1, 2],
    "decisions": ["one", "two"],
    "findings": [
        {"uid": "f1", "aspect": "staffing", "concern": "minor", "text": "seen"},
        {"uid": "f2", "aspect": "equipment", "concern": "serious", "text": "broken"},
    ],
}


@st.composite
def edits(draw: Any) -> dict[str, Any]:
    """An edit of BASE: values changed, places added or removed, lines and rows added, changed, removed."""
    state = copy.deepcopy(BASE)
    if draw(st.booleans()):
        state["title"] = draw(TEXTS)
    if draw(st.booleans()):
        state["team"] = draw(TEXTS)
    state["places"] = sorted(draw(st.sets(st.integers(1, 4))))
    decisions = [line for line in state["decisions"] if draw(st.booleans())]
    decisions += draw(st.lists(st.sampled_from(["three", "four"]), max_size=2, unique=True))
    state["decisions"] = decisions
    rows = []
    for row in state["findings"]:
        if draw(st.booleans()):
            continue  # deleted
        if draw(st.booleans()):
            row = {**row, "concern": draw(st.sampled_from(["minor", "serious", "critical"]))}
        if draw(st.booleans()):
            row = {**row, "text": draw(TEXTS)}
        rows.append(row)
    for index in range(draw(st.integers(0, 2))):
        rows.append({"uid": None, "aspect": "corruption_risk", "concern": "minor", "text": f"new {index}"})
    state["findings"] = rows
    return state


def _row(state: dict[str, Any], uid: str) -> dict[str, Any] | None:
    return next((row for row in state["findings"] if row.get("uid") == uid), None)


def _asked(conflicts: list[Conflict], part: str, row: str = "", name: str = "") -> bool:
    return any(
        c.part == part and c.row == row and (c.name == name or (row and not c.name)) for c in conflicts
    )


def _holds_side(side: dict[str, Any], result: dict[str, Any], conflicts: list[Conflict]) -> list[str]:
    """Every change `side` made from BASE that the merge neither holds nor asks about."""
    merged, dropped = result, []
    for name in ("title", "team"):
        if side[name] != BASE[name] and merged[name] != side[name] and not _asked(conflicts, name):
            dropped.append(name)
    for place in set(side["places"]) ^ set(BASE["places"]):
        if (place in side["places"]) != (place in merged["places"]):
            dropped.append(f"place {place}")
    for line in set(side["decisions"]) ^ set(BASE["decisions"]):
        if (line in side["decisions"]) != (line in merged["decisions"]):
            dropped.append(f"decision {line}")
    for base_row in BASE["findings"]:
        uid = base_row["uid"]
        mine, now = _row(side, uid), _row(merged, uid)
        if mine is None:
            if now is not None and not _asked(conflicts, "findings", uid):
                dropped.append(f"deletion of {uid}")
            continue
        for key, value in mine.items():
            lost = value != base_row[key] and (now is None or now[key] != value)
            if lost and not _asked(conflicts, "findings", uid, key):
                dropped.append(f"{uid}.{key}")
    added = [row for row in side["findings"] if row.get("uid") is None]
    for row in added:
        if row not in merged["findings"]:
            dropped.append(f"new row {row['text']}")
    return dropped


@settings(max_examples=300, deadline=None, derandomize=True)
@given(theirs=edits(), mine=edits())
def test_a_merge_holds_every_change_of_both_sides_or_asks_about_it(theirs, mine) -> None:  # type: ignore[no-untyped-def]
    result = merge(SHAPE, BASE, theirs, mine)

    assert _holds_side(theirs, result.merged, result.conflicts) == []
    assert _holds_side(mine, result.merged, result.conflicts) == []


@settings(max_examples=200, deadline=None, derandomize=True)
@given(theirs=edits(), mine=edits())
def test_a_merge_asks_only_where_both_changed_the_same_thing_differently(theirs, mine) -> None:  # type: ignore[no-untyped-def]
    result = merge(SHAPE, BASE, theirs, mine)

    for conflict in result.conflicts:
        assert conflict.theirs != conflict.mine
        assert conflict.theirs != conflict.base or conflict.theirs == DELETED
        assert conflict.mine != conflict.base or conflict.mine == DELETED


def test_an_edit_against_itself_merges_to_itself() -> None:
    edited = {**BASE, "team": "y", "places": [2, 3]}

    result = merge(SHAPE, BASE, edited, edited)

    assert result.clean and result.merged == edited


def test_the_two_tab_reproduction_asks_about_the_finding_and_keeps_the_rest() -> None:
    finding = BASE["findings"][0]
    theirs = {**BASE, "findings": [{**finding, "concern": "critical"}, BASE["findings"][1]], "team": "x"}
    theirs = {**theirs, "decisions": ["one", "two"]}
    theirs_follow_up = {**theirs, "title": "t (follow-up changed)"}
    mine = {**BASE, "findings": [{**finding, "concern": "minor"}, BASE["findings"][1]], "team": "y"}
    mine["findings"][0]["concern"] = "serious"

    result = merge(SHAPE, BASE, theirs_follow_up, mine)

    assert result.merged["team"] == "y" and result.merged["title"] == "t (follow-up changed)"
    assert [(c.part, c.row, c.name, c.theirs, c.mine) for c in result.conflicts] == [
        ("findings", "f1", "concern", "critical", "serious")
    ]
