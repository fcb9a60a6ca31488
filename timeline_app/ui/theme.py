"""Colours and palettes shared by every view and by the image exports.

Category colours are a qualitative palette chosen to stay distinct for the most
common colour-vision deficiencies and on both light and dark backgrounds.
The score ramp runs red (conflict) through grey (neutral) to green (cooperation).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from timeline_app.domain import Category, Modality
from timeline_app.layout import score_rgb

CATEGORY_COLOURS: dict[Category, str] = {
    Category.AGREEMENT: "#1f77b4",
    Category.VISIT: "#17becf",
    Category.DIALOGUE: "#9467bd",
    Category.TRAINING: "#bcbd22",
    Category.ARMS_TRANSFER: "#d62728",
    Category.DEFENCE_INDUSTRY: "#ff7f0e",
    Category.EXERCISE: "#2ca02c",
    Category.PARTNERSHIP: "#e377c2",
    Category.GROUPING: "#8c564b",
    Category.DISPUTE: "#7f7f7f",
    Category.SANCTIONS: "#111111",
}

CATEGORY_LABELS: dict[Category, str] = {
    Category.AGREEMENT: "Agreement",
    Category.VISIT: "Visit",
    Category.DIALOGUE: "Dialogue",
    Category.TRAINING: "Training",
    Category.ARMS_TRANSFER: "Arms transfer",
    Category.DEFENCE_INDUSTRY: "Defence industry",
    Category.EXERCISE: "Exercise",
    Category.PARTNERSHIP: "Partnership",
    Category.GROUPING: "Grouping",
    Category.DISPUTE: "Dispute",
    Category.SANCTIONS: "Sanctions",
}

MODALITY_LABELS: dict[Modality, str] = {
    Modality.HAPPENED: "Happened",
    Modality.AGREED: "Agreed / announced",
    Modality.PLANNED: "Planned",
    Modality.DISCUSSED: "Under discussion",
    Modality.THREATENED: "Threatened",
}


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    panel: str
    text: str
    muted_text: str
    grid: str
    lane_fill: str
    lane_alt_fill: str
    selection: str
    highlight_fill: str
    sanctions_colour: str  # black disappears on a dark background

    def category_colour(self, category: Category) -> QColor:
        if category is Category.SANCTIONS:
            return QColor(self.sanctions_colour)
        return QColor(CATEGORY_COLOURS[category])

    @property
    def is_dark(self) -> bool:
        return self.name == "dark"


LIGHT = Theme(
    name="light",
    background="#ffffff",
    panel="#f6f7f9",
    text="#1d1f23",
    muted_text="#5f6670",
    grid="#e3e6ea",
    lane_fill="#ffffff",
    lane_alt_fill="#f4f6f8",
    selection="#ff6600",
    highlight_fill="#fff3cd",
    sanctions_colour="#111111",
)

DARK = Theme(
    name="dark",
    background="#1e2126",
    panel="#262a30",
    text="#e6e8eb",
    muted_text="#9aa3ad",
    grid="#3a3f47",
    lane_fill="#1e2126",
    lane_alt_fill="#23272d",
    selection="#ffb020",
    highlight_fill="#4a3f1a",
    sanctions_colour="#e0e0e0",
)

THEMES = {"light": LIGHT, "dark": DARK}


def score_colour(score: float, alpha: int = 255) -> QColor:
    """Red for conflict, grey for neutral, green for cooperation."""
    r, g, b = score_rgb(score)
    return QColor(r, g, b, alpha)


def apply_palette(app: QApplication, theme: Theme) -> None:
    """Fusion style with the theme's colours, so every widget follows light/dark."""
    app.setStyle("Fusion")
    palette = QPalette()
    bg, panel, text = QColor(theme.background), QColor(theme.panel), QColor(theme.text)
    palette.setColor(QPalette.ColorRole.Window, panel)
    palette.setColor(QPalette.ColorRole.WindowText, text)
    palette.setColor(QPalette.ColorRole.Base, bg)
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor(theme.lane_alt_fill))
    palette.setColor(QPalette.ColorRole.Text, text)
    palette.setColor(QPalette.ColorRole.Button, panel)
    palette.setColor(QPalette.ColorRole.ButtonText, text)
    palette.setColor(QPalette.ColorRole.ToolTipBase, bg)
    palette.setColor(QPalette.ColorRole.ToolTipText, text)
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(theme.muted_text))
    palette.setColor(
        QPalette.ColorRole.Highlight, QColor("#2f6fce" if not theme.is_dark else "#3d7be0")
    )
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#2f6fce"))
    app.setPalette(palette)
