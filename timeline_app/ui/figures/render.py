"""Slide-ready timeline figures: one painter function for every paint device.

``paint_figure`` draws the whole figure (title, caption, legend, lanes with their
labels, date axis, optional relationship panel and source notes) onto any QPainter
inside a target rectangle. PNG, SVG and PDF only differ in the device they hand it
(``ui/figures/figure_files.py``).

The layout is computed on a design canvas of the target's aspect, 1600 units wide
for a 16:9 slide, and scaled to the target: text keeps its proportions at every size
and scale. The screen's own painters draw the marks, the legend and the panel
(``paint_timeline``, ``paint_legend``, ``RelationView``) at ``ZOOM``, so the file
shows what the window shows, at a size that reads from the back of a room.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPainter,
    QPen,
    QPicture,
    QTransform,
)

from timeline_app.domain import Actor, Document, Event, EventFilter
from timeline_app.export.image_options import (
    NOTE_LIMIT,
    ExportOptions,
    FigurePlan,
    ImageFormat,
    plan_figure,
)
from timeline_app.layout import actor_index, date_ticks, order_lanes, pair_index
from timeline_app.mark_layout import (
    MarksLayout,
    cluster_label,
    coarse_for_window,
    layout_timeline,
    titles_inside_view,
)
from timeline_app.ui.relations.relation_view import RelationView
from timeline_app.ui.theme import THEMES, Theme
from timeline_app.ui.timeline.legend import legend_height, paint_legend
from timeline_app.ui.timeline.marks_item import (
    LABEL_PX,
    STATE_LABEL_PX,
    TimelineScene,
    measure_for,
    paint_timeline,
)
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
EMPTY_TEXT = "No events in this window"
# The smallest text in design units, notes included. A 16:9 slide is 1920 px wide on a
# 1600-unit canvas (1.2 px a unit) and a 4:3 slide 1600 px (1 px a unit), so no text on
# either is smaller than 14 px, which still reads from the back of a room. Fonts drawn
# under ZOOM need only MIN_TEXT_PX / ZOOM (the number badges' 10 px is 15 units).
MIN_TEXT_PX = 14
_FAMILIES = ("Segoe UI", "Helvetica Neue", "Arial", "Liberation Sans", "Noto Sans", "DejaVu Sans")


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


@cache
def family() -> str:
    # A named family: SVG viewers do not know Qt's generic "Sans Serif".
    available = set(QFontDatabase.families())
    return next((f for f in _FAMILIES if f in available), QFont().family())


def font(px: int, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    f = QFont(family())
    f.setPixelSize(px)
    f.setWeight(weight)
    # Unhinted advances scale linearly, so text measured here fits at any scale.
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


@dataclass(frozen=True)
class Fonts:
    title: QFont
    caption: QFont
    lane: QFont
    axis: QFont
    note: QFont
    note_label: QFont
    empty: QFont
    number: QFont  # under ZOOM
    legend: QFont  # under ZOOM: the size the window's legend uses
    mark: QFont  # under ZOOM: event titles beside their marks, as in the window
    state: QFont  # under ZOOM: titles of long-running states


@cache
def fonts() -> Fonts:
    """Made on first use: fonts need a running QGuiApplication."""
    bold = QFont.Weight.Bold
    return Fonts(
        font(34, QFont.Weight.DemiBold), font(17), font(17), font(MIN_TEXT_PX),
        font(MIN_TEXT_PX), font(MIN_TEXT_PX, bold), font(22), font(10, bold), font(11),
        font(LABEL_PX), font(STATE_LABEL_PX),
    )  # fmt: skip


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
        """Lanes as tall as their rows when they fit; else one row fewer per lane at a
        time (more clusters) until they do, so a lane keeps as many titled rows as the
        page holds. Below ``MIN_FIGURE_ROWS`` the caller drops lanes instead."""
        marks = self._layout_marks(plan, width, None)
        limit = max((box.rows for box in marks.boxes), default=0)
        while marks.height * ZOOM > room and limit > MIN_FIGURE_ROWS:
            limit -= 1
            marks = self._layout_marks(plan, width, limit)
        return marks

    def _layout_marks(self, plan: FigurePlan, width: float, max_rows: int | None) -> MarksLayout:
        """The window's layout rules at the figure's scale, with a figure's own: a slide
        cannot zoom, so a pile stacks as deep as ``max_rows`` (all of it without a limit)
        before its least significant events cluster; a date far coarser than the window
        goes in the thin state rows; pinned and selected events are placed first. A
        numbered event's title starts with its note number, so the number and the note
        read together."""
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
            max_rows=max_rows,
            cluster_same_day=max_rows is not None,
            ranked_first=first,
            state_ids=coarse,
            pile_limit=max_rows if max_rows is not None else len(plan.shown) + 1,
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


def paint_figure(painter: QPainter, rect: QRectF, source: FigureSource) -> FigurePlan:
    """Draw the figure into ``rect`` (the painter's logical units); returns its plan."""
    scale = min(rect.width() / REFERENCE.width(), rect.height() / REFERENCE.height())
    geo = FigureLayout(source, QSizeF(rect.width() / scale, rect.height() / scale))
    painter.save()
    painter.translate(rect.topLeft())
    painter.scale(scale, scale)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.fillRect(geo.page, QColor(geo.theme.background))
    _paint_timeline(painter, geo)
    _paint_header(painter, geo)
    if source.options.with_graph:
        _paint_panel(painter, geo)
    if geo.plan.footer is not None and source.options.notes_painted:
        _paint_footer(painter, geo)
    painter.restore()
    return geo.plan


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


def _paint_header(painter: QPainter, geo: FigureLayout) -> None:
    theme, content, plan = geo.theme, geo.content, geo.plan
    title_h, caption_h, legend_h = geo.header_heights(plan)
    wrap = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
    top = content.top() + title_h + 6
    if geo.source.options.header_painted:
        painter.setFont(fonts().title)
        painter.setPen(QColor(theme.text))
        painter.drawText(
            QRectF(content.left(), content.top(), content.width(), title_h), wrap, plan.title
        )
        painter.setFont(fonts().caption)
        painter.setPen(QColor(theme.muted_text))
        painter.drawText(
            QRectF(content.left(), top, content.width(), caption_h), wrap, plan.caption
        )
    painter.save()
    painter.translate(content.left(), top + caption_h + GAP * 0.75)
    painter.scale(ZOOM, ZOOM)
    rect = QRectF(0, 0, content.width() / ZOOM, legend_h / ZOOM)
    paint_legend(painter, rect, theme, fonts().legend, legend_entries(plan))
    painter.restore()


def _paint_timeline(painter: QPainter, geo: FigureLayout) -> None:
    theme, plan, plot = geo.theme, geo.plan, geo.plot
    lo, hi = plan.window
    width, height = plot.width() / ZOOM, plot.height() / ZOOM  # the screen painters' pixels
    numbered = plan.footer is not None and bool(plan.footer.notes)
    layout = geo.marks
    # x: days to pixels; y: the layout's pixels as they are (lanes keep their heights).
    to_device = QTransform(width / (hi - lo), 0, 0, 1, -lo * width / (hi - lo), 0)
    painter.save()
    painter.translate(plot.topLeft())
    painter.scale(ZOOM, ZOOM)
    clip = QRectF(0, 0, width, _whole_rows(layout, height))
    painter.setClipRect(clip)  # raster and PDF; SVG ignores clips, hence the masks below
    if plan.lanes:
        scene = TimelineScene(
            layout, plan.shown, theme, font=fonts().mark, small_font=fonts().state
        )
        paint_timeline(painter, to_device, scene, clip)
        if numbered:
            _paint_numbers(painter, to_device, layout, geo, clip)
    painter.restore()
    background = QColor(theme.background)
    top, bottom = plot.top() - 20, plot.bottom() + 1
    painter.fillRect(QRectF(0, top, plot.left(), bottom - top), background)
    painter.fillRect(QRectF(plot.right(), top, geo.page.right(), bottom - top), background)
    _paint_lane_labels(painter, geo)
    _paint_axis(painter, geo)
    if not plan.shown:
        painter.setFont(fonts().empty)
        painter.setPen(QColor(theme.muted_text))
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, EMPTY_TEXT)


