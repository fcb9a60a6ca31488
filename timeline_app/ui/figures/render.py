"""Slide-ready timeline figures: one painter function for every paint device.

``paint_figure`` draws the whole figure (title, caption, legend, lanes with their
labels, date axis, optional relationship panel and source notes) onto any QPainter
inside a target rectangle. PNG, SVG and PDF only differ in the device they hand it
(``ui/figures/figure_files.py``).

The layout is computed on a design canvas of the target's aspect, 1600 units wide
for a 16:9 slide (``figure_layout.FigureLayout``), and scaled to the target here: text
keeps its proportions at every size and scale. The screen's own painters draw the
marks, the legend and the panel (``paint_timeline``, ``paint_legend``,
``RelationView``) at ``ZOOM``, so the file shows what the window shows, at a size
that reads from the back of a room.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen, QPicture, QTransform

from timeline_app.export.image_options import FigurePlan, ImageFormat
from timeline_app.layout import actor_index, date_ticks, pair_index
from timeline_app.mark_layout import MarksLayout
from timeline_app.ui.figures.figure_fonts import fonts
from timeline_app.ui.figures.figure_layout import (
    GAP,
    REFERENCE,
    ZOOM,
    FigureLayout,
    FigureSource,
    legend_entries,
)
from timeline_app.ui.relations.relation_view import RelationView
from timeline_app.ui.timeline.legend import paint_legend
from timeline_app.ui.timeline.marks_item import TimelineScene, paint_timeline

EMPTY_TEXT = "No events in this window"


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
