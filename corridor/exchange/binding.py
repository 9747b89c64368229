"""Which column (or constant) gives each field, checked once against the file's layout.

Columns are found by the mapping when it names them, else by their HXL hashtags (in an HXL file), else by
their headers (the field's name or an alias). Nothing is guessed: a column two fields could claim equally,
a mapped column the file lacks, or a required field nothing gives is a `BindingProblem`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from corridor.exchange.hxl_tags import TagPattern
from corridor.exchange.layout import Column, Layout, normalise_header
from corridor.exchange.mapping import MappingSpec, Translation
from corridor.exchange.vocabulary import FieldSpec, KindFields

ImpliedValues = Mapping[str, str]


@dataclass(frozen=True, slots=True)
class BindingProblem:
    """A problem with the file's columns or the mapping: `where` is a mapping key or a column."""

    where: str
    message: str


class BindingInvalid(ValueError):
    def __init__(self, problems: list[BindingProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.where}: {p.message}" for p in problems))


@dataclass(frozen=True)
class Binding:
    """Where each field comes from, for every row of one file."""

    layout: Layout
    columns: dict[str, Column]
    constants: Mapping[str, str]
    translations: Mapping[str, Mapping[str, Translation]]
    skip: Mapping[str, frozenset[str]]
    unpivot_columns: tuple[Column, ...] = ()
    unpivot_header_field: str = ""
    unpivot_value_field: str = ""
    implied: dict[int, ImpliedValues] = field(default_factory=dict)

    @property
    def ignored(self) -> list[Column]:
        used = {column.index for column in self.columns.values()} | {c.index for c in self.unpivot_columns}
        return [column for column in self.layout.columns if column.index not in used and column.label]


def bind(
    layout: Layout,
    spec: MappingSpec,
    fields: KindFields,
    *,
    required: Iterable[tuple[str, ...]],
    implied_by: dict[int, ImpliedValues] | None = None,
    defaults: Mapping[str, str] | None = None,
) -> Binding:
    """Bind `spec` to `layout`.

    `required` lists, per required field, its alternatives (('date', 'date_start+date_end')); `defaults`
    are values used when neither a column nor the mapping gives the field (the importer's organisation).
    """
    problems: list[BindingProblem] = []
    chosen: dict[str, Column] = {}
    for name, wanted in spec.columns.items():
        column = _find(layout, wanted, f"columns.{name}", problems)
        if column is not None:
            chosen[name] = column
    unpivot: list[Column] = []
    if spec.unpivot is not None:
        for position, wanted in enumerate(spec.unpivot.columns):
            column = _find(layout, wanted, f"unpivot.columns[{position}]", problems)
            if column is not None:
                unpivot.append(column)
    claimed = {column.index for column in (*chosen.values(), *unpivot)}
    wanted_fields = [
        spec_field
        for spec_field in fields.fields.values()
        if spec_field.name not in chosen and spec_field.name not in spec.constants
    ]
    chosen.update(_match_automatically(layout, wanted_fields, claimed, problems))
    implied = {
        index: values for index, values in (implied_by or {}).items() if index in _indices(chosen, unpivot)
    }
    constants = {name: value for name, value in (defaults or {}).items() if name not in chosen}
    constants.update(spec.constants)
    given = (
        set(chosen)
        | set(constants)
        | _translated_fields(spec)
        | {name for values in implied.values() for name in values}
    )
    if spec.unpivot is not None:
        given |= {spec.unpivot.header_field, spec.unpivot.value_field}
    for alternatives in required:
        if not any(all(name in given for name in option.split("+")) for option in alternatives):
            shown = " or ".join(option.replace("+", " and ") for option in alternatives)
            how = _how_to_give(alternatives, fields)
            problems.append(BindingProblem(shown, f"no column gives it: {how}"))
    if problems:
        raise BindingInvalid(problems)
    return Binding(
        layout=layout,
        columns=chosen,
        constants=constants,
        translations=spec.values,
        skip=spec.skip,
        unpivot_columns=tuple(unpivot),
        unpivot_header_field=spec.unpivot.header_field if spec.unpivot else "",
        unpivot_value_field=spec.unpivot.value_field if spec.unpivot else "",
        implied=implied,
    )


def _how_to_give(alternatives: tuple[str, ...], fields: KindFields) -> str:
    """What to add for a missing required field: the headers and hashtags that give it, when one field."""
    known = fields.fields.get(alternatives[0]) if len(alternatives) == 1 else None
    if known is None:
        return "add the column, or map it (columns: or constants:)"
    headers = " or ".join(f"'{header}'" for header in (known.name, *known.aliases))
    tags = " or ".join(known.import_patterns)
    in_hxl = f" (in an HXL file, tagged {tags})" if tags else ""
    return f"add a column headed {headers}{in_hxl}, or map it (columns: or constants:)"


def _indices(chosen: dict[str, Column], unpivot: list[Column]) -> set[int]:
    return {column.index for column in chosen.values()} | {column.index for column in unpivot}


def _translated_fields(spec: MappingSpec) -> set[str]:
    names: set[str] = set()
    for table in spec.values.values():
        for translation in table.values():
            if isinstance(translation, dict):
                names.update(translation)
    return names


def _find(layout: Layout, wanted: str, where: str, problems: list[BindingProblem]) -> Column | None:
    if wanted.strip().startswith("#"):
        try:
            pattern = TagPattern.parse(wanted)
        except ValueError as error:
            problems.append(BindingProblem(where, str(error)))
            return None
        found = [c for c in layout.columns if c.tag is not None and pattern.is_exactly(c.tag)]
        found = found or [c for c in layout.columns if c.tag is not None and pattern.matches(c.tag)]
        shown = ", ".join(str(c.tag) for c in layout.columns if c.tag) or "none"
        absent = f"no column is tagged {wanted} (the file's hashtags: {shown})"
    else:
        key = normalise_header(wanted)
        found = [c for c in layout.columns if c.normalised_header == key]
        shown = ", ".join(repr(c.header) for c in layout.columns if c.header) or "none"
        absent = f"the file has no column {wanted!r} (its columns: {shown})"
    if not found:
        problems.append(BindingProblem(where, absent))
        return None
    if len(found) > 1:
        labels = ", ".join(f"{c.label!r} (column {c.index + 1})" for c in found)
        problems.append(BindingProblem(where, f"{wanted!r} matches several columns: {labels}"))
        return None
    return found[0]


def _match_automatically(
    layout: Layout, wanted: list[FieldSpec], claimed: set[int], problems: list[BindingProblem]
) -> dict[str, Column]:
    """Best-scoring (field, column) pairs first; a tie for a field's best column is a problem."""
    candidates: list[tuple[int, str, Column]] = []
    for spec_field in wanted:
        for column in layout.columns:
            if column.index in claimed:
                continue
            score = _score(spec_field, column, by_tag=layout.has_hashtags and column.tag is not None)
            if score:
                candidates.append((score, spec_field.name, column))
    candidates.sort(key=lambda item: (-item[0], item[2].index))
    chosen: dict[str, Column] = {}
    used: set[int] = set()
    for score, name, column in candidates:
        if name in chosen or column.index in used:
            continue
        rivals = [c for s, n, c in candidates if n == name and s == score and c.index not in used]
        if len(rivals) > 1:
            labels = " and ".join(repr(c.label) for c in rivals)
            problems.append(
                BindingProblem(name, f"columns {labels} both look like {name}: name one in the mapping")
            )
            chosen[name] = column
            used.update(c.index for c in rivals)
            continue
        chosen[name] = column
        used.add(column.index)
    return chosen


def _score(spec_field: FieldSpec, column: Column, *, by_tag: bool) -> int:
    if by_tag:
        assert column.tag is not None
        for rank, text in enumerate(spec_field.import_patterns):
            pattern = TagPattern.parse(text)
            if pattern.matches(column.tag):
                exact = 5 if pattern.is_exactly(column.tag) else 0
                extra = len(column.tag.attributes - pattern.required)
                return 100 - 10 * rank + exact - min(extra, 4)
        return 0
    header = column.normalised_header
    if header and header in (spec_field.name, *spec_field.aliases):
        return 50 if header == spec_field.name else 40
    return 0
