"""The one view state: notifications, undo steps, bursts, and the Esc order."""

from __future__ import annotations

from datetime import date

from timeline_app.domain import EventFilter
from timeline_app.filters import FilterInput
from timeline_app.view_rules import ESCAPE_ORDER, escape_message, escape_step, frame_for_filter
from timeline_app.view_state import BURST_GAP_S, Focus, ViewModel, ViewState

START = ViewState(window=(0.0, 100.0))


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def model() -> tuple[ViewModel, FakeClock, list[frozenset[str]]]:
    clock = FakeClock()
    view = ViewModel(START, clock=clock)
    seen: list[frozenset[str]] = []
    view.subscribe(lambda _old, _new, changed: seen.append(changed))
    return view, clock, seen


def test_listeners_hear_which_fields_changed() -> None:
    view, _clock, seen = model()
    assert view.update(window=(10.0, 20.0), filter=FilterInput(text="Akash"))
    assert seen == [frozenset({"window", "filter"})]
    assert not view.update(window=(10.0, 20.0))  # no change, no notice, no step
    assert len(seen) == 1 and view.can_undo


def test_undo_and_redo_walk_in_order_and_never_resurrect() -> None:
    view, clock, _seen = model()
    view.update(filter=FilterInput(text="Akash"))
    clock.now += 5
    view.update(filter=FilterInput())  # the search cleared
    clock.now += 5
    view.update(window=(30.0, 40.0), burst="window")  # then a zoom
    assert view.undo() and view.state == ViewState((0.0, 100.0), FilterInput())
    assert view.undo() and view.state.filter.text == "Akash"
    assert view.undo() and view.state == START
    assert not view.undo() and view.state == START
    assert view.redo() and view.state.filter.text == "Akash"
    assert view.redo() and view.state.filter == FilterInput()
    assert view.redo() and view.state.window == (30.0, 40.0)
    assert view.state.filter == FilterInput()  # the old search stays gone
    assert not view.can_redo


def test_a_burst_of_wheel_steps_is_one_undo_step() -> None:
    view, clock, _seen = model()
    for i in range(1, 8):
        clock.now += BURST_GAP_S / 3
        view.update(window=(float(i), 100.0 - i), burst="window")
    clock.now += BURST_GAP_S * 2  # a pause: the next zoom is a new step
    view.update(window=(50.0, 60.0), burst="window")
    assert view.undo() and view.state.window == (7.0, 93.0)
    assert view.undo() and view.state == START
    assert not view.can_undo


def test_a_burst_of_another_kind_breaks_the_run() -> None:
    view, clock, _seen = model()
    view.update(window=(1.0, 99.0), burst="window")
    clock.now += 0.1
    view.update(selection="e1", burst="selection")
    clock.now += 0.1
    view.update(window=(2.0, 98.0), burst="window")
    assert view.undo() and view.state.window == (1.0, 99.0) and view.state.selection == "e1"
    assert view.undo() and view.state.selection is None
    assert view.undo() and view.state == START


def test_an_unrecorded_change_joins_the_current_step() -> None:
    view, _clock, _seen = model()
    view.update(filter=FilterInput(date_from="2016", date_to="2017"))
    view.update(record=False, window=(16.0, 17.0), selection="e1")  # the frame that follows
    assert view.undo() and view.state == START  # filter and frame undone together
    assert view.redo() and view.state.window == (16.0, 17.0) and view.state.selection == "e1"


def test_esc_clears_one_thing_at_a_time_in_the_stated_order() -> None:
    state = ViewState(
        window=(0.0, 1.0),
        filter=FilterInput(
            text="2+2",
            actors=frozenset({"IND"}),
            categories=frozenset({"visit"}),
            modalities=frozenset({"planned"}),
            date_from="2016",
            date_to="2017",
        ),
        focus=Focus("pair", "IND-VNM"),
        selection="e1",
    )
    cleared = []
    while (step := escape_step(state)) is not None:
        part, after = step
        assert len(after.changed_fields(state)) == 1  # one thing each time
        cleared.append(part)
        state = after
    assert tuple(cleared) == ESCAPE_ORDER
    assert state.filter == FilterInput() and state.focus is None and state.selection is None


def test_esc_with_nothing_selected_keeps_the_filters_it_does_not_clear() -> None:
    state = ViewState(
        window=(0.0, 1.0),
        filter=FilterInput(actors=frozenset({"IND"}), date_from="2016", date_to="2017"),
    )
    step = escape_step(state)
    assert step is not None
    part, after = step
    assert part == "dates" and after.filter.actors == {"IND"}
    assert escape_message(part, state) == (
        "Esc cleared the date range 2016 – 2017 · Ctrl+Z brings it back"
    )


def test_a_filter_frames_its_matches_and_a_range_frames_itself() -> None:
    spans = [(float(d), float(d) + 1) for d in (17000, 17100, 17200, 18000)]
    assert frame_for_filter(EventFilter(), spans) is None
    assert frame_for_filter(EventFilter(text="x"), []) is None
    lo, hi = frame_for_filter(EventFilter(text="x"), spans) or (0, 0)
    assert lo <= 17000 and hi > 18000
    ranged = EventFilter(start=date(2016, 1, 1), end=date(2017, 12, 31))
    assert frame_for_filter(ranged, spans) == (16801.0, 17532.0)
