from datetime import date

import pytest

from timeline_app.dates import (
    DateError,
    DateSpan,
    Precision,
    check_year,
    from_day,
    parse_iso,
    to_day,
)


def test_precision_follows_the_written_form() -> None:
    assert parse_iso("2016") == (date(2016, 1, 1), Precision.YEAR)
    assert parse_iso("2016-09") == (date(2016, 9, 1), Precision.MONTH)
    assert parse_iso("2016-09-03") == (date(2016, 9, 3), Precision.DAY)


@pytest.mark.parametrize("bad", ["16", "2016-13", "2016-02-30", "2016/09", "", "September 2016"])
def test_bad_dates_are_refused_with_a_reason(bad: str) -> None:
    with pytest.raises(DateError, match="not a date"):
        parse_iso(bad)


def test_month_precision_covers_the_whole_month() -> None:
    span = DateSpan.parse("2016-02")
    assert span.first_day == date(2016, 2, 1)
    assert span.last_day == date(2016, 2, 29)  # leap year
    assert span.end_day - span.start_day == 29
    assert not span.is_point


def test_year_span_covers_first_to_last_year() -> None:
    span = DateSpan.parse("2021", "2031")
    assert span.first_day == date(2021, 1, 1)
    assert span.last_day == date(2031, 12, 31)
    assert span.describe() == "2021 to 2031"


def test_day_is_a_point() -> None:
    span = DateSpan.parse("2021-12-06")
    assert span.is_point
    assert span.end_day - span.start_day == 1
    assert span.describe() == "6 December 2021"


def test_approximate_is_said_in_the_description() -> None:
    assert DateSpan.parse("2016-09", approximate=True).describe() == "c. September 2016"


def test_end_before_start_is_refused() -> None:
    with pytest.raises(DateError, match="before"):
        DateSpan.parse("2031", "2021")


def test_mixed_precision_is_refused() -> None:
    with pytest.raises(DateError, match="same precision"):
        DateSpan.parse("2021", "2031-05")


def test_day_numbers_work_before_1970_without_timestamps() -> None:
    assert to_day(date(1970, 1, 1)) == 0
    assert to_day(date(1960, 1, 1)) == -3653
    assert from_day(-3653) == date(1960, 1, 1)
    assert from_day(to_day(date(1945, 8, 15))) == date(1945, 8, 15)


@pytest.mark.parametrize("text", ["9999-12-31", "9999", "0000", "0000-01-01", "-0001", "-44-03-15"])
def test_dates_outside_the_supported_years_are_refused_with_the_range(text: str) -> None:
    with pytest.raises(DateError, match="dates run from years 1 to 9998"):
        parse_iso(text)


def test_the_edges_of_the_supported_range_are_dates_whose_periods_can_be_framed() -> None:
    first = DateSpan.parse("0001-01-01")
    last = DateSpan.parse("9998-12-31")
    assert first.start_day < last.start_day
    assert from_day(last.end_day) == date(9999, 1, 1)  # the day after still exists
    assert DateSpan.parse("9998").last_day == date(9998, 12, 31)


def test_check_year_refuses_a_date_object_past_the_range() -> None:
    assert check_year(date(2016, 9, 3), "2016-09-03") == date(2016, 9, 3)
    with pytest.raises(DateError, match="years 1 to 9998"):
        check_year(date(9999, 1, 1), "99990101")
