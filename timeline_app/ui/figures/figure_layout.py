"""Where everything on a figure goes, in design units: ``FigureLayout``.

The layout is computed on a design canvas of the target's aspect, 1600 units wide for
a 16:9 slide (``REFERENCE``), and scaled to the target by the painter (``render.py``).
It picks the plan (which lanes, which notes fit the page), lays the marks out with the
window's own rules at the figure's scale (``mark_layout``), and gives every part its
rectangle: header, legend, lanes, axis, panel, source notes. Nothing is painted here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QFontMetricsF

from timeline_app.domain import Actor, Document, Event, EventFilter
from timeline_app.export.image_options import NOTE_LIMIT, ExportOptions, FigurePlan, plan_figure
from timeline_app.layout import order_lanes
from timeline_app.mark_layout import (
    MarksLayout,
    cluster_label,
    coarse_for_window,
    layout_timeline,
    titles_inside_view,
)
from timeline_app.ui.figures.figure_fonts import fonts
from timeline_app.ui.theme import THEMES, Theme
from timeline_app.ui.timeline.legend import legend_height
from timeline_app.ui.timeline.marks_item import measure_for
from timeline_app.ui.timeline.timeline_text import lane_label

REFERENCE = QSizeF(1600.0, 900.0)  # design units of a 16:9 slide
ZOOM = 1.5  # screen painters (marks, legend, panel) are drawn this much larger
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM, GAP = 64.0, 48.0, 40.0, 24.0
AXIS_HEIGHT = 36.0
# Rows per lane a figure keeps before it drops a lane: lanes of one row of clusters
# each say less than fewer lanes whose events are titled.
MIN_FIGURE_ROWS = 3
NOTE_SPACING = 3.0  # between source notes
NOTE_LINES = 3  # a note's date, title, outlet and quote wrap to at most this many lines
PANEL_SHARE = 0.3  # of the content width, when the relationship panel is shown
FOOTER_SHARE = 0.3  # of the page height the source notes may take at most


@dataclass(frozen=True)
class FigureSource:
    """The data of one figure: the screen's events and filter, the window, the options."""

    events: Sequence[Event]
    actors: Mapping[str, Actor]
    documents: Mapping[str, Document]
    flt: EventFilter
    window: tuple[float, float]
    options: ExportOptions

    @property
    def theme(self) -> Theme:
        return THEMES.get(self.options.theme, THEMES["light"])


def _text_height(text: str, f: QFont, width: float, max_lines: int = 2) -> float:
    metrics = QFontMetricsF(f)
    flags = Qt.TextFlag.TextWordWrap
    needed = metrics.boundingRect(QRectF(0, 0, width, 1e6), flags, text).height()
    return min(needed, metrics.lineSpacing() * max_lines)


