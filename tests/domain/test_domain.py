import pytest

from timeline_app.domain import Category, EventFilter, Pair, pairs_of


def test_pair_has_one_spelling() -> None:
    assert Pair.of("VNM", "IND") == Pair.of("IND", "VNM") == Pair("IND", "VNM")
    assert Pair.of("VNM", "IND").key == "IND-VNM"
    assert Pair.parse(" vnm-ind ") == Pair("IND", "VNM")


@pytest.mark.parametrize("bad", ["IND", "IND-", "IND-VNM-RUS", "IND-IND"])
def test_bad_pair_text_is_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        Pair.parse(bad)


def test_multilateral_event_belongs_to_every_pair() -> None:
    assert pairs_of(["IND", "RUS", "CHN"]) == (
        Pair("CHN", "IND"),
        Pair("CHN", "RUS"),
        Pair("IND", "RUS"),
    )
    assert pairs_of(["IND", "IND"]) == ()


def test_filter_describes_itself() -> None:
    flt = EventFilter(actors=frozenset({"VNM", "IND"}), categories=frozenset({Category.TRAINING}))
    assert flt.describe() == ["actors: IND, VNM", "categories: training"]
    assert EventFilter().is_empty and not flt.is_empty
