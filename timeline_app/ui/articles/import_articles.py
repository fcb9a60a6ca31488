"""File › Import articles… and files dropped on the window: read and store each file
on the worker thread, report what happened, open the article in the source pane and
offer its details for correction."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from timeline_app.articles import ArticleError
from timeline_app.articles.metadata import MetaOverrides
from timeline_app.services import Changes, Store
from timeline_app.ui.articles.errors import error_reporter
from timeline_app.ui.articles.metadata_dialog import MetadataDialog

if TYPE_CHECKING:
    from timeline_app.store.collection import ArticleImport
    from timeline_app.ui.window.main_window import MainWindow

FILE_FILTER = "Articles (*.html *.htm *.txt *.pdf);;All files (*)"
NEXT_STEP = (
    "The article is open in the source pane: select the sentence that states a fact, "
    "then right-click › New event from selection (Ctrl+N)."
)


@dataclass(frozen=True)
class ImportOutcome:
    imported: list[ArticleImport]
    refused: list[str]  # "file: reason"

    def report(self) -> str:
        """Each file by the article it holds (title, outlet, date), then what to do next;
        the collection's key is in ``details``, not in the words an analyst reads."""
        lines = []
        for result in self.imported:
            record = result.record()
            state = "already in the collection" if result.duplicate else "added"
            named = ", ".join(
                str(part)
                for part in (f"“{record['title']}”" if record["title"] else "",
                             record["outlet"], record["published"])
                if part
            )  # fmt: skip
            extra = (
                f" + {record['boilerplate']} of site menus and links"
                if record["boilerplate"]
                else ""
            )
            lines.append(
                f"{result.article.original_name}: {state}"
                + (f" — {named}" if named else "")
                + f" ({record['paragraphs']} paragraphs{extra})"
            )
        lines += [f"{line} (not imported)" for line in self.refused]
        if self.imported:
            lines += ["", NEXT_STEP]
        return "\n".join(lines)

    def details(self) -> str:
        """The stored keys (events cite them; the command line names them)."""
        return "\n".join(f"{r.article.original_name} → {r.key}" for r in self.imported)


def import_files(store: Store, paths: list[Path]) -> ImportOutcome:
    """Runs on the worker thread: one transaction per file."""
    imported: list[ArticleImport] = []
    refused: list[str] = []
    for path in paths:
        try:
            imported.append(store.import_article(path))
        except ArticleError as exc:
            refused.append(str(exc))
    return ImportOutcome(imported, refused)


class ArticleImporter(QObject):
    """Owns the import action's behaviour; the window only holds it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.report_box: QMessageBox | None = None
        self.details: MetadataDialog | None = None
        self._open_after_refresh: ArticleImport | None = None
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self.window, "Import articles", str(Path.home()), FILE_FILTER
        )
        if names:
            self.import_paths([Path(n) for n in names])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and isinstance(event, QDragEnterEvent | QDropEvent):
            urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
            files = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
            if not files:
                return False
            event.acceptProposedAction()
            if isinstance(event, QDropEvent) and not isinstance(event, QDragEnterEvent):
                self.import_paths(files)
            return True
        return super().eventFilter(watched, event)

    def import_paths(self, paths: list[Path]) -> None:
        store = self.window.store
        if store is None:
            return
        self.window.jobs.submit(
            f"Importing {len(paths)} article(s)…",
            lambda: import_files(store, paths),
            self._imported,
            error_reporter(self.window, "The articles were not imported"),
        )

    def _imported(self, outcome: ImportOutcome) -> None:
        added = [r for r in outcome.imported if not r.duplicate]
        if outcome.imported:
            last = outcome.imported[-1]
            if added:  # the views refresh first (the source pane too), then it opens
                self._open_after_refresh = last
                self.window.data_shown.connect(self._refreshed)
                self.window.changed.emit(Changes(documents=True))
            else:
                self.open_in_source_pane(last)
        box = QMessageBox(self.window)
        box.setWindowTitle("Import articles")
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names and reasons: plain text
        box.setText(outcome.report())
        if outcome.imported:
            box.setDetailedText(outcome.details())  # plain text always
        box.setIcon(QMessageBox.Icon.Warning if outcome.refused else QMessageBox.Icon.Information)
        self.report_box = box
        if len(added) == 1:  # one new article: offer its details at once
            box.finished.connect(lambda _result: self.show_details(added[0]))
        box.open()

    def _refreshed(self) -> None:
        self.window.data_shown.disconnect(self._refreshed)
        QTimer.singleShot(0, self._open_pending)  # after the views' own updates

    def _open_pending(self) -> None:
        if self._open_after_refresh is not None:
            self.open_in_source_pane(self._open_after_refresh)
            self._open_after_refresh = None

    def open_in_source_pane(self, result: ArticleImport) -> None:
        """The article with its header and nothing marked, ready for a selection.

        The document as the refreshed views hold it is shown (a duplicate keeps the
        details it was given), falling back to what was just read.
        """
        article = result.article
        stored = self.window.data.document(result.key)
        document, paragraphs = stored or (article.document, list(article.paragraphs))
        self.window.source_dock.show()
        self.window.source_dock.raise_()
        self.window.source.show_document(document, paragraphs, article.meta.url)

    def show_details(self, result: ArticleImport) -> None:
        dialog = MetadataDialog(result.key, result.article.meta, self.window)
        dialog.corrected.connect(self._correct)
        self.details = dialog
        dialog.open()

    def _correct(self, key: str, overrides: MetaOverrides) -> None:
        store = self.window.store
        if store is None:
            return
        self.window.jobs.submit(
            "Saving the article's details…",
            lambda: store.correct_article(key, overrides),
            lambda _meta: self.window.changed.emit(Changes(documents=True)),
            error_reporter(self.window, "The details were not saved"),
        )