def _whole_rows(layout: MarksLayout, height: float) -> float:
    """The height down to the last row of marks that fits whole: a lane with more rows
    than the page holds (long bars cannot be clustered) loses its last rows, rather
    than showing one cut in half by the axis."""
    if layout.height <= height:
        return height
    bottoms = [m.y + layout.mark_height(m) / 2 + 4 for m in layout.marks]
    fitting = [b for b in bottoms if b <= height]
    return max(fitting, default=height)


def _paint_lane_labels(painter: QPainter, geo: FigureLayout) -> None:
    plot, layout = geo.plot, geo.marks
    metrics = QFontMetricsF(fonts().lane)
    painter.setFont(fonts().lane)
    painter.setPen(QColor(geo.theme.text))
    space = plot.left() - geo.timeline.left() - 14
    for i, text in enumerate(geo.labels):
        if i >= len(layout.boxes):
            break
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, space)
        centre = plot.top() + layout.label_y(i) * ZOOM
        box = QRectF(geo.timeline.left(), centre - metrics.height(), space, 2 * metrics.height())
        painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)


def _paint_axis(painter: QPainter, geo: FigureLayout) -> None:
    theme, plot = geo.theme, geo.plot
    lo, hi = geo.plan.window
    metrics = QFontMetricsF(fonts().axis)
    painter.setPen(QPen(QColor(theme.muted_text), 1.2))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.setFont(fonts().axis)
    for tick in date_ticks(lo, hi, max_ticks=max(2, int(plot.width() / 80))):
        x = plot.left() + (tick.day - lo) / (hi - lo) * plot.width()
        painter.setPen(QPen(QColor(theme.muted_text), 1.2))
        painter.drawLine(
            QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + (7 if tick.major else 4))
        )
        half = metrics.horizontalAdvance(tick.label) / 2 + 2
        centre = min(max(x, plot.left() + half), plot.right() - half)  # never cut at the ends
        painter.setPen(QColor(theme.text if tick.major else theme.muted_text))
        box = QRectF(centre - half, plot.bottom() + 9, 2 * half, metrics.height())
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, tick.label)


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