class FigureLayout:
    """The plan and every rectangle of one figure, in design units."""

    def __init__(self, source: FigureSource, design: QSizeF) -> None:
        self.source, self.theme = source, source.theme
        self.page = QRectF(QPointF(0, 0), design)
        self.content = self.page.adjusted(MARGIN_X, MARGIN_TOP, -MARGIN_X, -MARGIN_BOTTOM)
        self.lane_order = order_lanes(source.events)
        plan = self._plan(None, NOTE_LIMIT)
        # Too many notes for the page: fewer notes (and numbers) rather than a tiny chart.
        limit = NOTE_LIMIT
        while (
            plan.footer and limit > 2 and self._footer_height(plan) > design.height() * FOOTER_SHARE
        ):
            limit -= 2
            plan = self._plan(None, limit)
        # Lanes are as tall as their rows of titled marks (as in the window): drop the
        # least busy lanes until what is left fits the body.
        while True:
            body = self._body(plan)
            if source.options.with_graph:
                panel_width = round(body.width() * PANEL_SHARE)
                self.panel = QRectF(
                    body.right() - panel_width, body.top(), panel_width, body.height()
                )
                body.setRight(self.panel.left() - GAP)
            else:
                self.panel = QRectF()
            labels = [lane_label(p, source.actors) for p in plan.lanes]
            widest = max(
                (QFontMetricsF(fonts().lane).horizontalAdvance(t) for t in labels), default=0.0
            )
            gutter = min(widest + 20, body.width() * 0.25)
            width = body.width() - gutter
            room = body.height() - AXIS_HEIGHT
            marks = self._fit_marks(plan, width, room)
            if len(plan.lanes) <= 1 or marks.height * ZOOM <= room:
                break
            plan = self._plan(len(plan.lanes) - 1, limit)
        self.plan, self.labels, self.marks = plan, labels, marks
        # Without lanes the empty-state message gets the whole body.
        n = len(plan.lanes)
        lanes_height = min(body.height() - AXIS_HEIGHT, marks.height * ZOOM if n else math.inf)
        self.plot = QRectF(body.left() + gutter, body.top(), width, lanes_height)
        self.timeline = QRectF(body.left(), body.top(), body.width(), lanes_height + AXIS_HEIGHT)

    def _fit_marks(self, plan: FigurePlan, width: float, room: float) -> MarksLayout:
        """Lanes as tall as their rows when they fit; else the lanes share the rows the
        page holds by need: the lane with the most rows gives up one at a time (more
        clusters) until they fit, so a busy lane keeps titled rows that a uniform limit
        would take from it. No lane gives up rows below ``MIN_FIGURE_ROWS``: then the
        caller drops lanes instead."""
        return self._layout_marks(plan, width, room / ZOOM)

    def _layout_marks(self, plan: FigurePlan, width: float, fit_height: float) -> MarksLayout:
        """The window's layout rules at the figure's scale, with a figure's own: a slide
        cannot zoom, so a pile stacks as deep as its lane's rows allow (all of it when
        the page has room) before its least significant events cluster; a date far
        coarser than the window goes in the thin state rows; pinned and selected events
        are placed first. A numbered event's title starts with its note number, so the
        number and the note read together."""
        lo, hi = plan.window
        options = self.source.options
        first = {*options.pinned, *options.selected}
        coarse = {e.id for e in plan.shown if coarse_for_window(e, plan.window)} - first
        footer = plan.footer
        titles = []
        for event in plan.shown:
            number = footer.number_of(event.id) if footer is not None else None
            titles.append(f"[{number}] {event.title}" if number is not None else event.title)
        # Only the events in the window: those outside would take stacking rows unseen.
        laid = layout_timeline(
            plan.shown,
            plan.lanes,
            (hi - lo) / (width / ZOOM),
            measure_for(fonts().mark),
            measure_small=measure_for(fonts().state),
            titles=titles,
            cluster_title=lambda members: _cluster_title(plan, members),
            max_rows=None,
            cluster_same_day=True,
            ranked_first=first,
            state_ids=coarse,
            pile_limit=len(plan.shown) + 1,
            fit_height=fit_height,
            min_rows=MIN_FIGURE_ROWS,
            shed_by_rank=True,
            view=plan.window,
        )
        return titles_inside_view(laid, plan.window, measure_for(fonts().mark))

    def _plan(self, max_lanes: int | None, note_limit: int) -> FigurePlan:
        s = self.source
        return plan_figure(
            s.events, s.actors, s.documents, self.lane_order, s.window, s.flt, s.options,
            max_lanes=max_lanes, note_limit=note_limit,
        )  # fmt: skip

    def header_heights(self, plan: FigurePlan) -> tuple[float, float, float]:
        width = self.content.width()
        present = legend_entries(plan)
        legend = legend_height(width / ZOOM, fonts().legend, self.theme, present) * ZOOM
        return (
            _text_height(plan.title, fonts().title, width),
            _text_height(plan.caption, fonts().caption, width),
            legend,
        )

    def _footer_height(self, plan: FigurePlan) -> float:
        if plan.footer is None or not self.source.options.notes_painted:
            return 0.0
        columns = self.note_columns(plan)
        line = QFontMetricsF(fonts().note).lineSpacing()
        tallest = max((sum(h for _, _, h in c) for c in columns), default=0.0)
        return GAP + tallest + (line if plan.footer.more_text else 0.0)

    def note_columns(self, plan: FigurePlan) -> list[list[tuple[str, str, float]]]:
        """Notes flow down two columns (one on narrow pages): (label, text, height).

        The "[n]" label hangs left of the text, so wrapped lines line up after it.
        """
        notes = plan.footer.notes if plan.footer else ()
        count = 2 if self.content.width() >= 1000 and len(notes) > 3 else 1
        width = self.note_width(count) - self.note_indent()
        per_column = math.ceil(len(notes) / count) if notes else 0
        split = [n.text.split(" ", 1) for n in notes]
        return [
            [(label, text, _text_height(text, fonts().note, width, NOTE_LINES) + NOTE_SPACING)
             for label, text in split[i : i + per_column]]
            for i in range(0, len(split), per_column or 1)
        ]  # fmt: skip

    def notes_top(self) -> float:
        """Where the first note starts: right under the axis when the lanes need less
        than the page holds (the notes follow the figure, and what room is left stays
        at the foot of the page), else as low as the notes allow."""
        lowest = self.content.bottom() - self._footer_height(self.plan) + GAP
        return min(lowest, self.timeline.bottom() + GAP)

    def note_indent(self) -> float:
        return QFontMetricsF(fonts().note_label).horizontalAdvance("[12]") + 8

    def note_width(self, columns: int) -> float:
        return (self.content.width() - GAP * (columns - 1)) / columns

    def _body(self, plan: FigurePlan) -> QRectF:
        title, caption, legend = self.header_heights(plan)
        top = self.content.top() + title + 6 + caption + GAP * 0.75 + legend + GAP * 0.5
        bottom = self.content.bottom() - self._footer_height(plan)
        return QRectF(self.content.left(), top, self.content.width(), max(bottom - top, 60.0))


