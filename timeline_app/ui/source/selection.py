"""Text the analyst selects in the source pane, and the two actions that use it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTextBrowser

from timeline_app.domain import Document, Paragraph

NO_SELECTION_MESSAGE = "Select a passage of one paragraph of the article first."


@dataclass(frozen=True)
class PassageSelection:
    """Text the analyst selected in one paragraph of the article shown."""

    document: Document
    paragraph: Paragraph
    quote: str  # as selected; the editor checks it is verbatim in the paragraph


def selected_passage(
    browser: QTextBrowser, shown: tuple[Document, list[Paragraph]] | None
) -> PassageSelection | None:
    """The browser's selection, when it lies within one paragraph of the shown article."""
    cursor = browser.textCursor()
    if shown is None or not cursor.hasSelection():
        return None
    document = browser.document()
    first = document.findBlock(cursor.selectionStart())
    last = document.findBlock(cursor.selectionEnd())
    if first.blockNumber() != last.blockNumber():
        return None
    doc, paragraphs = shown
    # The browser's block holds the paragraph's text as laid out; compare normalised.
    text = " ".join(first.text().split())
    paragraph = next((p for p in paragraphs if p.text == text), None)
    quote = " ".join(cursor.selectedText().split())
    if paragraph is None or not quote:
        return None
    return PassageSelection(doc, paragraph, quote)


def select_first(browser: QTextBrowser, text: str) -> bool:
    """Select the first occurrence of ``text`` in the browser (for tests and keys)."""
    found = browser.document().find(text)
    if found.isNull():
        return False
    browser.setTextCursor(found)
    return True


class SelectionActions(QObject):
    """ "New event from selection…" and "Add as citation to…", also on the context menu.

    Each calls its handler with the selection, or None when there is none, so the
    window can say what to select (the keys work window-wide).
    """

    def __init__(
        self,
        browser: QTextBrowser,
        passage: Callable[[], PassageSelection | None],
        on_new_event: Callable[[PassageSelection | None], None],
        on_cite: Callable[[PassageSelection | None], None],
    ) -> None:
        super().__init__(browser)
        self._browser, self._passage = browser, passage
        self.new_event = QAction("&New event from selection…", browser)
        self.new_event.setStatusTip("Make an event citing the selected passage")
        self.new_event.triggered.connect(lambda: self._request(on_new_event))
        self.cite = QAction("&Add as citation to…", browser)
        self.cite.setStatusTip("Cite the selected passage in an existing event")
        self.cite.triggered.connect(lambda: self._request(on_cite))
        browser.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        browser.customContextMenuRequested.connect(self._context_menu)

    def _request(self, handler: Callable[[PassageSelection | None], None]) -> None:
        handler(self._passage())  # None: the handler says what to select

    def _context_menu(self, at: QPoint) -> None:
        menu = self._browser.createStandardContextMenu(at)
        menu.addSeparator()
        has_selection = self._passage() is not None
        for action in (self.new_event, self.cite):
            action.setEnabled(has_selection)
            menu.addAction(action)
        menu.exec(self._browser.viewport().mapToGlobal(at))
        for action in (self.new_event, self.cite):
            action.setEnabled(True)  # the keys decide when pressed (see _request)
