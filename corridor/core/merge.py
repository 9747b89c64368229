"""Three-way merge of a record's editable state: what two people changed from the version they both started
from, combined so that no change of either is lost.

A state is a dict of named parts, each of one kind (`Shape` names the kind of each part):

- `VALUE`: a plain value (text, number, true/false, a date's code, the key of a referenced record);
- `SET`: an unordered collection of keys (places visited, participants) — sorted lists in the state;
- `LIST`: an ordered list of texts without identity (a meeting's decisions, one per line);
- `ROWS`: an ordered list of rows with identity (`uid`; a new row has none yet) and their own values
  (findings, quantities, participants by institution).

`merge(shape, base, theirs, mine)` takes the version both started from (`base`), the version saved since
(`theirs`) and the edit being saved (`mine`):

- a value only one side changed takes that side's value; both changed it alike: that value; both changed it
  differently: a `Conflict`, and the merged state keeps theirs until the user chooses;
- sets gain what either side added and lose what either side removed: both changes always hold;
- lists keep their order, drop the lines either side removed and gain the lines either side added;
- rows merge value by value; a row one side deleted and the other changed is a conflict about the whole
  row; rows either side added are kept (theirs in their order, then mine).

The merged state holds every change of both sides, or names it in `conflicts`: never is one dropped.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

VALUE, SET, LIST, ROWS = "value", "set", "list", "rows"
DELETED = "deleted"
"""A row conflict's side that deleted the row."""

State = dict[str, Any]
Shape = Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Conflict:
    """One value (or row) both sides changed differently.

    `part` names the state's part; for rows, `row` is the row's uid and `name` the row's value in conflict,
    or "" when one side deleted the row (that side's value is then `DELETED`).
    """

    part: str
    base: Any
    theirs: Any
    mine: Any
    row: str = ""
    name: str = ""

    @property
    def key(self) -> str:
        """A stable name for the conflict, as forms and the API spell it: 'team', 'findings/<uid>/concern'."""
        return "/".join(piece for piece in (self.part, self.row, self.name) if piece)


@dataclass(slots=True)
class MergeResult:
    merged: State
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def changed_parts(shape: Shape, before: State, after: State) -> list[str]:
    """The parts of `after` that differ from `before`."""
    return [name for name, kind in shape.items() if not _same(kind, before.get(name), after.get(name))]


def merge(shape: Shape, base: State, theirs: State, mine: State) -> MergeResult:
    merged: State = {}
    conflicts: list[Conflict] = []
    for name, kind in shape.items():
        b, t, m = base.get(name), theirs.get(name), mine.get(name)
        if kind == VALUE:
            merged[name] = _merge_value(name, b, t, m, conflicts)
        elif kind == SET:
            merged[name] = _merge_set(b or [], t or [], m or [])
        elif kind == LIST:
            merged[name] = _merge_list(b or [], t or [], m or [])
        elif kind == ROWS:
            merged[name] = _merge_rows(name, b or [], t or [], m or [], conflicts)
        else:
            raise ValueError(f"unknown kind {kind!r} of part {name!r}")
    return MergeResult(merged, conflicts)


def resolve(shape: Shape, merged: State, conflicts: list[Conflict], choices: Mapping[str, Any]) -> State:
    """Apply the user's choice per conflict key: 'theirs', 'mine', or ('edited', value) for a value."""
    state = copy.deepcopy(merged)
    for conflict in conflicts:
        choice = choices.get(conflict.key, "theirs")
        if choice == "theirs":
            continue
        value = conflict.mine if choice == "mine" else choice[1]
        if not conflict.row:
            state[conflict.part] = value
            continue
        rows: list[dict[str, Any]] = state[conflict.part]
        index = next((i for i, row in enumerate(rows) if row.get("uid") == conflict.row), None)
        if conflict.name:
            if index is not None:
                rows[index][conflict.name] = value
        elif value == DELETED:
            if index is not None:
                del rows[index]
        elif index is None:
            rows.append(copy.deepcopy(value))
        else:
            rows[index] = copy.deepcopy(value)
    return state


def _same(kind: str, left: Any, right: Any) -> bool:
    if kind == SET:
        return sorted(left or [], key=repr) == sorted(right or [], key=repr)
    return bool(left == right)


def _merge_value(name: str, b: Any, t: Any, m: Any, conflicts: list[Conflict]) -> Any:
    if m in (b, t):
        return t
    if t == b:
        return m
    conflicts.append(Conflict(name, b, t, m))
    return t


def _merge_set(b: list[Any], t: list[Any], m: list[Any]) -> list[Any]:
    base, theirs, mine = set(b), set(t), set(m)
    result = (theirs - (base - mine)) | (mine - base)
    return sorted(result, key=repr)


def _merge_list(b: list[str], t: list[str], m: list[str]) -> list[str]:
    removed_by_mine = [line for line in b if line not in m]
    added_by_mine = [line for line in m if line not in b]
    result = list(t)
    for line in removed_by_mine:
        if line in result:
            result.remove(line)
    for line in added_by_mine:
        if line in result:
            continue
        position = m.index(line)
        before = next((m[i] for i in range(position - 1, -1, -1) if m[i] in result), None)
        result.insert(result.index(before) + 1 if before is not None else len(result), line)
    return result


def _merge_rows(
    name: str,
    b: list[dict[str, Any]],
    t: list[dict[str, Any]],
    m: list[dict[str, Any]],
    conflicts: list[Conflict],
) -> list[dict[str, Any]]:
    base = {row["uid"]: row for row in b if row.get("uid")}
    theirs = {row["uid"]: row for row in t if row.get("uid")}
    mine = {row["uid"]: row for row in m if row.get("uid") in base}
    result: list[dict[str, Any]] = []
    for row in t:
        uid = str(row.get("uid") or "")
        if uid not in base:
            result.append(copy.deepcopy(row))  # added by them
            continue
        if uid not in mine:  # deleted by me
            if row != base[uid]:
                conflicts.append(Conflict(name, base[uid], row, DELETED, row=uid))
                result.append(copy.deepcopy(row))
            continue
        result.append(_merge_row(name, uid, base[uid], row, mine[uid], conflicts))
    for uid, row in base.items():
        if uid in theirs or uid not in mine:
            continue  # kept by them (merged above), or deleted by both
        if mine[uid] != row:  # deleted by them, changed by me
            conflicts.append(Conflict(name, row, DELETED, mine[uid], row=uid))
    result.extend(copy.deepcopy(row) for row in m if row.get("uid") not in base)  # added by me
    return result


def _merge_row(
    name: str, uid: str, b: dict[str, Any], t: dict[str, Any], m: dict[str, Any], conflicts: list[Conflict]
) -> dict[str, Any]:
    merged = dict(t)
    for key in sorted(set(b) | set(t) | set(m)):
        if key == "uid":
            continue
        bv, tv, mv = b.get(key), t.get(key), m.get(key)
        if mv in (bv, tv):
            merged[key] = tv
        elif tv == bv:
            merged[key] = mv
        else:
            conflicts.append(Conflict(name, bv, tv, mv, row=uid, name=key))
            merged[key] = tv
    return merged
