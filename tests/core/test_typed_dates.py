"""Dates as people type them: day first unless the organisation writes month first; never guessed."""

from __future__ import annotations

from datetime import date

import pytest

from corridor.core.dates import DateSpan, DateSpanError
from corridor.core.typed_dates import DMY, MDY, read_date, use_date_order

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("7.12.2026", "2026-12-07"),
        ("07/12/2026", "2026-12-07"),
        ("7-12-2026", "2026-12-07"),
        ("15.12.2026", "2026-12-15"),
        ("03/12/2026", "2026-12-03"),
        (" 7 . 12 . 2026 ", "2026-12-07"),
        ("today", "2026-12-07"),
        ("Yesterday", "2026-12-06"),
        ("7 December 2026", "2026-12-07"),
        ("7 Dec 2026", "2026-12-07"),
        ("December 7, 2026", "2026-12-07"),
        ("December 2026", "2026-12"),
        ("Sept 2015", "2015-09"),
        ("2026-12-07", "2026-12-07"),
        ("2015-11", "2015-11"),
        ("early 2016", "early 2016"),
        ("summer 2015", "summer 2015"),
        ("2015-06/2015-07", "2015-06/2015-07"),
        ("1.6.2015 – 31.7.2015", "2015-06-01/2015-07-31"),
        ("June 2015 to July 2015", "2015-06/2015-07"),
        ("yesterday to today", "2026-12-06/2026-12-07"),
    ],
)
def test_what_people_type_is_read_as_they_mean_it(typed: str, meant: str) -> None:
    assert read_date(typed, today=TODAY, order=DMY) == DateSpan.parse(meant)


def test_month_first_only_where_the_organisation_writes_so() -> None:
    assert read_date("12/7/2026", today=TODAY, order=MDY) == DateSpan.parse("2026-12-07")
    assert read_date("12/7/2026", today=TODAY, order=DMY) == DateSpan.parse("2026-07-12")
    with use_date_order(MDY):
        assert read_date("12/7/2026", today=TODAY) == DateSpan.parse("2026-12-07")
    assert read_date("12/7/2026", today=TODAY) == DateSpan.parse("2026-07-12")


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("12/13/2026", "“12/13/2026” has no month 13"),
        ("31.2.2016", "February 2016 has 29 days, not 31"),
        ("7.12.26", "“7.12.26”: 7 December 2026? Write the year in full: 7.12.2026 or 2026-12-07."),
        ("last Tuesday", "For a day write 7.12.2026 or 2026-12-07 (7 December 2026), or “today”"),
        ("", "Give a date."),
        ("today – yesterday", "before it starts"),
    ],
)
def test_refusals_say_in_plain_words_what_was_understood_and_what_to_write(typed: str, said: str) -> None:
    with pytest.raises(DateSpanError) as refused:
        read_date(typed, today=TODAY, order=DMY)

    assert said in str(refused.value)
    assert "%d" not in str(refused.value) and "A/B" not in str(refused.value)
