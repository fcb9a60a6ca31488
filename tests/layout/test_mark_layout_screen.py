"""The screen's rules over the layout: lane order, titling the selection, finding marks."""

from __future__ import annotations

from timeline_app.domain import Pair
from timeline_app.layout import order_lanes
from timeline_app.mark_layout import MarksLayout
from timeline_app.mark_layout.screen import (
    lanes_gathered_first,
    layout_for_zoom,
    mark_of_event,
)

from .events import make_event
from .test_mark_layout import measure


def test_gathered_lanes_come_first_in_their_order_and_unknown_ones_are_ignored() -> None:
    busiest = (Pair("A", "B"), Pair("C", "D"), Pair("E", "F"))
    gathered = (Pair("E", "F"), Pair("X", "Y"), Pair("A", "B"))
    assert lanes_gathered_first(busiest, gathered) == (
        Pair("E", "F"),
        Pair("A", "B"),
        Pair("C", "D"),
    )
    assert lanes_gathered_first(busiest, ()) == busiest


def test_the_selection_is_ranked_first_only_when_it_would_go_untitled() -> None:
    # Marks 20 px apart whose titles are 120 px long: three rows hold only some.
    events = [
        make_event(f"e{i}", f"2021-12-{1 + 2 * i:02d}", score=float(10 - i), title=f"T{i:02d}" * 5)
        for i in range(12)
    ]
    lanes = order_lanes(events)

    def lay(selected: str | None) -> MarksLayout:
        return layout_for_zoom(events, lanes, 0.1, measure, measure, selected)

    plain = lay(None)
    titled = {plain.marks[n].event_index for n, m in enumerate(plain.marks) if m.label == m.title}
    untitled = next(i for i in range(len(events)) if i not in titled)
    kept = next(iter(titled))
    assert lay(events[kept].id) == plain  # already titled: nothing moves
    chosen = lay(events[untitled].id)
    mark = mark_of_event(chosen, untitled)
    assert mark is not None and mark.label == mark.title


def test_the_mark_of_an_event_is_its_own_or_its_clusters() -> None:
    events = [make_event(f"e{i}", f"2021-12-{6 + i % 2:02d}") for i in range(12)]
    layout = layout_for_zoom(events, order_lanes(events), 30.0, measure, measure, None)
    for index in range(len(events)):
        mark = mark_of_event(layout, index)
        assert mark is not None and index in mark.members
    assert mark_of_event(layout, 0, lane=5) is None
