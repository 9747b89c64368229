from datetime import date

import pytest

from corridor.core.dates import DatePrecision, DateSpan, DateSpanError


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "phrase"),
    [
        ("2016-05-05", date(2016, 5, 5), date(2016, 5, 5), DatePrecision.DAY, "5 May 2016"),
        ("2015-11", date(2015, 11, 1), date(2015, 11, 30), DatePrecision.MONTH, "November 2015"),
        ("2016-02", date(2016, 2, 1), date(2016, 2, 29), DatePrecision.MONTH, "February 2016"),
        ("2015", date(2015, 1, 1), date(2015, 12, 31), DatePrecision.YEAR, "2015"),
        ("early 2015", date(2015, 1, 1), date(2015, 4, 30), DatePrecision.PART_OF_YEAR, "early 2015"),
        ("mid 2016", date(2016, 5, 1), date(2016, 8, 31), DatePrecision.PART_OF_YEAR, "mid 2016"),
        ("late 2015", date(2015, 9, 1), date(2015, 12, 31), DatePrecision.PART_OF_YEAR, "late 2015"),
        (
            "late 2015-11",
            date(2015, 11, 21),
            date(2015, 11, 30),
            DatePrecision.PART_OF_MONTH,
            "late November 2015",
        ),
        (
            "early 2016-02",
            date(2016, 2, 1),
            date(2016, 2, 10),
            DatePrecision.PART_OF_MONTH,
            "early February 2016",
        ),
        ("summer 2015", date(2015, 6, 1), date(2015, 8, 31), DatePrecision.SEASON, "summer 2015"),
        ("winter 2016", date(2015, 12, 1), date(2016, 2, 29), DatePrecision.SEASON, "winter 2016"),
        (
            "late summer 2015",
            date(2015, 8, 1),
            date(2015, 8, 31),
            DatePrecision.PART_OF_SEASON,
            "late summer 2015",
        ),
        (
            "early winter 2016",
            date(2015, 12, 1),
            date(2015, 12, 31),
            DatePrecision.PART_OF_SEASON,
            "early winter 2016",
        ),
        (
            "2015-06/2015-07",
            date(2015, 6, 1),
            date(2015, 7, 31),
            DatePrecision.RANGE,
            "June – July 2015",
        ),
        ("2014/2015", date(2014, 1, 1), date(2015, 12, 31), DatePrecision.RANGE, "2014 – 2015"),
        (
            "2015-05/2016-03",
            date(2015, 5, 1),
            date(2016, 3, 31),
            DatePrecision.RANGE,
            "May 2015 – March 2016",
        ),
        (
            "2016-01-01/2017-06-30",
            date(2016, 1, 1),
            date(2017, 6, 30),
            DatePrecision.RANGE,
            "2016 – June 2017",
        ),
    ],
)
def test_it_reads_each_form_of_the_grammar_without_inventing_a_day(
    text: str, start: date, end: date, precision: str, phrase: str
) -> None:
    span = DateSpan.parse(text)

    assert (span.start, span.end, span.precision) == (start, end, precision)
    assert span.text() == phrase


@pytest.mark.parametrize(
    "text",
    [
        "2016-05-05",
        "2015-11",
        "2015",
        "early 2015",
        "late 2015-11",
        "summer 2015",
        "winter 2016",
        "late summer 2015",
        "early winter 2016",
        "2015-06/2015-07",
        "2014/2015",
        "2015-11-05/2016-02-10",
    ],
)
def test_its_code_reads_back_as_the_same_span(text: str) -> None:
    span = DateSpan.parse(text)

    assert DateSpan.parse(span.code) == span


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("2016-02-30", "not a real date"),
        ("2015-13", "not a real date"),
        ("November 2015", "not a date this system reads"),
        ("2016/2015", "ends before it starts"),
        ("2015/2016/2017", "exactly one '/'"),
        ("early", "not a date this system reads"),
    ],
)
def test_it_rejects_text_outside_the_grammar_naming_it(text: str, fragment: str) -> None:
    with pytest.raises(DateSpanError, match=fragment):
        DateSpan.parse(text)


def test_a_span_cannot_end_before_it_starts() -> None:
    with pytest.raises(DateSpanError):
        DateSpan(date(2016, 1, 2), date(2016, 1, 1), DatePrecision.RANGE)


def test_overlap_uses_the_whole_span() -> None:
    early_2015 = DateSpan.parse("early 2015")

    assert early_2015.overlaps(date(2015, 3, 1), date(2015, 3, 31))
    assert not early_2015.overlaps(date(2015, 5, 1), date(2015, 5, 31))


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("2016-03-08/2016-03-09", "8–9 March 2016"),
        ("2016-02-21/2016-03-03", "21 February – 3 March 2016"),
        ("2015-12-30/2016-01-02", "30 December 2015 – 2 January 2016"),
        ("2015-11/2016-02", "November 2015 – February 2016"),
        ("2015-06/2015-07-22", "June 2015 – 22 July 2015"),
        ("2015/2016-05-05", "2015 – 5 May 2016"),
    ],
)
def test_a_range_says_its_shared_year_and_month_once_when_both_ends_are_alike(text: str, phrase: str) -> None:
    assert DateSpan.parse(text).text() == phrase
