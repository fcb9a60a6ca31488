"""The timeline legend: category colours and the modality/precision encodings.

``paint_legend`` draws it with a plain QPainter so the window and the image
exports show exactly the same legend.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from timeline_app.domain import Category, Modality
from timeline_app.ui.marks_item import modality_brush, modality_pen
from timeline_app.ui.theme import CATEGORY_LABELS, LIGHT, MODALITY_LABELS, Theme, score_colour

SWATCH = 10.0


def _entries(theme: Theme) -> list[tuple[str, str, object]]:
    """(kind, label, payload) in reading order."""
    items: list[tuple[str, str, object]] = [("category", CATEGORY_LABELS[c], c) for c in Category]
    items += [("modality", MODALITY_LABELS[m], m) for m in Modality]
    items += [
        ("bar", "Month, year or span", None),
        ("approx", "Approximate date", None),
        ("multi", "Several lanes", None),
        ("score", "Score band: conflict → cooperation", None),
    ]
    return items


def legend_height(width: float, font: QFont, theme: Theme = LIGHT) -> float:
    return _layout(width, font, theme)[1]


def _layout(
    width: float, font: QFont, theme: Theme
) -> tuple[list[tuple[QPointF, tuple[str, str, object]]], float]:
    metrics = QFontMetricsF(font)
    x, y, line = 6.0, 4.0, metrics.height() + 6
    placed = []
    for entry in _entries(theme):
        text_width = metrics.horizontalAdvance(entry[1])
        item_width = SWATCH * (2.6 if entry[0] in ("bar", "score") else 1) + 6 + text_width + 16
        if x + item_width > width and x > 6:
            x, y = 6.0, y + line
        placed.append((QPointF(x, y), entry))
        x += item_width
    return placed, y + line + 2


def paint_legend(painter: QPainter, rect: QRectF, theme: Theme, font: QFont) -> float:
    """Draw the legend inside ``rect`` (wrapping as needed); returns the height used."""
    placed, height = _layout(rect.width(), font, theme)
    metrics = QFontMetricsF(font)
    painter.save()
    painter.setFont(font)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    background = QColor(theme.background)
    neutral = QColor(theme.muted_text)
    for offset, (kind, label, payload) in placed:
        origin = QPointF(rect.left() + offset.x(), rect.top() + offset.y())
        cy = origin.y() + metrics.height() / 2
        swatch = QRectF(origin.x(), cy - SWATCH / 2, SWATCH, SWATCH)
        if kind == "category" and isinstance(payload, Category):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.category_colour(payload))
            painter.drawEllipse(swatch)
        elif kind == "modality" and isinstance(payload, Modality):
            painter.setPen(modality_pen(neutral, payload))
            painter.setBrush(modality_brush(neutral, payload, background))
            painter.drawEllipse(swatch.adjusted(0.5, 0.5, -0.5, -0.5))
        elif kind == "bar":
            swatch.setWidth(SWATCH * 2.6)
            painter.setPen(QPen(neutral, 1.2))
            painter.setBrush(neutral)
            painter.drawRoundedRect(swatch.adjusted(0, 1.5, 0, -1.5), 2, 2)
        elif kind == "approx":
            faded = QColor(neutral)
            faded.setAlphaF(0.45)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(faded)
            painter.drawEllipse(swatch)
        elif kind == "multi":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(neutral)
            painter.drawEllipse(swatch)
            painter.setPen(QPen(background, 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(swatch.adjusted(2.5, 2.5, -2.5, -2.5))
        elif kind == "score":
            swatch.setWidth(SWATCH * 2.6)
            steps = 12
            for i in range(steps):
                part = QRectF(
                    swatch.left() + swatch.width() * i / steps,
                    cy - 2,
                    swatch.width() / steps + 0.5,
                    4,
                )
                painter.fillRect(part, score_colour(-10 + 20 * i / (steps - 1)))
        painter.setPen(QColor(theme.text))
        text_x = swatch.right() + 6
        painter.drawText(
            QRectF(text_x, origin.y(), rect.right() - text_x, metrics.height()),
            Qt.AlignmentFlag.AlignVCenter,
            label,
        )
    painter.restore()
    return height


class LegendBar(QWidget):
    """The legend above the timeline; its height follows the width (it wraps)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = LIGHT
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._update_height()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(11)
        return font

    def _update_height(self) -> None:
        self.setFixedHeight(
            int(legend_height(max(self.width(), 200), self._font(), self._theme)) + 2
        )

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_height()

    def sizeHint(self) -> QSize:
        return QSize(600, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self._theme.panel))
        paint_legend(painter, QRectF(self.rect()), self._theme, self._font())
        painter.end()