def _paint_numbers(
    painter: QPainter,
    to_device: QTransform,
    layout: MarksLayout,
    geo: FigureLayout,
    clip: QRectF,
) -> None:
    """Note numbers for numbered marks that had no room for their title (a title starts
    with its number): a small badge just above the mark."""
    footer, events = geo.plan.footer, geo.plan.shown
    assert footer is not None
    metrics = QFontMetricsF(fonts().number)
    painter.setFont(fonts().number)
    plate = QColor(geo.theme.background)
    plate.setAlpha(220)
    for mark in layout.marks:
        if mark.label or len(mark.members) != 1:
            continue
        number = footer.number_of(events[mark.event_index].id)
        if number is None:
            continue
        if mark.is_point:
            left = to_device.map(QPointF(mark.start + 0.5, 0)).x() - mark.width_px / 2
        else:
            left = to_device.map(QPointF(mark.start, 0)).x()
        text = str(number)
        w, h = metrics.horizontalAdvance(text) + 3, metrics.height()
        top = mark.y - layout.mark_height(mark) / 2 - h + 1
        box = QRectF(max(left, clip.left()), top, w, h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(plate)
        painter.drawRoundedRect(box, 2, 2)
        painter.setPen(QColor(geo.theme.text))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def _paint_panel(painter: QPainter, geo: FigureLayout) -> None:
    """The relationship panel, drawn by the window's own view (vector on every device)."""
    rect, source, (lo, hi) = geo.panel, geo.source, geo.plan.window
    size = QSize(max(int(rect.width() / ZOOM), 50), max(int(rect.height() / ZOOM), 50))
    view = RelationView()
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.resize(size)
    view.show()  # the view fits its nodes to the viewport only once it has one
    view.set_theme(geo.theme)
    ties = pair_index(geo.plan.events).window(lo, hi)
    counts = {c: w.count for c, w in actor_index(geo.plan.events).window(lo, hi).items()}
    options = source.options
    if options.pairs and not options.with_context:
        # Only what is shown: the chosen pairs, not their events' other ties.
        ties = {p: w for p, w in ties.items() if p in options.pairs}
    codes = {c for p in ties for c in (p.a, p.b)}
    view.set_actors([a for code, a in source.actors.items() if code in codes])
    counts = {c: n for c, n in counts.items() if c in codes}
    label = geo.plan.caption.split(" · ")[0]
    view.set_weights(ties, label, counts)
    # The view's overlays reset the painter's transform, which would throw them out of
    # place under render(); recorded 1:1 into a QPicture and replayed, they stay put.
    picture = QPicture()
    recorder = QPainter(picture)
    view.render(recorder, QRectF(0, 0, size.width(), size.height()), QRect(QPoint(0, 0), size))
    recorder.end()
    view.close()
    view.deleteLater()
    painter.save()
    painter.translate(rect.topLeft())
    painter.scale(ZOOM, ZOOM)
    painter.setClipRect(QRectF(0, 0, size.width(), size.height()))
    painter.drawPicture(0, 0, picture)
    painter.restore()
    painter.setPen(QPen(QColor(geo.theme.grid), 1.5))  # after: SVG ignores the clip above
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), 8, 8)


def _paint_footer(painter: QPainter, geo: FigureLayout) -> None:
    plan, content, theme = geo.plan, geo.content, geo.theme
    assert plan.footer is not None
    columns = geo.note_columns(plan)
    width = geo.note_width(max(len(columns), 1))
    line = QFontMetricsF(fonts().note).lineSpacing()
    tallest = max((sum(h for _, _, h in c) for c in columns), default=0.0)
    more = line if plan.footer.more_text else 0.0
    top = geo.notes_top()
    painter.setPen(QPen(QColor(theme.grid), 1.2))
    painter.drawLine(
        QPointF(content.left(), top - GAP / 2), QPointF(content.right(), top - GAP / 2)
    )
    wrap = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
    indent = geo.note_indent()
    for i, column in enumerate(columns):
        x, y = content.left() + i * (width + GAP), top
        for label, text, height in column:
            painter.setFont(fonts().note_label)  # the number the marks carry, in ink
            painter.setPen(QColor(theme.text))
            painter.drawText(QRectF(x, y, indent, height), wrap, label)
            painter.setFont(fonts().note)
            painter.setPen(QColor(theme.muted_text))
            painter.drawText(QRectF(x + indent, y, width - indent, height), wrap, text)
            y += height
    if more:
        painter.setFont(fonts().note)
        painter.setPen(QColor(theme.muted_text))
        painter.drawText(
            QRectF(content.left(), top + tallest, content.width(), line),
            wrap,
            plan.footer.more_text_for(geo.source.options.format is ImageFormat.PDF),
        )
