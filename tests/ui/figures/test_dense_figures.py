"""Figures title the heart of a period: the December 2021 summit on the seeds names its
events of 6 December instead of one grey pile, and a sparser figure keeps every title."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from timeline_app.dates import to_day
from timeline_app.mark_layout import MarkKind, MarksLayout
from timeline_app.ui.figures.figure_layout import (
    GAP,
    MIN_FIGURE_ROWS,
    REFERENCE,
    ZOOM,
    FigureLayout,
    FigureSource,
)

from ...layout.test_mark_layout import overlaps
from .conftest import SeedFigure

PINNED = "ind-rus-2021-12-06-first-2plus2-dialogue"
SUMMIT_DAY = to_day(date(2021, 12, 6))


def december(seed_figure: SeedFigure) -> FigureSource:
    """The README's sample deck page: 25 Nov - 15 Dec 2021, India-Russia, one pin."""
    source = seed_figure(
        date_from="2021-11-25", date_to="2021-12-15", pairs="IND-RUS", with_sources=True,
        format="pdf",
    )  # fmt: skip
    return replace(source, options=replace(source.options, pinned=(PINNED,)))


def titled_ids(geo: FigureLayout) -> set[str]:
    """Events whose mark carries its whole title (the note number in front included)."""
    shown = geo.plan.shown
    return {
        shown[m.event_index].id
        for m in geo.marks.marks
        if m.kind is not MarkKind.CLUSTER and m.label and m.label == m.title
    }


def clustered_ids(layout: MarksLayout, geo: FigureLayout) -> set[str]:
    return {
        geo.plan.shown[i].id for m in layout.marks if m.kind is MarkKind.CLUSTER for i in m.members
    }


def test_the_december_summit_titles_the_pinned_event_and_most_of_6_december(
    seed_figure: SeedFigure,
) -> None:
    geo = FigureLayout(december(seed_figure), REFERENCE)
    summit = {e.id for e in geo.plan.shown if e.when.is_point and e.when.start_day == SUMMIT_DAY}
    assert len(summit) >= 8  # the seeds' busy day (the test is about it)
    titled = titled_ids(geo)
    assert PINNED in titled
    assert len(summit & titled) >= 6, f"{len(summit & titled)} of {len(summit)} titled"
    assert not overlaps(geo.marks)
    assert geo.marks.height * ZOOM <= geo.plot.height() + 0.5  # the lanes fit the page


def test_month_spans_go_in_the_state_rows_and_do_not_push_day_events_into_a_cluster(
    seed_figure: SeedFigure,
) -> None:
    geo = FigureLayout(december(seed_figure), REFERENCE)
    shown = geo.plan.shown
    coarse = {e.id for e in shown if not e.when.is_point}
    states = {shown[m.event_index].id for m in geo.marks.marks if m.kind is MarkKind.STATE}
    assert len(coarse) >= 3 and coarse == states
    # The day events that are clustered are the least significant of the day: every
    # titled one ranks above every clustered one (pinned first, then score, sources).
    clustered = clustered_ids(geo.marks, geo)
    assert clustered.isdisjoint(coarse) and PINNED not in clustered
    by_id = {e.id: e for e in shown}
    titled_day = titled_ids(geo) - coarse - {PINNED}

    def strength(event_id: str) -> tuple[float, int]:
        e = by_id[event_id]
        return abs(e.score), len(e.citations)

    assert min(map(strength, titled_day)) >= max(map(strength, clustered), default=(0.0, 0))


def test_india_vietnam_2016_2018_still_titles_every_event(seed_figure: SeedFigure) -> None:
    source = seed_figure(
        date_from="2016", date_to="2018", pairs="IND-VNM", with_sources=True, format="pdf"
    )
    geo = FigureLayout(source, REFERENCE)
    assert titled_ids(geo) | readable_shortened(geo) == {e.id for e in geo.plan.shown}
    assert not clustered_ids(geo.marks, geo) and not overlaps(geo.marks)


def readable_shortened(geo: FigureLayout) -> set[str]:
    """Events whose title is shortened but still says what happened (20 characters)."""
    return {
        geo.plan.shown[m.event_index].id
        for m in geo.marks.marks
        if m.kind is not MarkKind.CLUSTER and len(m.label.rstrip("…")) >= 20
    }


def test_the_notes_follow_the_axis_when_the_lanes_need_less_than_the_page(
    seed_figure: SeedFigure,
) -> None:
    source = seed_figure(
        date_from="2016", date_to="2018", pairs="IND-VNM", with_sources=True, format="pdf"
    )
    geo = FigureLayout(source, REFERENCE)
    lowest = geo.content.bottom() - geo._footer_height(geo.plan) + GAP
    assert lowest - geo.timeline.bottom() > 40  # this figure leaves room on the page
    assert geo.notes_top() == geo.timeline.bottom() + GAP  # the notes follow the axis
    # The summit's lanes use the page: less than one row of it is left above the notes.
    full = FigureLayout(december(seed_figure), REFERENCE)
    at_foot = full.content.bottom() - full._footer_height(full.plan) + GAP
    assert at_foot - full.marks.style.row * ZOOM < full.notes_top() <= at_foot


def test_the_sample_slide_shares_its_rows_so_the_summit_is_named(seed_figure: SeedFigure) -> None:
    """The README's slide (2013-2022, India-Vietnam and India-Russia): India-Russia's
    December 2021 pile needs rows that India-Vietnam, titled row after row, gives up."""
    source = seed_figure(
        date_from="2013", date_to="2022", pairs="IND-VNM,IND-RUS", with_graph=True,
        with_sources=True, preset="slide",
    )  # fmt: skip
    geo = FigureLayout(source, REFERENCE)
    lanes = [f"{p.a}-{p.b}" for p in geo.marks.lanes]
    assert lanes == ["IND-VNM", "IND-RUS"]
    shown, marks = geo.plan.shown, geo.marks.marks
    summit = {e.id for e in shown if e.when.is_point and e.when.start_day == SUMMIT_DAY}
    russia_titled = {shown[m.event_index].id for m in marks if m.lane == 1} & titled_ids(geo)
    assert len(summit) >= 8 and len(summit & russia_titled) >= 4
    vietnam = {shown[i].id for m in marks if m.lane == 0 for i in m.members}
    vietnam_named = titled_ids(geo) | readable_shortened(geo)
    assert len(vietnam & vietnam_named) >= 4  # still a story on India-Vietnam
    assert min(box.rows for box in geo.marks.boxes) >= MIN_FIGURE_ROWS
    assert not overlaps(geo.marks)
    assert geo.marks.height * ZOOM <= geo.plot.height() + 0.5  # the lanes fit the page
