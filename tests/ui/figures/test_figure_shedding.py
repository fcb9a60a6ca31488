"""The README's sample slide sheds its lanes' least significant events first: an event
numbered in the notes loses its title only where no unnumbered event of its lane keeps
one, and a numbered event in a cluster is findable by the number on the cluster."""

from __future__ import annotations

import re

from timeline_app.mark_layout import MarkKind
from timeline_app.ui.figures.figure_layout import REFERENCE, ZOOM, FigureLayout

from ...layout.test_mark_layout import overlaps
from .conftest import SeedFigure


def sample_slide(seed_figure: SeedFigure) -> FigureLayout:
    source = seed_figure(
        date_from="2013", date_to="2022", pairs="IND-VNM,IND-RUS", with_graph=True,
        with_sources=True, preset="slide",
    )  # fmt: skip
    return FigureLayout(source, REFERENCE)


def numbers_in(label: str) -> set[int]:
    """``[3–5, 8] 6 events · 2016`` -> {3, 4, 5, 8}."""
    found = re.match(r"\[([\d, –]+)\]", label)
    numbers: set[int] = set()
    for part in found.group(1).split(", ") if found else []:
        lo, _, hi = part.partition("–")
        numbers.update(range(int(lo), int(hi or lo) + 1))
    return numbers


def test_the_sample_slide_titles_numbered_events_before_unnumbered_ones(
    seed_figure: SeedFigure,
) -> None:
    geo = sample_slide(seed_figure)
    footer = geo.plan.footer
    assert footer is not None and len(footer.notes) >= 8
    shown = geo.plan.shown
    for lane in range(len(geo.marks.lanes)):
        marks = [m for m in geo.marks.marks if m.lane == lane]
        titled = {m.event_index for m in marks if m.kind is not MarkKind.CLUSTER and m.label}
        every = {i for m in marks for i in m.members}
        numbered = {i for i in every if footer.number_of(shown[i].id) is not None}
        assert numbered, f"lane {lane} has no numbered event: the test says nothing"
        if titled - numbered:  # an unnumbered event keeps its title...
            untitled = sorted(shown[i].title for i in numbered - titled)
            assert not untitled, f"lane {lane}: numbered events without a title: {untitled}"
        for m in marks:  # ... and a numbered event in a cluster is named on it
            if m.kind is MarkKind.CLUSTER:
                wanted = {footer.number_of(shown[i].id) for i in m.members} - {None}
                assert wanted <= numbers_in(m.label), (m.label, wanted)
    assert not overlaps(geo.marks)
    assert geo.marks.height * ZOOM <= geo.plot.height() + 0.5


def test_the_sample_slide_names_the_2016_partnership_and_credit_line(
    seed_figure: SeedFigure,
) -> None:
    """The case that started it: both used to sit in a "[3–4] 6 events" pill."""
    geo = sample_slide(seed_figure)
    labels = [m.label for m in geo.marks.marks if m.kind is MarkKind.EVENT]
    for words in ("comprehensive", "$500 million"):
        assert any(words in label for label in labels), (words, labels)
