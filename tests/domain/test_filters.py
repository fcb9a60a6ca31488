from datetime import date

from timeline_app.domain import Category, Modality
from timeline_app.filters import FilterInput, build_filter


def test_typed_dates_cover_their_whole_period() -> None:
    result = build_filter(FilterInput(date_from="2013", date_to="2022-02"))
    assert result.errors == {}
    assert result.filter.start == date(2013, 1, 1)
    assert result.filter.end == date(2022, 2, 28)


def test_bad_dates_are_reported_and_ignored() -> None:
    result = build_filter(FilterInput(date_from="20x3", date_to="2010", text="  akash "))
    assert set(result.errors) == {"date_from"}
    assert result.filter.start is None and result.filter.end == date(2010, 12, 31)
    assert result.filter.text == "akash"


def test_end_before_start_is_an_error() -> None:
    result = build_filter(FilterInput(date_from="2020", date_to="2010"))
    assert result.errors == {"date_to": "the end comes before the start"}
    assert result.filter.end is None


def test_vocabularies_are_mapped_and_unknown_values_dropped() -> None:
    result = build_filter(
        FilterInput(
            categories=frozenset({"training", "nonsense"}), modalities=frozenset({"planned"})
        )
    )
    assert result.filter.categories == {Category.TRAINING}
    assert result.filter.modalities == {Modality.PLANNED}
    assert build_filter(FilterInput()).filter.is_empty


def test_dates_outside_the_supported_years_are_reported_and_ignored() -> None:
    result = build_filter(FilterInput(date_from="0000", date_to="9999-12-31"))
    assert set(result.errors) == {"date_from", "date_to"}
    assert "years 1 to 9998" in result.errors["date_to"]
    assert result.filter.start is None and result.filter.end is None
