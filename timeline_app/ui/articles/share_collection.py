"""File › Export collection… and Import collection…: a package to share, and a merge
that asks what to do when the same article or event differs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.articles.package import OnConflict
from timeline_app.services import Changes
from timeline_app.ui.articles.errors import error_reporter
from timeline_app.ui.window import dialogs

if TYPE_CHECKING:
    # Imported when a package is merged: the store's package code brings SQLAlchemy,
    # which the window's start does not need.
    from timeline_app.store.collection import Conflict, MergeReport
    from timeline_app.ui.window.main_window import MainWindow

PACKAGE_FILTER = "Collection packages (*.zip)"
CHOICES = (
    (OnConflict.SKIP, "Keep mine"),
    (OnConflict.REPLACE, "Take theirs"),
    (OnConflict.KEEP_BOTH, "Keep both"),
)


class ConflictDialog(QDialog):
    """Lists each conflict and asks for one choice for all of them."""

    chosen = Signal(object)  # OnConflict

    def __init__(self, package: str, conflicts: tuple[Conflict, ...], parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Conflicts in the collection")
        intro = QLabel(
            f"{len(conflicts)} item(s) of {package} are already here with other content. "
            "Nothing has been merged yet. Keep yours, take the package's, or keep both "
            "(the package's events get a new id; an article keeps your details)."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.addItems([str(c) for c in conflicts])  # list items are plain text
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons: dict[OnConflict, QPushButton] = {}
        for choice, label in CHOICES:
            button = buttons.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
            button.clicked.connect(lambda _checked=False, c=choice: self._choose(c))
            self.buttons[choice] = button
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(620, 360)

    def _choose(self, choice: OnConflict) -> None:
        self.chosen.emit(choice)
        self.accept()


class CollectionSharing(QObject):
    merged = Signal(object)  # MergeReport

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.conflicts: ConflictDialog | None = None

    def export_collection(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.window, "Export collection", str(Path.home() / "collection.zip"), PACKAGE_FILTER
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, target: Path) -> None:
        store = self.window.store
        if store is None:
            return
        self.window.jobs.submit(
            "Writing the collection package…",
            lambda: store.export_package(target),
            lambda counts: self.window.statusBar().showMessage(
                f"Wrote {counts[0]} articles and {counts[1]} events to {target}", 8000
            ),
            error_reporter(self.window, "The package was not written"),
        )

    def import_collection(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window, "Import collection", str(Path.home()), PACKAGE_FILTER
        )
        if name:
            self.merge(Path(name))

    def merge(self, package: Path, on_conflict: OnConflict | None = None) -> None:
        store = self.window.store
        if store is None:
            return

        from timeline_app.store.collection import PackageConflicts

        def failed(exc: BaseException) -> None:
            if isinstance(exc, PackageConflicts):
                self._ask(package, exc.conflicts)
            else:
                dialogs.show_error(self.window, "The package was not merged; nothing changed", exc)

        self.window.jobs.submit(
            f"Merging {package.name}…",
            lambda: store.import_package(package, on_conflict),
            self._merged,
            failed,
        )

    def _ask(self, package: Path, conflicts: tuple[Conflict, ...]) -> None:
        dialog = ConflictDialog(package.name, conflicts, self.window)
        dialog.chosen.connect(lambda choice: self.merge(package, choice))
        self.conflicts = dialog
        dialog.open()

    def _merged(self, report: MergeReport) -> None:
        self.window.changed.emit(Changes(events=True, documents=True, actors=True))
        self.window.statusBar().showMessage(f"Merged: {report.summary()}", 12000)
        self.merged.emit(report)
