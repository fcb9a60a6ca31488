"""The filter and search bar. A humble view: it reports what the user entered
(``inputs_edited``), shows what the view state holds (``show_inputs``), and marks any
field ``filters.build_filter`` had to ignore. It never applies a filter itself."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
)

from timeline_app.domain import Actor, Category, EventFilter, Modality
from timeline_app.filters import FilterInput, build_filter
from timeline_app.ui.theme import CATEGORY_LABELS, MODALITY_LABELS

TYPING_DELAY_MS = 250


class CheckMenuButton(QToolButton):
    """A button with a menu of checkable choices; its label counts the checked ones."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self._actions: dict[str, QAction] = {}
        self._refresh_label()

    def set_choices(self, choices: Sequence[tuple[str, str]]) -> None:
        checked = self.checked()
        menu = self.menu()
        menu.clear()
        self._actions.clear()
        for value, label in choices:
            action = QAction(label, menu)
            action.setCheckable(True)
            action.setChecked(value in checked)
            action.toggled.connect(self._on_toggled)
            menu.addAction(action)
            self._actions[value] = action
        self._refresh_label()

    def checked(self) -> frozenset[str]:
        return frozenset(v for v, a in self._actions.items() if a.isChecked())

    def set_checked(self, values: Iterable[str]) -> None:
        wanted = set(values)
        for value, action in self._actions.items():
            action.blockSignals(True)
            action.setChecked(value in wanted)
            action.blockSignals(False)
        self._refresh_label()

    def _on_toggled(self, _checked: bool) -> None:
        self._refresh_label()
        self.changed.emit()

    def _refresh_label(self) -> None:
        n = len(self.checked())
        self.setText(f"{self._title} ({n})" if n else f"{self._title}: all")


class FilterBar(QWidget):
    inputs_edited = Signal(object)  # FilterInput: the user changed an entry
    lane_focus_cleared = Signal()
    list_follow_toggled = Signal(bool)  # the list shows only the focused lanes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search events and articles (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.actors = CheckMenuButton("Actors")
        self.categories = CheckMenuButton("Categories")
        self.categories.set_choices([(c.value, CATEGORY_LABELS[c]) for c in Category])
        self.modalities = CheckMenuButton("Modality")
        self.modalities.set_choices([(m.value, MODALITY_LABELS[m]) for m in Modality])
        self.date_from = QLineEdit()
        self.date_from.setPlaceholderText("From (e.g. 2013)")
        self.date_to = QLineEdit()
        self.date_to.setPlaceholderText("To (e.g. 2022-06)")
        for box in (self.date_from, self.date_to):
            box.setMaximumWidth(130)
            box.setToolTip("A year (2013), a month (2013-06) or a day (2013-06-01)")
            box.setClearButtonEnabled(True)
        self.focus_chip = QToolButton()
        self.focus_chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.focus_chip.setVisible(False)
        self.focus_chip.setStyleSheet(
            "QToolButton { background: #ffe08a; color: #3a2c00; border-radius: 9px; padding: 2px 8px; }"
        )
        self.focus_chip.clicked.connect(self.lane_focus_cleared.emit)
        self.follow_button = QToolButton()
        self.follow_button.setText("List these only")
        self.follow_button.setCheckable(True)
        self.follow_button.setVisible(False)
        self.follow_button.setToolTip("Show only the focused lanes' events in the event list")
        self.follow_button.toggled.connect(self.list_follow_toggled.emit)
        self.clear_button = QToolButton()
        self.clear_button.setText("Clear filters")
        self.clear_button.setToolTip("Clear every filter and the search (Esc)")
        self.clear_button.clicked.connect(lambda: self.inputs_edited.emit(FilterInput()))
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setStyleSheet("color: #c0392b;")

        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        row.setSpacing(6)
        row.addWidget(self.search, 2)
        for widget in (self.actors, self.categories, self.modalities, self.date_from, self.date_to):
            row.addWidget(widget)
        row.addWidget(self.focus_chip)
        row.addWidget(self.follow_button)
        row.addWidget(self.clear_button)
        row.addWidget(self.status, 1)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_DELAY_MS)
        self._typing.timeout.connect(self._emit)
        for box in (self.search, self.date_from, self.date_to):
            box.textChanged.connect(self._typing.start)
        for button in (self.actors, self.categories, self.modalities):
            button.changed.connect(self._emit)

    def set_actors(self, actors: Sequence[Actor]) -> None:
        self.actors.set_choices(
            [(a.code, f"{a.name} ({a.code})") for a in sorted(actors, key=lambda a: a.name)]
        )

    def set_lane_focus(self, label: str | None, list_follows: bool = False) -> None:
        """Show (or hide) the chip that says the timeline is focused on some lanes, and
        the toggle that makes the event list follow the focus."""
        self.focus_chip.setVisible(bool(label))
        self.follow_button.setVisible(bool(label))
        self.follow_button.blockSignals(True)
        self.follow_button.setChecked(list_follows)
        self.follow_button.blockSignals(False)
        if label:
            self.focus_chip.setText(f"Focus: {label}  ✕")
            self.focus_chip.setToolTip("Click to clear the lane focus")

    def current(self) -> EventFilter:
        """The filter the entries shown mean."""
        return build_filter(self.inputs()).filter

    def inputs(self) -> FilterInput:
        """What the user has entered, as typed (for undo/redo)."""
        return FilterInput(
            text=self.search.text(),
            actors=self.actors.checked(),
            categories=self.categories.checked(),
            modalities=self.modalities.checked(),
            date_from=self.date_from.text(),
            date_to=self.date_to.text(),
        )

    def show_inputs(self, raw: FilterInput) -> None:
        """Show the view state's entries (undo, Esc, Clear) without reporting an edit."""
        for box, text in (
            (self.search, raw.text),
            (self.date_from, raw.date_from),
            (self.date_to, raw.date_to),
        ):
            if box.text() != text:
                box.blockSignals(True)
                box.setText(text)
                box.blockSignals(False)
        self.actors.set_checked(raw.actors)
        self.categories.set_checked(raw.categories)
        self.modalities.set_checked(raw.modalities)
        self._typing.stop()
        self._show_errors(raw)

    def flush(self) -> None:
        """Apply pending typing now (tests, Enter key)."""
        if self._typing.isActive():
            self._typing.stop()
            self._emit()

    def _show_errors(self, raw: FilterInput) -> EventFilter:
        result = build_filter(raw)
        for key, box in (("date_from", self.date_from), ("date_to", self.date_to)):
            box.setStyleSheet("border: 1px solid #c0392b;" if key in result.errors else "")
        self.status.setText("; ".join(result.errors.values()))
        return result.filter

    def _emit(self) -> None:
        raw = self.inputs()
        self._show_errors(raw)
        self.inputs_edited.emit(raw)


def describe_actors(codes: Iterable[str], actors: Mapping[str, Actor]) -> str:
    return ", ".join(actors[c].name if c in actors else c for c in sorted(codes))