def header_boxes(rect: QRectF, source: FigureSource) -> tuple[QRectF, QRectF]:
    """Where ``paint_figure`` puts the title and the caption in ``rect`` (the painter's
    units): a slide that carries them as its own text places its text boxes there."""
    scale = min(rect.width() / REFERENCE.width(), rect.height() / REFERENCE.height())
    geo = FigureLayout(source, QSizeF(rect.width() / scale, rect.height() / scale))
    title_h, caption_h, _legend = geo.header_heights(geo.plan)
    content = geo.content
    title = QRectF(content.left(), content.top(), content.width(), title_h)
    caption = QRectF(content.left(), content.top() + title_h + 6, content.width(), caption_h)

    def placed(box: QRectF) -> QRectF:
        return QRectF(
            rect.left() + box.left() * scale,
            rect.top() + box.top() * scale,
            box.width() * scale,
            box.height() * scale,
        )

    return placed(title), placed(caption)


def legend_entries(plan: FigurePlan) -> set[object]:
    """The legend entries the figure's marks use (see ``legend.paint_legend``): the
    categories and modalities shown, bars for dates longer than a day, the faded shade
    of approximate dates, the ring of events of three or more actors, the score band."""
    shown = plan.shown
    present: set[object] = {e.category for e in shown} | {e.modality for e in shown}
    if any(not e.when.is_point for e in shown):
        present.add("bar")
    if any(e.when.approximate for e in shown):
        present.add("approx")
    if any(len(e.pairs) > 1 for e in shown):  # the marks' rule for a ring
        present.add("multi")
    if shown:
        present.add("score")
    return present


def _cluster_title(plan: FigurePlan, members: Sequence[int]) -> str:
    """``[8–10, 12] 5 events · 2016–2017``: the notes of a cluster's events stay findable."""
    title = cluster_label([plan.shown[i] for i in members])
    footer = plan.footer
    if footer is None:
        return title
    found = (footer.number_of(plan.shown[i].id) for i in members)
    numbers = sorted(n for n in found if n is not None)
    return f"[{number_ranges(numbers)}] {title}" if numbers else title


def number_ranges(numbers: Sequence[int]) -> str:
    """``1, 3–5, 8`` from ``[1, 3, 4, 5, 8]`` (sorted, distinct)."""
    parts: list[str] = []
    start = prev = None
    for n in [*numbers, None]:
        if start is not None and (n is None or prev is None or n != prev + 1):
            parts.append(str(start) if start == prev else f"{start}–{prev}")
            start = None
        if n is not None and start is None:
            start = n
        prev = n
    return ", ".join(parts)
