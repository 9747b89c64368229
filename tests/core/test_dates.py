from datetime import date

import pytest

from corridor.core.dates import DatePrecision, DateSpan, DateSpanError, precision_label


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
            "1 January 2016 – 30 June 2017",
        ),
    ],
)
def test_it_reads_each_form_of_the_grammar_without_inventing_a_day(
    text: str, start: date, end: date, precision: str, phrase: str
) -> None:
    span = DateSpan.parse(text)

    assert (span.start, span.end, span.kind) == (start, end, precision)
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


# One end of each precision, in 2015 (and, for ends in another year, 2016); each row: start, end, phrase.
_STARTS = {
    "day": ("2015-11-05", "5 November 2015"),
    "part_of_month": ("mid 2015-11", "mid November 2015"),
    "month": ("2015-11", "November 2015"),
    "part_of_season": ("late summer 2015", "late summer 2015"),
    "season": ("spring 2015", "spring 2015"),
    "part_of_year": ("early 2015", "early 2015"),
    "year": ("2015", "2015"),
}
_ENDS = {
    "day": ("2016-06-03", "3 June 2016"),
    "part_of_month": ("late 2016-06", "late June 2016"),
    "month": ("2016-06", "June 2016"),
    "part_of_season": ("early summer 2016", "early summer 2016"),
    "season": ("winter 2016", "winter 2016"),
    "part_of_year": ("mid 2016", "mid 2016"),
    "year": ("2016", "2016"),
}


@pytest.mark.parametrize("first", list(_STARTS))
@pytest.mark.parametrize("last", list(_ENDS))
def test_a_range_across_years_says_each_end_as_precisely_as_its_source(first: str, last: str) -> None:
    (start_text, start_phrase), (end_text, end_phrase) = _STARTS[first], _ENDS[last]

    span = DateSpan.parse(f"{start_text}/{end_text}")

    assert span.text() == f"{start_phrase} – {end_phrase}"
    assert (span.kind, span.start_precision, span.end_precision) == ("range", first, last)
    assert DateSpan.parse(span.code) == span


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("2015-11/2015", "November – December 2015"),
        ("2015/2015-11", "January – November 2015"),
        ("2015/2015-11-05", "1 January – 5 November 2015"),
        ("2015-11-05/2015", "5 November – 31 December 2015"),
        ("early 2015/2015", "early 2015 – December 2015"),
        ("2015/late summer 2015", "January 2015 – late summer 2015"),
        ("spring 2015/2015-09", "spring 2015 – September 2015"),
        ("spring 2015/2016-09", "spring 2015 – September 2016"),
        ("2016-01/2017-06", "January 2016 – June 2017"),
        ("2015-06/2015-07", "June – July 2015"),
        ("2016-03-08/2016-03-09", "8–9 March 2016"),
        ("mid 2015-11/late 2015-11", "mid November 2015 – late November 2015"),
        ("winter 2016/spring 2016", "winter 2016 – spring 2016"),
    ],
)
def test_a_range_never_repeats_a_bare_year_nor_rounds_a_season(text: str, phrase: str) -> None:
    assert DateSpan.parse(text).text() == phrase


def test_a_range_stored_before_ends_were_kept_reads_each_end_as_coarse_as_its_day_allows() -> None:
    span = DateSpan(date(2015, 11, 1), date(2016, 12, 31), DatePrecision.RANGE)

    assert span.precision == "range:m:y"
    assert span.text() == "November 2015 – 2016"


def test_a_range_end_that_is_not_where_its_precision_ends_is_refused() -> None:
    with pytest.raises(DateSpanError, match="is not the end of a month"):
        DateSpan(date(2015, 11, 1), date(2016, 6, 3), "range:m:m")


@pytest.mark.parametrize(
    ("precision", "label"),
    [("month", "month"), ("part_of_season", "part of a season"), ("range:s:m", "range (season to month)")],
)
def test_a_precision_reads_in_words(precision: str, label: str) -> None:
    assert precision_label(precision) == label
