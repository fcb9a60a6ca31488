"""The source pane: the selected event's article, opened at the cited paragraph.

Every piece of article, event and user text is untrusted. It reaches Qt either as
a plain-text label or through ``html.escape`` into markup we write ourselves; the
browser follows no links and loads no resources (see ``safe_browser.SafeBrowser``,
which also finds the cited paragraph). The headers are built from the small widgets
of ``pane_widgets.py``; markup is written by ``article_markup.py``, and what a selection
in the article offers by ``selection.py``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent, QTextBlock
from PySide6.QtWidgets import QFrame, QHBoxLayout, QTextBrowser, QVBoxLayout, QWidget

from timeline_app.domain import Category, Document, Event, Modality, Paragraph
from timeline_app.ui.source.article_markup import article_html, escaped_tooltip, message_html
from timeline_app.ui.source.pane_widgets import (
    arrow_button,
    fill,
    label_text,
    plain_label,
    scaled_font,
    swatch,
)
from timeline_app.ui.source.safe_browser import SafeBrowser, cited_block
from timeline_app.ui.source.selection import (
    NO_SELECTION_MESSAGE,
    PassageSelection,
    SelectionActions,
    select_first,
    selected_passage,
)
from timeline_app.ui.theme import CATEGORY_LABELS, LIGHT, MODALITY_LABELS, Theme, score_colour

__all__ = [  # the pane's names other modules use, wherever they are defined
    "EMPTY_MESSAGE", "NO_SELECTION_MESSAGE", "PassageSelection", "SafeBrowser", "SourceView",
    "article_html", "escaped_tooltip", "missing_message",
]  # fmt: skip

DocumentLookup = Callable[[str], tuple[Document, list[Paragraph]] | None]


EMPTY_MESSAGE = "Select an event on the timeline or in the list to read its source."
NO_SOURCES_MESSAGE = "This event cites no source."
SCORE_TIP = "Cooperation-conflict score (Goldstein scale, -10 to +10)"
# Room left above the highlight box: its top edge shows, no half-cut line of text.
_SCROLL_GAP_PX = 16


def missing_message(file_name: str) -> str:
    return f"The article {file_name} is not in this database."


def format_score(score: float) -> str:
    return "0" if score == 0 else f"{score:+g}"


class SourceView(QWidget):
    """Event header, source stepper, article header and the article itself."""

    citation_changed = Signal(int)  # index of the citation now shown
    # A PassageSelection, or None when nothing is selected (the receiver says what to
    # select): "New event from selection…" / "Add as citation to…".
    new_event_requested = Signal(object)
    citation_requested = Signal(object)

    def __init__(
        self,
        lookup: DocumentLookup,
        parent: QWidget | None = None,
        actor_name: Callable[[str], str] = str,
    ) -> None:
        super().__init__(parent)
        self._lookup = lookup
        self._actor_name = actor_name  # a code's name ("VNM" -> "Vietnam"); the code by default
        self._theme = LIGHT
        self._event: Event | None = None
        self._index = 0
        self._needs_scroll = False
        self._shown: tuple[Document, list[Paragraph]] | None = None
        # An article opened to read (just imported), with no event: its web address too.
        self._reading: tuple[Document, list[Paragraph], str] | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._build()
        self._build_selection_actions()
        self.set_theme(LIGHT)

    def _build(self) -> None:
        self._title, self._date, self._actors = (
            plain_label(self),
            plain_label(self),
            plain_label(self),
        )
        self._date_note = plain_label(self, muted=True)
        self._category_swatch, self._score_swatch = swatch(self), swatch(self)
        # The facets wrap, so a narrow dock is never held wide by "Defence industry".
        self._facets, self._score = plain_label(self), plain_label(self, wrap=False)
        self._score.setToolTip(escaped_tooltip(SCORE_TIP))
        facets = fill(QHBoxLayout(), self._category_swatch, self._facets, 12, self._score_swatch)
        facets.addWidget(self._score)
        facets.setStretch(1, 1)

        self._stepper = QWidget(self)
        left, right = Qt.ArrowType.LeftArrow, Qt.ArrowType.RightArrow
        self._prev = arrow_button(self._stepper, left, "Previous source", self.previous_citation)
        self._next = arrow_button(self._stepper, right, "Next source", self.next_citation)
        self._counter = plain_label(self._stepper, wrap=False)
        self._counter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._counter.setMinimumWidth(96)
        step = fill(QHBoxLayout(self._stepper), self._prev, self._counter, self._next)
        step.setContentsMargins(0, 4, 0, 0)
        step.addStretch(1)

        self._rule = QFrame(self)
        self._rule.setObjectName("sourceRule")
        self._rule.setFixedHeight(1)
        self._doc_title, self._doc_file = plain_label(self), plain_label(self, muted=True)
        self._doc_url = plain_label(self, muted=True)  # plain text: shown, never a link
        # One label, so a long outlet wraps with "(inferred)" right after the date; its
        # text is rich only to mute that word, and every piece of it is escaped.
        self._doc_meta = plain_label(self)
        self._doc_meta.setTextFormat(Qt.TextFormat.RichText)
        self._browser = SafeBrowser(self)
        self._browser.document().setDocumentMargin(10)

        # Two boxes, so each header hides as a whole (no event; no article).
        self._event_box, self._doc_box = QWidget(self), QWidget(self)
        top = fill(QVBoxLayout(self._event_box), self._title, self._date, self._date_note)
        fill(top, self._actors, facets, self._stepper, 4, self._rule)
        fill(
            QVBoxLayout(self._doc_box),
            self._doc_title, self._doc_meta, self._doc_url, self._doc_file,
        )  # fmt: skip
        outer = fill(QVBoxLayout(self), self._event_box, self._doc_box, self._browser)
        outer.setContentsMargins(10, 10, 10, 10)
        outer.setStretch(2, 1)
        for box in (self._event_box, self._doc_box):
            inner = box.layout()
            assert inner is not None  # given just above
            inner.setSpacing(4)
            inner.setContentsMargins(0, 0, 0, 4)
        for layout in (top, outer):
            layout.setSpacing(4)
        self._title.setFont(scaled_font(self.font(), 1.2, bold=True))
        self._doc_title.setFont(scaled_font(self.font(), 1.0, bold=True))
        for w in (self._date_note, self._doc_url, self._doc_file):
            w.setFont(scaled_font(self.font(), 0.9, bold=False))

    def _build_selection_actions(self) -> None:
        self._selection = SelectionActions(
            self._browser,
            self.selected_passage,
            self.new_event_requested.emit,
            self.citation_requested.emit,
        )
        self.new_event_action = self._selection.new_event
        self.cite_action = self._selection.cite

    def selected_passage(self) -> PassageSelection | None:
        """The selection, when it lies within one paragraph of the shown article."""
        return selected_passage(self._browser, self._shown)

    def select_text(self, text: str) -> bool:
        """Select the first occurrence of ``text`` in the article (for tests and keys)."""
        return select_first(self._browser, text)

    def shown_document(self) -> Document | None:
        return self._shown[0] if self._shown else None

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.setStyleSheet(
            f"SourceView {{ background-color: {theme.panel}; }}"
            f"QLabel {{ color: {theme.text}; background: transparent; }}"
            f'QLabel[muted="true"] {{ color: {theme.muted_text}; }}'
            f"QFrame#sourceRule {{ background-color: {theme.grid}; border: none; }}"
            f"QTextBrowser {{ background-color: {theme.background}; color: {theme.text};"
            f" border: 1px solid {theme.grid}; }}"
        )
        # Keep the reader's place: a theme switch must not jump the article.
        bar = self._browser.verticalScrollBar()
        position = bar.value()
        self._render(scroll=False)
        bar.setValue(position)

    def show_event(self, event: Event | None, citation_index: int = 0) -> None:
        self._event = event
        self._reading = None
        count = len(event.citations) if event else 0
        self._index = max(0, min(citation_index, count - 1)) if count else 0
        self._render(scroll=True)
        if count:
            self.citation_changed.emit(self._index)

    def show_bulk_event(self, details: Mapping[str, Any]) -> None:
        """A bulk (GDELT) event: its facts and its source reference, as text.

        Bulk events cite a URL, not a paragraph; the URL is shown and never fetched
        (it is plain text here, not a link).
        """
        self._event = None
        self._reading = None
        theme = self._theme
        self._event_box.setVisible(True)
        self._stepper.hide()
        self._doc_box.hide()
        actor1 = details.get("actor1_name") or details.get("actor1", "?")
        actor2 = details.get("actor2_name") or details.get("actor2", "?")
        self._title.setText(f"{actor1} → {actor2}: {details.get('root_description', '')}")
        self._date.setText(str(details.get("date", "")))
        self._date_note.setText(f"Bulk event from dataset {details.get('dataset', '?')}")
        self._date_note.setVisible(True)
        self._actors.setText(
            f"{details.get('actor1')} (initiator) · {details.get('actor2')} (recipient)"
        )
        category = Category(str(details.get("category", "dialogue")))
        modality = Modality(str(details.get("modality", "happened")))
        self._facets.setText(f"{CATEGORY_LABELS[category]} · {MODALITY_LABELS[modality]}")
        score = float(details.get("score", 0.0))
        self._score.setText(format_score(score))
        colour = theme.category_colour(category).name()
        self._category_swatch.setStyleSheet(f"background-color: {colour}; border-radius: 2px;")
        self._score_swatch.setStyleSheet(
            f"background-color: {score_colour(score).name()}; border-radius: 5px;"
        )
        url = details.get("source_url") or "none recorded"
        facts = [
            f"CAMEO event code {details.get('event_code', '?')} (root {details.get('root_code', '?')}), "
            f"quad class {details.get('quad_class', '?')}, Goldstein score {format_score(score)}.",
            f"Reported by {details.get('num_sources', '?')} source(s) in "
            f"{details.get('num_articles', '?')} article(s).",
            f"Source reference (not fetched): {url}",
        ]
        body = "".join(f"<p>{html.escape(line)}</p>" for line in facts)
        self._browser.setHtml(f'<div style="color:{theme.text}">{body}</div>')

    def show_document(self, document: Document, paragraphs: list[Paragraph], url: str = "") -> None:
        """An article on its own, to read and select from: its header, no citation marked.

        The pane shows no event until the next ``show_event``; passages selected here
        make events like those selected in an event's source.
        """
        self._event = None
        self._index = 0
        self._reading = (document, paragraphs, url)
        self._render(scroll=False)
        self._browser.verticalScrollBar().setValue(0)

    def next_citation(self) -> None:
        self._step(+1)

    def previous_citation(self) -> None:
        self._step(-1)

    def current_index(self) -> int:
        return self._index

    def citation_count(self) -> int:
        return len(self._event.citations) if self._event else 0

    def highlighted_paragraph_text(self) -> str:
        block = self._cited_block()
        return block.text() if block is not None else ""

    def browser(self) -> QTextBrowser:
        return self._browser

    def header_text(self) -> str:
        labels = (
            self._title, self._date, self._date_note, self._actors, self._facets,
            self._score, self._counter, self._doc_title, self._doc_meta, self._doc_url,
            self._doc_file,
        )  # fmt: skip
        return "\n".join(label_text(w) for w in labels if w.text() and w.isVisibleTo(self))

    def scroll_to_citation(self) -> None:
        """Bring the cited paragraph (the block holding the anchor) to the top."""
        bar = self._browser.verticalScrollBar()
        block = self._cited_block()
        if block is None:
            bar.setValue(0)
            return
        # Not scrollToAnchor: it puts the text flush with the edge and hides the top of
        # the highlight box. The layout's rect includes the table cell's offset.
        top = self._browser.document().documentLayout().blockBoundingRect(block).y()
        bar.setValue(max(0, int(top) - _SCROLL_GAP_PX))
        if self._browser.isVisible() and self._browser.viewport().height() > 0:
            self._needs_scroll = False

    def _step(self, delta: int) -> None:
        target = self._index + delta
        if self._event is None or not 0 <= target < len(self._event.citations):
            return
        self._index = target
        self._render(scroll=True)
        self.citation_changed.emit(self._index)

    def _cited_block(self) -> QTextBlock | None:
        return cited_block(self._browser.document())

    def _render(self, *, scroll: bool) -> None:
        event, theme = self._event, self._theme
        self._event_box.setVisible(event is not None)
        self._stepper.setVisible(event is not None and len(event.citations) > 1)
        self._doc_box.hide()
        self._shown = None
        if event is None and self._reading is not None:
            document, paragraphs, url = self._reading
            self._shown = (document, paragraphs)
            self._fill_document_header(document, url)
            self._browser.setHtml(article_html(paragraphs, None, theme))
            return
        if event is None:
            self._browser.setHtml(message_html(EMPTY_MESSAGE, theme))
            return
        self._fill_event_header(event)
        if not event.citations:
            self._browser.setHtml(message_html(NO_SOURCES_MESSAGE, theme))
            return
        citation = event.citations[self._index]
        found = self._lookup(citation.document)
        if found is None:
            self._browser.setHtml(message_html(missing_message(citation.document), theme))
            return
        document, paragraphs = found
        self._shown = (document, paragraphs)
        self._fill_document_header(document)
        self._browser.setHtml(article_html(paragraphs, citation, theme))
        if scroll:
            self._needs_scroll = True
            self.scroll_to_citation()  # works at once when the pane is laid out
            QTimer.singleShot(0, self.scroll_to_citation)  # and again after layout

    def _fill_event_header(self, event: Event) -> None:
        self._title.setText(event.title)
        self._date.setText(event.when.describe())
        self._date_note.setText(event.date_note)
        self._date_note.setVisible(bool(event.date_note))
        self._actors.setText(
            " · ".join(f"{self._actor_name(p.code)} ({p.role.value})" for p in event.actors)
        )
        self._facets.setText(
            f"{CATEGORY_LABELS[event.category]} · {MODALITY_LABELS[event.modality]}"
        )
        self._score.setText(format_score(event.score))
        colour = self._theme.category_colour(event.category).name()
        self._category_swatch.setStyleSheet(f"background-color: {colour}; border-radius: 2px;")
        colour = score_colour(event.score).name()
        self._score_swatch.setStyleSheet(f"background-color: {colour}; border-radius: 5px;")
        count = len(event.citations)
        self._counter.setText(f"Source {self._index + 1} of {count}")
        self._prev.setEnabled(self._index > 0)
        self._next.setEnabled(self._index < count - 1)

    def _fill_document_header(self, document: Document, url: str = "") -> None:
        self._doc_title.setText(document.title)
        meta = html.escape(f"{document.outlet} · {document.published.describe()}")
        if document.published_inferred:
            meta += f' <span style="color:{self._theme.muted_text}">(inferred)</span>'
        self._doc_meta.setText(meta)
        self._doc_meta.setToolTip(escaped_tooltip(document.published_note))
        supplied = "(title supplied) · " if document.title_supplied else ""
        self._doc_file.setText(supplied + document.file_name)
        self._doc_url.setText(url)
        self._doc_url.setVisible(bool(url))
        self._doc_box.show()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # A pane shown after show_event (a hidden dock) had no viewport to scroll.
        if self._needs_scroll:
            QTimer.singleShot(0, self.scroll_to_citation)
