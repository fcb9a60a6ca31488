"""The File menu's entries for articles and collections."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from timeline_app.ui.window.main_window import MainWindow


def add_article_actions(w: MainWindow, menu: QMenu) -> None:
    entries = (
        ("Import &articles…", w.articles.choose_files, "Ctrl+Shift+I",
         "Add saved web pages, PDFs or text files to the collection (or drop them on the window)"),
        ("E&xport collection…", w.collection.export_collection, None,
         "Write your imported articles and events to one package to share"),
        ("Import co&llection…", w.collection.import_collection, None,
         "Merge a colleague's collection package"),
    )  # fmt: skip
    menu.addSeparator()
    for text, slot, shortcut, tip in entries:
        action = QAction(text, w)
        if shortcut:
            action.setShortcut(shortcut)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
