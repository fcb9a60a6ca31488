"""The figures' fonts: one named family, sizes in design units, made on first use.

A named family because SVG viewers do not know Qt's generic "Sans Serif"; unhinted, so
text measured on the design canvas fits at every scale. Shared by the figure layout,
its painter and the PowerPoint decks (which name the same family in their text boxes).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

from timeline_app.ui.timeline.marks_item import LABEL_PX, STATE_LABEL_PX

# The smallest text in design units, notes included. A 16:9 slide is 1920 px wide on a
# 1600-unit canvas (1.2 px a unit) and a 4:3 slide 1600 px (1 px a unit), so no text on
# either is smaller than 14 px, which still reads from the back of a room. Fonts drawn
# under ZOOM need only MIN_TEXT_PX / ZOOM (the number badges' 10 px is 15 units).
MIN_TEXT_PX = 14
_FAMILIES = ("Segoe UI", "Helvetica Neue", "Arial", "Liberation Sans", "Noto Sans", "DejaVu Sans")


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
