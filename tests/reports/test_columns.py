"""The fixed column widths of report tables follow CSS's automatic table layout, measured in characters."""

from __future__ import annotations

import pytest

from corridor.reports.builders.regional import build_regional
from corridor.reports.layout.document import SOFT_HYPHEN, Table
from corridor.reports.layout.regional import regional
from corridor.reports.render.columns import BOLD, COMPACT_LINE, PADDING, column_widths
from corridor.reports.render.refs import ranges
from tests.reports.conftest import PERIOD


def test_a_table_whose_cells_fit_on_one_line_gets_columns_as_wide_as_their_longest_cell() -> None:
    widths = column_widths(("Place", "Arrivals"), [("Gevgelija", "1,204"), ("Tabanovce", "880")], line=100)

    place, count = PADDING + len("Gevgelija"), PADDING + BOLD * len("Arrivals")
    assert widths == [round(100 * place / (place + count), 2), round(100 * count / (place + count), 2)]


def test_a_long_text_column_takes_the_room_left_after_every_column_s_longest_word() -> None:
    description = (
        "Mission to Skopje trains frontline social workers on the identification of vulnerable people " * 2
    )
    widths = column_widths(("When", "What", "Src."), [("November 2015", description, "12–14")], line=100)

    when, what, src = widths
    assert sum(widths) == pytest.approx(100, abs=0.05)
    # The short columns keep at least their longest word ("November", "Src."), the text takes the rest.
    assert when >= PADDING + len("November") and src >= PADDING + BOLD * len("Src.")
    assert what > 60
    # Stretch goes by how much longer a column's cells are than its longest word.
    assert when > src


def test_when_the_longest_words_alone_exceed_a_line_columns_share_it_by_their_longest_word() -> None:
    header = ("Operation", "Monitoring", "Reporting", "Governance", "Research")
    widths = column_widths(header, [("Mission to Montenegro", "2", "1", "-", "0")], line=30)

    lengths = [
        PADDING + max(BOLD * len(title), len(word))
        for title, word in zip(header, ("Montenegro", "", "", "", ""), strict=True)
    ]
    assert widths == [round(100 * length / sum(lengths), 2) for length in lengths]


def test_a_table_without_columns_has_no_widths() -> None:
    assert column_widths((), []) == []


def test_a_head_may_break_at_a_soft_hyphen_which_is_drawn_when_it_does() -> None:
    whole = column_widths(("Monitoring", "Src."), [("2", "1")], line=10)
    broken = column_widths((f"Moni{SOFT_HYPHEN}tor{SOFT_HYPHEN}ing", "Src."), [("2", "1")], line=10)

    # Too long for the line, each column keeps its longest unbreakable run: "Moni-" (with its hyphen),
    # not "Monitoring".
    src = PADDING + BOLD * len("Src.")
    assert whole[0] == round(100 * (PADDING + BOLD * 10) / (PADDING + BOLD * 10 + src), 2)
    assert broken[0] == round(100 * (PADDING + BOLD * 5) / (PADDING + BOLD * 5 + src), 2)


@pytest.mark.django_db
def test_the_regional_engagement_matrix_keeps_every_word_whole_in_its_columns() -> None:
    matrix = regional(build_regional(None, period=PERIOD)).sections[2].blocks[0]
    assert isinstance(matrix, Table) and matrix.compact
    header = (*matrix.header, "Src.")
    rows = [(*row, ranges(refs)) for row, refs in zip(matrix.rows, matrix.row_refs, strict=True)]

    widths = column_widths(header, rows, line=COMPACT_LINE)

    narrowest = []
    for index, title in enumerate(header):
        parts = [part.split(SOFT_HYPHEN) for part in title.split()]
        runs = [BOLD * (len(run) + (n < len(word) - 1)) for word in parts for n, run in enumerate(word)]
        words = [len(word) for row in rows for word in row[index].split()]
        narrowest.append(PADDING + max(runs + words))
    # Every column at least as wide as its longest unbreakable run: nothing shrunk to break a word.
    assert sum(narrowest) <= COMPACT_LINE
    assert all(share / 100 * COMPACT_LINE >= low - 0.01 for share, low in zip(widths, narrowest, strict=True))
