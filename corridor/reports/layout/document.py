"""The blocks a report is laid out in, and the run's particulars every page carries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from corridor.reports.data.common import Ref
from corridor.reports.data.flows import Flows, MapData

# Marks where a word in a table's head may break across lines, drawn as a hyphen only when it does.
SOFT_HYPHEN = "\u00ad"


@dataclass(frozen=True)
class Paragraph:
    """A sentence or two, with the numbers of the references it rests on."""

    text: str
    refs: tuple[int, ...] = ()
    style: str = ""

    block = "paragraph"


@dataclass(frozen=True)
class Bullets:
    items: tuple[Paragraph, ...]

    block = "bullets"


@dataclass(frozen=True)
class Table:
    """A table; `row_refs[i]` are the references row i rests on, `numeric` the right-aligned columns."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_refs: tuple[tuple[int, ...], ...] = ()
    caption: str = ""
    numeric: tuple[int, ...] = ()
    compact: bool = False

    block = "table"


@dataclass(frozen=True)
class Figure:
    """A chart of daily flows or the route map: a static image in PDF and Word, interactive in HTML."""

    caption: str
    flows: Flows | None = None
    map: MapData | None = None

    block = "figure"


Block = Paragraph | Bullets | Table | Figure


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Reference:
    """An entry of the annex: the record behind reference number `number`."""

    number: int
    ref: Ref


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    references: tuple[Reference, ...]


@dataclass(frozen=True)
class Meta:
    """The run's particulars: printed in the heading, and in the header and footer of every page."""

    reference: str
    version: int
    issued: date
    classification: str
    distribution: tuple[str, ...]
    prepared_for: str
    data_hash: str
    parameters: tuple[tuple[str, str], ...] = field(default=())

    @property
    def marking(self) -> str:
        return self.classification.upper()

    @property
    def issued_text(self) -> str:
        return f"{self.issued.day} {self.issued:%B %Y}"

    @property
    def reference_line(self) -> str:
        return f"{self.reference} · version {self.version}"
