"""Framing rules: the dense period, exact date ranges, what lies outside."""

from __future__ import annotations

from datetime import date

import pytest

from timeline_app.dates import to_day
from timeline_app.framing import (
    MATCH_MARGIN,
    MIN_MATCH_DAYS,
    dense_period,
    fit_window,
    including,
    matches_window,
    outside,
    range_window,
    spans_of,
    whole_years,
    window_label,
)
from timeline_app.ingest.corpus import read_corpus
from timeline_app.services import bundled_corpus_paths


def day(y: int, m: int = 1, d: int = 1) -> float:
    return float(to_day(date(y, m, d)))


def point(y: int, m: int = 6, d: int = 15) -> tuple[float, float]:
    return day(y, m, d), day(y, m, d) + 1


def test_whole_years_round_out() -> None:
    assert whole_years(day(2016, 3, 4), day(2018, 7, 1)) == (day(2016), day(2019))
    assert whole_years(day(2016, 3, 4), day(2016, 3, 5)) == (day(2016), day(2017))
    # A half-open end on 1 January stays in the year before.
    assert whole_years(day(2016), day(2018)) == (day(2016), day(2018))


def test_dense_period_leaves_out_far_outliers() -> None:
    spans = [point(1945), point(1960)] + [point(2015 + i % 6, 1 + i % 12) for i in range(30)]
    assert dense_period(spans) == (day(2015), day(2021))
    assert fit_window(spans) == (day(1945), day(2021))
    assert outside(spans, (day(2015), day(2021))) == 2


def test_a_few_events_are_all_framed() -> None:
    spans = [point(1990), point(2016), point(2021)]
    assert dense_period(spans) == (day(1990), day(2022))
    assert dense_period([]) is None and fit_window([]) is None


def test_a_long_span_is_framed_by_its_start_a_short_one_whole() -> None:
    programme = (day(2021), day(2032))  # 2021 to 2031
    visit = (day(2019, 12, 20), day(2020, 1, 10))
    assert dense_period([programme]) == (day(2021), day(2022))
    assert dense_period([visit]) == (day(2019), day(2021))


def test_a_date_range_is_framed_exactly() -> None:
    spans = [point(2019), point(2021)]
    assert range_window(date(2016, 1, 1), date(2017, 12, 31), spans) == (day(2016), day(2018))
    assert range_window(date(2016, 5, 1), None, spans) == (day(2016, 5, 1), day(2022))
    assert range_window(None, date(2020, 6, 30), spans) == (day(2019), day(2020, 7, 1))
    lo, hi = range_window(date(2030, 1, 1), None, spans)  # after every event
    assert lo == day(2030) and hi > lo


def test_only_an_end_before_the_dense_period_still_ends_there() -> None:
    spans = [point(1962), point(1975)] + [point(2016 + i % 6) for i in range(20)]
    # Before the dense period: the events before the end are framed, up to the end.
    assert range_window(None, date(1990, 12, 31), spans) == (day(1962), day(1991))
    # Before every event: a year up to the end, not the dense period.
    assert range_window(None, date(1950, 12, 31), spans) == (day(1950), day(1951))
    # The first day a date can name bounds the window.
    assert range_window(None, date(1, 6, 1), spans) == (day(1), day(1, 6, 2))


def test_only_a_start_after_the_dense_period_still_starts_there() -> None:
    spans = [point(2016 + i % 6) for i in range(20)] + [(day(2030), day(2030) + 1)]
    assert range_window(date(2025, 1, 1), None, spans) == (day(2025), day(2031))
    assert range_window(date(2040, 1, 1), None, spans) == (day(2040), day(2041))
    lo, hi = range_window(date(9999, 12, 1), None, spans)
    assert (lo, hi) == (day(9999, 12, 1), day(9999, 12, 31) + 1)


def test_including_widens_to_the_best_match_with_a_margin() -> None:
    window = (day(2016), day(2022))
    assert including(window, point(2019)) == window
    lo, hi = including(window, point(2013))
    start = point(2013)[0]
    assert hi == day(2022) and start - lo == pytest.approx((day(2022) - start) * MATCH_MARGIN)
    assert including(window, None) == window


def test_matches_are_framed_with_a_margin_not_at_the_edge() -> None:
    december = [(float(day(2021) + 339 + i), float(day(2021) + 340 + i)) for i in range(7)]
    border = [(float(day(2020) + 130), float(day(2020) + 131))]
    framed = matches_window(december + border)
    assert framed is not None
    lo, hi = framed
    first, last = day(2020) + 130, day(2021) + 346  # the border event, the last December one
    margin = (last - first) * MATCH_MARGIN
    assert (first - lo, hi - last) == (pytest.approx(margin), pytest.approx(margin))
    assert hi > day(2022)  # December 2021 is not at the edge: a margin follows it
    one = matches_window([(float(day(2021)), float(day(2021) + 1))])
    assert one is not None and one[1] - one[0] >= MIN_MATCH_DAYS


def test_the_seeds_first_view_is_2016_to_2022() -> None:
    corpus = read_corpus(bundled_corpus_paths())
    spans = spans_of(corpus.events)
    assert dense_period(spans) == (day(2016), day(2023))
    assert min(s[0] for s in spans) < day(1961)  # what fit-all would squeeze in


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [
        (date(2013, 1, 1), date(2023, 1, 1), "2013 – 2022"),
        (date(2021, 1, 1), date(2023, 1, 1), "2021 – 2022"),
        (date(2021, 3, 1), date(2021, 7, 1), "Mar – Jun 2021"),
        (date(2021, 11, 1), date(2022, 3, 1), "Nov 2021 – Feb 2022"),
        (date(2021, 11, 20), date(2021, 12, 21), "20 Nov – 20 Dec 2021"),
        (date(2021, 12, 28), date(2022, 1, 6), "28 Dec 2021 – 5 Jan 2022"),
    ],
)
def test_the_window_is_named_as_finely_as_it_needs(lo: date, hi: date, expected: str) -> None:
    assert window_label((float(to_day(lo)), float(to_day(hi)))) == expected
