"""Which events get a numbered note, how they are numbered, what a note says, and the
appendix that lists every event's sources."""

from __future__ import annotations

from dataclasses import replace

from timeline_app.dates import DateSpan
from timeline_app.export import figure_notes as notes

from .test_image_options import DOCS, event


def test_selected_events_get_notes_first_then_the_most_significant() -> None:
    events = [event(f"e{i}", f"2017-0{i + 1}-01", "IND", "VNM") for i in range(6)]
    events[4] = replace(events[4], score=-9.0)  # a strong conflict matters as much as cooperation
    events[2] = replace(events[2], score=1.0)
    events[1] = event("e1", "2017-02-01", "IND", "VNM", quotes=("a", "b", "c"))
    footer = notes.source_footer(events, DOCS, limit=3, selected=("e2",))
    # Chosen: the selection (despite its weak score), the strongest score, the most sources.
    assert [n.event_id for n in footer.notes] == ["e1", "e2", "e4"]
    # Numbered in date order, so the numbers on the marks rise from left to right.
    assert [n.number for n in footer.notes] == [1, 2, 3]
    assert footer.more == 3
    unselected = notes.source_footer(events, DOCS, limit=3)
    assert [n.event_id for n in unselected.notes] == ["e0", "e1", "e4"]


def test_short_dates_follow_the_precision() -> None:
    assert notes.short_date(DateSpan.parse("2021-12-06")) == "6 Dec 2021"
    assert notes.short_date(DateSpan.parse("2016-09")) == "Sep 2016"
    assert notes.short_date(DateSpan.parse("2021", "2031")) == "2021–2031"
    assert notes.short_date(DateSpan.parse("2017", approximate=True)) == "c. 2017"


def test_the_appendix_lists_every_event_with_all_its_sources() -> None:
    events = [event(f"e{i}", f"2017-0{i + 1}-01", "IND", "VNM") for i in range(4)]
    events[3] = event("e3", "2017-04-01", "IND", "VNM", quotes=("first quote", "second quote"))
    footer = notes.source_footer(events, DOCS, limit=2)
    entries = notes.appendix_entries(events, DOCS, footer)
    assert [e.heading for e in entries] == [
        "1 Jan 2017 · e0", "1 Feb 2017 · e1", "1 Mar 2017 · e2", "1 Apr 2017 · e3",
    ]  # fmt: skip
    # Notes went to e3 (two sources), then the earliest; numbered by date.
    assert [e.label for e in entries] == ["[1]", "", "", "[2]"]
    assert entries[3].sources == (
        "The Times of India, Jan 2017: 'first quote'",
        "The Times of India, Jan 2017: 'second quote'",
    )


def test_pinned_events_get_notes_before_the_selection_and_the_significant() -> None:
    events = [event(f"e{i}", f"2017-0{i + 1}-01", "IND", "VNM") for i in range(6)]
    events[0] = replace(events[0], score=-9.0)  # the most significant, unpinned
    footer = notes.source_footer(events, DOCS, limit=3, selected=("e5",), pinned=("e3", "e2"))
    # Pins first (both), then the selection: the strong e0 no longer fits.
    assert [n.event_id for n in footer.notes] == ["e2", "e3", "e5"]
    order = notes.note_priority(events, selected=("e5",), pinned=("e3", "e2"))
    assert [e.id for e in order[:4]] == ["e3", "e2", "e5", "e0"]
    # A pinned event that is also selected counts once, at its pin's place.
    again = notes.note_priority(events, selected=("e2",), pinned=("e2",))
    assert [e.id for e in again[:2]] == ["e2", "e0"]
