"""The timeline legend: category colours and the modality/precision encodings.

``paint_legend`` draws it with a plain QPainter so the window and the image
exports show exactly the same legend. Exports draw all of it; the window folds it
into one line (``LegendBar``: the entries that fit, then a "Legend" button whose
menu shows every encoding), so a laptop screen keeps its height for lanes.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from timeline_app.domain import Category, Modality
from timeline_app.ui.theme import CATEGORY_LABELS, LIGHT, MODALITY_LABELS, Theme, score_colour
from timeline_app.ui.timeline.marks_item import modality_brush, modality_pen

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


KIND_GROUPS = (
    ("Colour: category", ("category",)),
    ("Fill and outline: what the sources report", ("modality",)),
    ("Shape, shade and band", ("bar", "approx", "multi", "score")),
)
STRIP_GAP = 12.0  # between entries on the one-line strip (16 in the full legend)

Entry = tuple[str, str, object]
Placed = list[tuple[QPointF, Entry]]


def legend_height(
    width: float, font: QFont, theme: Theme = LIGHT, present: Collection[object] | None = None
) -> float:
    return _layout(width, font, theme, present=present)[1]


def _item_width(entry: Entry, metrics: QFontMetricsF, gap: float) -> float:
    swatch = SWATCH * (2.6 if entry[0] in ("bar", "score") else 1)
    return swatch + 6 + metrics.horizontalAdvance(entry[1]) + gap


def _layout(
    width: float,
    font: QFont,
    theme: Theme,
    kinds: tuple[str, ...] | None = None,
    one_line: bool = False,
    present: Collection[object] | None = None,
) -> tuple[Placed, float]:
    """Entries placed left to right, wrapping at ``width``; ``one_line`` stops at the
    first entry that does not fit instead. ``present`` keeps only the entries whose
    category or modality it holds, or whose kind ("bar", "approx", "multi", "score")."""
    metrics = QFontMetricsF(font)
    gap = STRIP_GAP if one_line else 16.0
    x, y, line = 6.0, 4.0, metrics.height() + 6
    placed: Placed = []
    for entry in _entries(theme):
        if kinds is not None and entry[0] not in kinds:
            continue
        if present is not None and (entry[2] if entry[2] is not None else entry[0]) not in present:
            continue
        item_width = _item_width(entry, metrics, gap)
        if x + item_width > width and x > 6:
            if one_line:
                break
            x, y = 6.0, y + line
        placed.append((QPointF(x, y), entry))
        x += item_width
    return placed, y + line + 2


def paint_legend(
    painter: QPainter,
    rect: QRectF,
    theme: Theme,
    font: QFont,
    present: Collection[object] | None = None,
) -> float:
    """Draw the legend inside ``rect`` (wrapping as needed); returns the height used.
    ``present``: only those entries (see ``_layout``), as a figure lists only what it shows."""
    placed, height = _layout(rect.width(), font, theme, present=present)
    _paint_entries(painter, rect, placed, theme, font)
    return height


def _paint_entries(
    painter: QPainter, rect: QRectF, placed: Placed, theme: Theme, font: QFont
) -> None:
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


def _legend_font(widget: QWidget) -> QFont:
    font = QFont(widget.font())
    font.setPixelSize(11)
    return font


class LegendPanel(QWidget):
    """Some of the legend's entries (``kinds``, all by default), wrapped to the width."""

    def __init__(
        self,
        kinds: tuple[str, ...] | None = None,
        one_line: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._kinds, self._one_line = kinds, one_line
        self._theme = LIGHT

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def placed(self) -> Placed:
        return _layout(self.width(), _legend_font(self), self._theme, self._kinds, self._one_line)[
            0
        ]

    def height_for(self, width: float) -> int:
        font = _legend_font(self)
        return int(_layout(width, font, self._theme, self._kinds, self._one_line)[1]) + 1

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self._theme.panel))
        _paint_entries(painter, QRectF(self.rect()), self.placed(), self._theme, _legend_font(self))
        painter.end()


class FullLegend(QWidget):
    """Every encoding, grouped, with a plain-text heading per group: what the
    "Legend" button's menu shows."""

    WIDTH = 470

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 8, 8, 8)
        column.setSpacing(2)
        self.panels: list[LegendPanel] = []
        self.headings: list[QLabel] = []
        for heading, kinds in KIND_GROUPS:
            label = QLabel(heading)
            label.setTextFormat(Qt.TextFormat.PlainText)
            bold = QFont(label.font())
            bold.setBold(True)
            label.setFont(bold)
            panel = LegendPanel(kinds)
            panel.setFixedSize(self.WIDTH, panel.height_for(self.WIDTH))
            column.addWidget(label)
            column.addWidget(panel)
            self.headings.append(label)
            self.panels.append(panel)

    def set_theme(self, theme: Theme) -> None:
        for panel in self.panels:
            panel.set_theme(theme)

    def entry_labels(self) -> list[str]:
        return [entry[1] for panel in self.panels for _, entry in panel.placed()]


class LegendBar(QWidget):
    """The legend above the timeline on ONE line: the entries that fit (the category
    colours first), then a "Legend" button whose menu holds the full legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = LIGHT
        self.strip = LegendPanel(one_line=True)
        self.full = FullLegend()
        self.menu = QMenu(self)
        holder = QWidgetAction(self.menu)
        holder.setDefaultWidget(self.full)
        self.menu.addAction(holder)
        self.button = QToolButton()
        self.button.setText("Legend")
        self.button.setToolTip("The full legend: every colour, outline, shape and band")
        self.button.setMenu(self.menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.button.setAutoRaise(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 4, 0)
        row.setSpacing(0)
        row.addWidget(self.strip, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(max(self.strip.height_for(1e6), self.button.sizeHint().height()))
        self.setAutoFillBackground(True)
        self._apply_background()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.strip.set_theme(theme)
        self.full.set_theme(theme)
        self._apply_background()
        self.update()

    def _apply_background(self) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(self._theme.panel))
        self.setPalette(palette)

    def shown_labels(self) -> list[str]:
        """The entries on the line itself; the rest are one click away, in the menu."""
        return [entry[1] for _, entry in self.strip.placed()]

    def sizeHint(self) -> QSize:
        return QSize(600, self.height())
