"""The sources appendix of a PDF figure: every event the figure shows, with all its
sources, on as many pages as it takes. The slide's notes are a selection; this is
the complete record, so a printed briefing drops nothing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from timeline_app.export.figure_notes import AppendixEntry, appendix_entries
from timeline_app.export.image_options import FigurePlan
from timeline_app.ui.figures.figure_fonts import fonts
from timeline_app.ui.figures.figure_layout import (
    GAP,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    REFERENCE,
    FigureSource,
)

WRAP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
SOURCE_INDENT = 24.0  # sources sit under their event's heading


def _height(text: str, font: QFont, width: float) -> float:
    return QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 1e6), WRAP, text).height()


def paint_appendix(
    painter: QPainter,
    rect: QRectF,
    source: FigureSource,
    plan: FigurePlan,
    new_page: Callable[[], bool],
) -> int:
    """Draw the appendix from a fresh page in ``rect``; ``new_page`` starts each further
    page. Returns the number of pages drawn (0 when the figure shows no event)."""
    entries = appendix_entries(plan.shown, source.documents, plan.footer)
    if not entries:
        return 0
    scale = min(rect.width() / REFERENCE.width(), rect.height() / REFERENCE.height())
    design = QSizeF(rect.width() / scale, rect.height() / scale)
    page = QRectF(0, 0, design.width(), design.height())
    content = page.adjusted(MARGIN_X, MARGIN_TOP, -MARGIN_X, -MARGIN_BOTTOM)
    theme = source.theme
    f = fonts()
    indent = QFontMetricsF(f.note_label).horizontalAdvance("[12]") + 8

    def begin() -> float:
        painter.save()
        painter.translate(rect.topLeft())
        painter.scale(scale, scale)
        painter.fillRect(page, QColor(theme.background))
        heading = f"Sources: {plan.title}"
        height = _height(heading, f.caption, content.width())
        painter.setFont(f.caption)
        painter.setPen(QColor(theme.text))
        painter.drawText(
            QRectF(content.left(), content.top(), content.width(), height), WRAP, heading
        )
        return content.top() + height + GAP / 2

    def entry_height(entry: AppendixEntry) -> float:
        width = content.width() - indent
        total = _height(entry.heading, f.note_label, width)
        for text in entry.sources:
            total += _height(text, f.note, width - SOURCE_INDENT)
        return total + GAP / 2

    pages, y = 1, begin()
    for entry in entries:
        height = entry_height(entry)
        if y + height > content.bottom() and y > content.top() + GAP * 2:
            painter.restore()
            if not new_page():
                return pages
            pages, y = pages + 1, begin()
        _paint_entry(painter, entry, content.left(), y, content.width(), indent, source)
        y += height
    painter.restore()
    return pages


def _paint_entry(
    painter: QPainter,
    entry: AppendixEntry,
    left: float,
    top: float,
    width: float,
    indent: float,
    source: FigureSource,
) -> None:
    f, theme = fonts(), source.theme
    painter.setPen(QColor(theme.text))
    painter.setFont(f.note_label)
    painter.drawText(QRectF(left, top, indent, 100), WRAP, entry.label)
    text_width = width - indent
    height = _height(entry.heading, f.note_label, text_width)
    painter.drawText(QRectF(left + indent, top, text_width, height), WRAP, entry.heading)
    y = top + height
    painter.setFont(f.note)
    painter.setPen(QColor(theme.muted_text))
    for text in entry.sources:
        height = _height(text, f.note, text_width - SOURCE_INDENT)
        box = QRectF(left + indent + SOURCE_INDENT, y, text_width - SOURCE_INDENT, height)
        painter.drawText(box, WRAP, text)
        y += height
