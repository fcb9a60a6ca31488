"""The legend above the timeline: one line in the window, every encoding one click away,
the whole legend still in exports."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from timeline_app.domain import Category
from timeline_app.ui.theme import CATEGORY_LABELS, DARK, LIGHT
from timeline_app.ui.timeline.legend import LegendBar, _entries, legend_height

pytestmark = pytest.mark.gui


@pytest.fixture
def bar(qtbot: QtBot) -> LegendBar:
    bar = LegendBar()
    qtbot.addWidget(bar)
    bar.resize(900, bar.height())
    bar.show()
    qtbot.waitExposed(bar)
    return bar


def legend_font(bar: LegendBar) -> QFont:
    font = QFont(bar.font())
    font.setPixelSize(11)
    return font


def test_the_bar_is_one_line_where_the_full_legend_needs_several(bar: LegendBar) -> None:
    line = legend_height(1e6, legend_font(bar))
    assert bar.height() <= max(line, bar.button.sizeHint().height()) + 1
    # The same width would need three lines or more for the whole legend.
    assert legend_height(bar.strip.width(), legend_font(bar)) >= 2.5 * line


def test_the_line_shows_the_category_colours_that_fit(qtbot: QtBot, bar: LegendBar) -> None:
    categories = [CATEGORY_LABELS[c] for c in Category]
    wide = bar.shown_labels()
    assert len(wide) >= 8
    assert wide == categories[: len(wide)]
    for offset, _entry in bar.strip.placed():
        assert offset.y() < 8  # all on the first line
    bar.resize(560, bar.height())
    qtbot.waitUntil(lambda: bar.strip.width() < 500)
    narrow = bar.shown_labels()
    assert 3 <= len(narrow) < len(wide)
    assert bar.button.isVisible() and bar.button.geometry().right() <= bar.width()


def test_one_click_opens_every_encoding(qtbot: QtBot, bar: LegendBar) -> None:
    seen: dict[str, object] = {}

    def look_and_close() -> None:
        seen["open"] = bar.menu.isVisible()
        seen["labels"] = bar.full.entry_labels()
        seen["headings"] = [h.text() for h in bar.full.findChildren(QLabel)]
        bar.menu.close()

    QTimer.singleShot(200, look_and_close)
    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "open" in seen)
    assert seen["open"]
    assert seen["labels"] == [label for _, label, _ in _entries(LIGHT)]
    assert len(seen["headings"]) == 3


def test_the_line_and_the_menu_follow_the_theme(bar: LegendBar) -> None:
    bar.set_theme(DARK)
    bar.full.adjustSize()
    for widget in (bar.strip, *bar.full.panels):
        corner = widget.grab().toImage().pixelColor(1, 1)
        assert corner.name() == QColor(DARK.panel).name()
