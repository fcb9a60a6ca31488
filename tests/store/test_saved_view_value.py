"""The saved-view value and its JSON, without a database or Qt."""

from __future__ import annotations

import json

import pytest

from timeline_app.filters import FilterInput
from timeline_app.saved_views import (
    SavedView,
    SavedViewError,
    filter_input,
    from_json,
    to_dict,
    to_json,
    window_of_dates,
)
from timeline_app.view_snapshot import from_state, to_state
from timeline_app.view_state import Focus, ViewState


def test_json_round_trip_keeps_every_field() -> None:
    view = SavedView(
        "x",
        window=(1.5, 900.0),
        filter=filter_input(actors=["ind"], text="  naval ", date_from="2016-03"),
        focus=("actor", "IND"),
        selection=("e1", "e2"),
        pairs=("IND-VNM",),
        caption="a <b>caption</b>",
    )
    assert from_json("x", to_json(view)) == view
    assert json.loads(to_json(view))["filter"]["actors"] == ["IND"]


@pytest.mark.parametrize(
    ("document", "complaint"),
    [
        ("not json", "damaged"),
        ("[]", "not a JSON object"),
        ('{"format": 99}', "format 99"),
        ('{"format": 1, "window": [1]}', "window"),
        ('{"format": 1, "window": ["a", 2]}', "day number"),
        ('{"format": 1, "filter": {"actors": "IND"}}', "actors is not a list"),
        ('{"format": 1, "pairs": ["IND"]}', "IND-VNM"),
        ('{"format": 1, "focus": {"kind": "planet", "key": "x"}}', "focus kind"),
        ('{"format": 1, "caption": 3}', "caption is not text"),
    ],
)
def test_a_bad_document_is_refused_on_read(document: str, complaint: str) -> None:
    with pytest.raises(SavedViewError, match=complaint) as caught:
        from_json("v", document)
    assert "saved view 'v' is damaged" in str(caught.value)


@pytest.mark.parametrize("name", ["", " padded", "two\nlines", "x" * 81])
def test_bad_names_are_refused(name: str) -> None:
    with pytest.raises(SavedViewError):
        SavedView(name)


def test_filter_input_refuses_what_the_filter_bar_would_ignore() -> None:
    with pytest.raises(SavedViewError, match="unknown category sport"):
        filter_input(categories=["visit", "sport"])
    with pytest.raises(SavedViewError, match="unknown modality"):
        filter_input(modalities=["maybe"])
    with pytest.raises(SavedViewError, match="--from"):
        filter_input(date_from="20x6")
    with pytest.raises(SavedViewError, match="--to: the end comes before the start"):
        filter_input(date_from="2019", date_to="2018")
    assert filter_input(categories=["VISIT"]).categories == frozenset({"visit"})


def test_window_of_dates_covers_the_typed_periods() -> None:
    assert window_of_dates("2016", "") is None
    window = window_of_dates("2016", "2016")
    assert window is not None and window[1] - window[0] == 366  # 2016 is a leap year


def test_describe_names_the_window_and_the_filter() -> None:
    view = SavedView(
        "v",
        window=window_of_dates("2016", "2017"),
        filter=filter_input(actors=["IND"]),
        pairs=("IND-VNM",),
    )
    assert view.describe() == "2016-01-01 to 2017-12-31; actors: IND; pairs: IND-VNM"
    assert SavedView("empty").describe() == "everything"
    assert to_dict(view)["name"] == "v"


def test_a_view_state_round_trips_through_a_saved_view() -> None:
    state = ViewState(
        window=(100.0, 200.0),
        filter=FilterInput(text="Akash"),
        focus=Focus("pair", "IND-VNM"),
        selection="e1",
        bulk_layer=False,
    )
    saved = from_state("v", state, caption="c", pairs=["vnm-ind"])
    assert saved.pairs == ("IND-VNM",) and saved.focus == ("pair", "IND-VNM")
    elsewhere = ViewState(window=(0.0, 1.0))
    restored = to_state(saved, elsewhere)
    assert restored == ViewState(
        window=(100.0, 200.0),
        filter=FilterInput(text="Akash"),
        focus=Focus("pair", "IND-VNM"),
        selection="e1",
        bulk_layer=True,  # not part of a saved view: kept from the current state
    )


def test_pins_round_trip_and_a_view_saved_before_pins_reads_without_any() -> None:
    view = SavedView("pinned", pins=("e2", "e1"), selection=("e3",))
    again = from_json("pinned", to_json(view))
    assert again.pins == ("e2", "e1") and again == view
    assert "2 pinned" in view.describe()
    old = json.loads(to_json(SavedView("old")))
    del old["pins"]  # a row written before pins existed
    assert from_json("old", json.dumps(old)).pins == ()
    with pytest.raises(SavedViewError, match="pins is not a list"):
        from_json("bad", json.dumps({**old, "pins": "e1"}))
