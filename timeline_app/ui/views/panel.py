"""The Views panel: the saved views in their order, with save, rename, reorder, delete.

Every change goes through ``Store`` (one connection per action) and the list is then
read back from the database, so what the panel shows is what is stored. Names and
captions are analysts' text: they are shown as plain text only (list items and
tooltips set as plain strings, never as rich text).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.saved_views import SavedView, SavedViewError
from timeline_app.services import Store
from timeline_app.store.db import StoreError
from timeline_app.view_snapshot import from_state
from timeline_app.view_state import ViewState

# Asks for a text: (title, label, initial text) -> the text, or None if cancelled.
Ask = Callable[[str, str, str], str | None]


class ViewsPanel(QWidget):
    view_chosen = Signal(object)  # a SavedView, on double-click or Enter
    # After each write of the panel's own (the window's database watch takes it as seen,
    # not as a change made by another process).
    wrote = Signal()

    def __init__(
        self,
        store: Store | None,
        current_state: Callable[[], ViewState],
        ask: Ask | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.current_state = current_state
        # The window's pinned events, stored with each view saved here (ui/window/pins.py).
        self.current_pins: Callable[[], tuple[str, ...]] = tuple
        self.ask = ask or self._ask_with_dialog
        self.list = QListWidget()
        self.list.itemActivated.connect(self._activated)
        # The chosen view's caption and what it frames, readable without hovering.
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.list.currentItemChanged.connect(lambda *_: self._show_detail())
        buttons = QHBoxLayout()
        for text, slot in (
            ("Save view…", self.ask_and_save),
            ("Rename…", self.ask_and_rename),
            ("Up", lambda: self.move_selected(-1)),
            ("Down", lambda: self.move_selected(+1)),
            ("Delete", self.delete_selected),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.refresh()

    # -- reading ---------------------------------------------------------------
    def set_store(self, store: Store | None) -> None:
        """The database the window has open (None while none is)."""
        self.store = store
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        self.list.clear()
        if self.store is None:
            return
        try:
            saved = self.store.saved_views()
        except StoreError as exc:
            self.list.addItem(f"Saved views cannot be read: {exc}")
            return
        for view in saved:
            item = QListWidgetItem(view.name)
            item.setData(Qt.ItemDataRole.UserRole, view)
            item.setToolTip("\n".join(filter(None, [view.caption, view.describe()])))
            self.list.addItem(item)
            if view.name == select:
                self.list.setCurrentItem(item)
        self._show_detail()

    def _show_detail(self) -> None:
        view = self.selected()
        if view is None:
            count = self.list.count()
            self.detail.setText(
                "Double-click a view (or Enter) to show it." if count
                else "No saved views yet: View › Save view… (Ctrl+Shift+S) keeps what the"
                " window shows under a name."
            )  # fmt: skip
            return
        self.detail.setText("\n".join(filter(None, [view.caption, view.describe()])))

    def names(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def selected(self) -> SavedView | None:
        item = self.list.currentItem()
        view = item.data(Qt.ItemDataRole.UserRole) if item else None
        return view if isinstance(view, SavedView) else None

    # -- changes ---------------------------------------------------------------
    def save_current(self, name: str, caption: str = "") -> None:
        store = self.store
        if store is None:
            return

        def save() -> None:
            view = from_state(name, self.current_state(), caption=caption)
            store.save_view(replace(view, pins=self.current_pins()))

        self._guard(save)
        self.refresh(select=name)

    def ask_and_save(self) -> None:
        store = self.store
        if store is None:
            return
        name = self.ask("Save view", "Name of the view:", "")
        if name is None:
            return
        existing = store.saved_view(name.strip()) if name.strip() else None
        caption = self.ask("Save view", "Caption (optional):", existing.caption if existing else "")
        if caption is not None:
            self.save_current(name.strip(), caption.strip())

    def ask_and_rename(self) -> None:
        view, store = self.selected(), self.store
        if view is None or store is None:
            return
        new = self.ask("Rename view", "New name:", view.name)
        if new is not None:
            self._guard(lambda: store.rename_view(view.name, new.strip()))
            self.refresh(select=new.strip())

    def move_selected(self, step: int) -> None:
        view, store = self.selected(), self.store
        if view is None or store is None:
            return
        index = max(0, self.names().index(view.name) + step)
        self._guard(lambda: store.move_view(view.name, index))
        self.refresh(select=view.name)

    def delete_selected(self) -> None:
        view, store = self.selected(), self.store
        if view is None or store is None:
            return
        self._guard(lambda: store.delete_view(view.name))
        self.refresh()

    def _activated(self, item: QListWidgetItem) -> None:
        view = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(view, SavedView):
            self.view_chosen.emit(view)

    def _guard(self, action: Callable[[], object]) -> None:
        try:
            action()
            self.wrote.emit()
        except (StoreError, SavedViewError) as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, "Saved views", str(exc), parent=self)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.open()

    def _ask_with_dialog(self, title: str, label: str, text: str) -> str | None:
        value, ok = QInputDialog.getText(self, title, label, text=text)
        return value if ok else None
