"""Which slides a deck has, in which order, with what on them (Qt-free)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from timeline_app.dates import to_day
from timeline_app.deck_plan import (
    DeckError,
    DeckFormat,
    UnknownViewError,
    choose_views,
    deck_format_for_path,
    plan_deck,
    plan_slide,
    speaker_notes,
)
from timeline_app.domain import EventFilter, Pair
from timeline_app.export.figure_notes import source_footer
from timeline_app.saved_views import SavedView, filter_input

from ..export.test_image_options import DOCS, event

EVENTS = [
    event("v1", "2017-03-01", "IND", "VNM"),
    event("v2", "2017-06-01", "IND", "VNM"),
    event("r1", "2021-12-06", "IND", "RUS"),
    event("r2", "2021-12-07", "IND", "RUS"),
]


def events_of(flt: EventFilter) -> list:  # type: ignore[type-arg]
    """What ``Store.events`` does for the filters used here (actors and dates)."""
    return [
        e
        for e in EVENTS
        if (not flt.actors or flt.actors & set(e.actor_codes))
        and (flt.start is None or e.when.end_day > to_day(flt.start))
        and (flt.end is None or e.when.start_day <= to_day(flt.end))
    ]


SAVED = [SavedView("India and Vietnam"), SavedView("Russia"), SavedView("Summit")]


def test_every_saved_view_in_order_or_the_ones_named_in_their_order() -> None:
    assert [v.name for v in choose_views(SAVED)] == ["India and Vietnam", "Russia", "Summit"]
    assert [v.name for v in choose_views(SAVED, "Summit, India and Vietnam")] == [
        "Summit",
        "India and Vietnam",
    ]
    assert [v.name for v in choose_views(SAVED, ["Russia", "Russia"])] == ["Russia"]


def test_an_unknown_name_lists_the_saved_ones_and_no_views_says_how_to_save() -> None:
    with pytest.raises(UnknownViewError) as unknown:
        choose_views(SAVED, "Russia,Nope")
    message = str(unknown.value)
    assert "'Nope'" in message and "'India and Vietnam', 'Russia', 'Summit'" in message
    assert "\n" not in message
    with pytest.raises(DeckError, match=r"no saved views.*views save NAME"):
        choose_views([], "")


def test_the_format_follows_the_extension() -> None:
    assert deck_format_for_path("brief.PPTX") is DeckFormat.PPTX
    assert deck_format_for_path("a/brief.pdf") is DeckFormat.PDF
    with pytest.raises(DeckError, match=r"'\.png' is not a deck format"):
        deck_format_for_path("brief.png")


def test_a_slide_carries_the_views_name_caption_lanes_window_and_pins() -> None:
    view = SavedView(
        "India and Vietnam",
        filter=filter_input(date_from="2017", date_to="2017"),
        caption="Ties deepen",
        pairs=("IND-VNM",),
        selection=("v2",),
        pins=("v1",),
    )
    slide = plan_slide(view, events_of)
    assert slide.title == "India and Vietnam" and slide.caption == "Ties deepen"
    assert [e.id for e in slide.events] == ["v1", "v2"]
    assert slide.options.pairs == (Pair.parse("IND-VNM"),)
    assert slide.options.pinned == ("v1",) and slide.options.selected == ("v2",)
    assert slide.options.title == "India and Vietnam" and slide.options.caption == "Ties deepen"
    assert slide.options.with_sources and slide.options.page.pixel_size == (1920, 1080)
    # The typed dates are the window; the caption names it once (not again as a filter).
    assert slide.window == (float(to_day(date(2017, 1, 1))), float(to_day(date(2018, 1, 1))))
    assert slide.flt.start is None and slide.flt.end is None


def test_a_focused_tie_or_actor_limits_the_slide_to_it() -> None:
    tie = plan_slide(SavedView("Tie", focus=("pair", "IND-RUS")), events_of)
    assert tie.options.pairs == (Pair.parse("IND-RUS"),)
    assert {e.id for e in tie.events} == {"r1", "r2"}
    actor = plan_slide(SavedView("Vietnam", focus=("actor", "VNM")), events_of)
    assert {e.id for e in actor.events} == {"v1", "v2"} and actor.options.pairs == ()
    slides = plan_deck([SavedView("A"), SavedView("B", caption="b")], events_of, theme="dark")
    assert [s.title for s in slides] == ["A", "B"]
    assert all(s.options.theme == "dark" for s in slides)
    with pytest.raises(DeckError, match="unknown theme"):
        plan_slide(SavedView("A"), events_of, theme="sepia")


def test_speaker_notes_hold_the_numbered_notes_then_every_other_event() -> None:
    shown = [replace(e, title=f"Title of {e.id}") for e in EVENTS[:2]]
    footer = source_footer(shown, DOCS, limit=1, pinned=("v2",))
    text = speaker_notes(shown, footer, DOCS, caption="Ties deepen")
    lines = text.splitlines()
    assert lines[0] == "Ties deepen"
    assert lines[2].startswith("[1] 1 Jun 2017 · Title of v2 — The Times of India")
    others = lines.index("Other events on this slide:")
    assert "Title of v1" in lines[others + 1] and "The Times of India" in lines[others + 2]
