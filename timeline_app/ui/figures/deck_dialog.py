"""File › Export briefing…: the saved views to put on slides (ticked, in order), the
format and the file; the deck is written off the GUI thread with a progress bar.

What the choices mean is decided Qt-free (``deck_plan``); the job opens its own
database connection and hands back a ``DeckResult`` or an error, shown as one plain
sentence.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.deck_plan import DeckError, DeckFormat, deck_format_for_path, read_deck_input
from timeline_app.store.db import StoreError
from timeline_app.ui.figures.deck_files import DeckResult, write_deck
from timeline_app.ui.workers import JobRunner

if TYPE_CHECKING:
    from timeline_app.ui.window.main_window import MainWindow

FORMATS = {"PowerPoint (.pptx)": DeckFormat.PPTX, "PDF (.pdf)": DeckFormat.PDF}


class _Progress(QObject):
    advanced = Signal(int, int)  # slides written, slides in all (from the job's thread)


def write_deck_job(
    db: Path, path: Path, names: list[str], theme: str, progress: _Progress
) -> DeckResult:
    """The background job: its own connection, the chosen views planned and written."""
    fmt = deck_format_for_path(path)
    deck = read_deck_input(db, names, theme)
    return write_deck(
        path, deck.slides, deck.actors, deck.documents, fmt, progress.advanced.emit, [db]
    )


def error_sentence(exc: BaseException) -> str:
    """One plain sentence: what went wrong, for the user (no traceback)."""
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        text = f"{where}{exc.strerror or exc}"
    else:
        text = str(exc)
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else f"{text}."


class DeckDialog(QDialog):
    written = Signal(object)  # DeckResult

    def __init__(self, db: Path, view_names: list[str], theme: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export briefing")
        self.db, self.theme = db, theme
        self.jobs = JobRunner(self)
        self.progress_relay = _Progress()
        self.views = QListWidget()
        self.views.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        for name in view_names:
            item = QListWidgetItem(name)  # plain text: a name is the analyst's own
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.views.addItem(item)
        self.format = QComboBox()
        self.format.addItems(list(FORMATS))
        self.file = QLineEdit(str(Path.home() / "briefing.pptx"))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        self.format.currentTextChanged.connect(self._format_chosen)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow("Format:", self.format)
        form.addRow("File:", row)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        hint = QLabel("One slide per ticked view, in this order (drag to reorder):")
        hint.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(hint)
        layout.addWidget(self.views, 1)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.progress_relay.advanced.connect(self._advanced)
        if not view_names:
            self.message.setText(
                "There are no saved views yet: save one with View › Save view… (Ctrl+Shift+S)."
            )
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)

    def chosen(self) -> list[str]:
        items = (self.views.item(i) for i in range(self.views.count()))
        return [it.text() for it in items if it.checkState() == Qt.CheckState.Checked]

    def _format_chosen(self, label: str) -> None:
        path = Path(self.file.text().strip() or "briefing")
        self.file.setText(str(path.with_suffix("." + FORMATS[label].value)))

    def _browse(self) -> None:
        fmt = FORMATS[self.format.currentText()]
        name, _ = QFileDialog.getSaveFileName(
            self, "Export briefing", self.file.text(), f"{self.format.currentText()}"
        )
        if name:
            self.file.setText(str(Path(name).with_suffix("." + fmt.value)))

    def start(self) -> None:
        """Check the choices, then write the deck in the background."""
        names, path = self.chosen(), Path(self.file.text().strip())
        try:
            if not names:
                raise DeckError("tick at least one saved view")
            deck_format_for_path(path)
        except DeckError as exc:
            self.message.setText(error_sentence(exc))
            return
        self.message.setText("Writing the deck…")
        self.progress.setRange(0, len(names))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.buttons.setEnabled(False)
        self.jobs.submit(
            "Writing the briefing deck",
            lambda: write_deck_job(self.db, path, names, self.theme, self.progress_relay),
            self._done,
            self._failed,
        )

    def _advanced(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _done(self, result: DeckResult) -> None:
        self.buttons.setEnabled(True)
        self.progress.setVisible(False)
        self.message.setText(f"Wrote {result.path} ({result.slides} slides).")
        self.written.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.progress.setVisible(False)
        self.message.setText(error_sentence(exc))
        if not isinstance(exc, (DeckError, StoreError, OSError)):
            import logging

            logging.getLogger(__name__).error("deck export failed", exc_info=exc)


def open_deck_dialog(window: MainWindow) -> DeckDialog | None:
    """File › Export briefing…: the window's database and its saved views."""
    store = window.store
    if store is None:
        return None
    try:
        names = [v.name for v in store.saved_views()]
    except StoreError as exc:
        window.statusBar().showMessage(error_sentence(exc), 8000)
        return None
    dialog = DeckDialog(store.path, names, "light", window)  # printed and projected: light
    dialog.written.connect(
        lambda r: window.statusBar().showMessage(f"Wrote the briefing {r.path}", 8000)
    )
    window._deck_dialog = dialog  # type: ignore[attr-defined]  # kept alive while open
    dialog.open()
    return dialog
