"""The fixed column widths of report tables follow CSS's automatic table layout, measured in characters."""

from __future__ import annotations

import pytest

from corridor.reports.render.columns import BOLD, PADDING, column_widths


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
