"""Small widgets of the editor: vocabulary pickers that show their definitions, and
the per-field error label. All text is plain (article and user text is untrusted)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from timeline_app.ui.source.source_view import escaped_tooltip

E = TypeVar("E", bound=enum.Enum)

ERROR_STYLE = "color: #c62828;"


def plain_label(text: str = "", *, muted: bool = False, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if muted:
        label.setStyleSheet("color: palette(mid);")
    return label


def error_label() -> QLabel:
    label = plain_label()
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def show_errors(label: QLabel, messages: list[str]) -> None:
    label.setText("\n".join(messages))
    label.setVisible(bool(messages))


class VocabularyPicker(QWidget, Generic[E]):
    """A combo box of one vocabulary, with the chosen term's definition under it and
    every definition in the items' tooltips."""

    def __init__(self, labels: Mapping[E, str], definitions: Mapping[E, str]) -> None:
        super().__init__()
        self.combo = QComboBox()
        self._definitions = definitions
        # Qt hands an enum's value back as its plain value: keep the type to rebuild it.
        self._kind: type[E] = type(next(iter(labels)))
        for index, (term, label) in enumerate(labels.items()):
            self.combo.addItem(label, term.value)
            self.combo.setItemData(
                index, escaped_tooltip(definitions[term]), Qt.ItemDataRole.ToolTipRole
            )
        self.definition = plain_label(muted=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.combo)
        layout.addWidget(self.definition)
        self.combo.currentIndexChanged.connect(self._show_definition)
        self._show_definition()

    def value(self) -> E:
        return self._kind(self.combo.currentData())

    def set_value(self, term: E) -> None:
        self.combo.setCurrentIndex(self.combo.findData(term.value))

    def _show_definition(self) -> None:
        self.definition.setText(self._definitions[self.value()])
