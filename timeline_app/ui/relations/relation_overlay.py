"""The relationship panel's overlays, drawn in viewport pixels: caption, legend, message.

The legend's box is also an obstacle the layout keeps nodes and labels out of, so its
size comes from one function (``legend_box``).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QLinearGradient, QPainter, QPen

from timeline_app.ui.theme import Theme, score_colour

LEGEND_TITLE = "width = events \u00b7 colour = mean score"
CAPTION_HEIGHT = 26.0  # px at the top kept for the caption


def overlay_font(base: QFont, points: float = 8.0) -> QFont:
    font = QFont(base)
    font.setPointSizeF(points)
    return font


def legend_box(fm: QFontMetricsF, viewport_height: float) -> QRectF:
    width, line = fm.horizontalAdvance(LEGEND_TITLE) + 16, fm.height()
    return QRectF(8, viewport_height - 14 - 2 * line - 8, width, 2 * line + 14)


def draw_caption(painter: QPainter, theme: Theme, width: float, caption: str) -> None:
    painter.setPen(QColor(theme.muted_text))
    painter.drawText(QRectF(10, 8, width - 20, 20), Qt.AlignmentFlag.AlignLeft, caption)


def draw_legend(painter: QPainter, theme: Theme, fm: QFontMetricsF, viewport_height: float) -> None:
    box, line = legend_box(fm, viewport_height), fm.height()
    plate = QColor(theme.panel)
    plate.setAlpha(230)
    painter.setPen(QPen(QColor(theme.grid), 1))
    painter.setBrush(plate)
    painter.drawRoundedRect(box, 5, 5)
    text = box.adjusted(8, 4, -8, -4)
    painter.setPen(QColor(theme.muted_text))
    painter.drawText(text, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, LEGEND_TITLE)
    bottom = Qt.AlignmentFlag.AlignBottom
    painter.drawText(text, Qt.AlignmentFlag.AlignLeft | bottom, "conflict")
    painter.drawText(text, Qt.AlignmentFlag.AlignRight | bottom, "cooperation")
    # The ramp sits between the two words of the bottom line.
    left = text.left() + fm.horizontalAdvance("conflict") + 6
    right = text.right() - fm.horizontalAdvance("cooperation") - 6
    ramp = QRectF(left, text.bottom() - line / 2 - 3, right - left, 6)
    gradient = QLinearGradient(ramp.topLeft(), ramp.topRight())
    for stop in (0.0, 0.5, 1.0):
        gradient.setColorAt(stop, score_colour(-10.0 + 20.0 * stop))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(gradient)
    painter.drawRoundedRect(ramp, 3, 3)
