"""The analyst's everyday path from a saved web page to an event, in the real window:
import the page, read it in the source pane, select a sentence, make an event, see it
on its lane with the quote highlighted, undo it, redo it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.articles.makers import FIXTURES
from tests.ui.conftest import wait_idle
from timeline_app.domain import ANALYST_DATASET, Pair, Role
from timeline_app.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui

PORTAL = FIXTURES / "news_portal.html"
SENTENCE = "India and Vietnam on Tuesday signed an agreement to step up cooperation"


def _refreshed(window: MainWindow, qtbot: QtBot, check: Callable[[], bool]) -> None:
    qtbot.waitUntil(check, timeout=15000)
    wait_idle(qtbot, window)


def _drawn(window: MainWindow) -> set[str]:
    return {e.id for e in window.timeline.events()}


def _press(window: MainWindow, qtbot: QtBot, modifiers: Qt.KeyboardModifier) -> None:
    """Z with ``modifiers``, pressed on the timeline as an analyst would after saving."""
    # The dialogs just closed; offscreen Qt gives the activation back to no window.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_Z, modifiers)


def _import_portal(window: MainWindow, qtbot: QtBot) -> None:
    window.articles.import_paths([PORTAL])
    qtbot.waitUntil(lambda: window.articles.report_box is not None, timeout=30000)
    qtbot.waitUntil(lambda: window.source.shown_document() is not None, timeout=30000)
    box = window.articles.report_box
    assert box is not None
    box.done(QMessageBox.StandardButton.Ok)
    if window.articles.details is not None:
        window.articles.details.reject()


def test_an_imported_page_opens_with_its_header_and_no_citation_marked(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window()
    _import_portal(window, qtbot)
    header = window.source.header_text()
    assert "India, Vietnam sign pact on maritime security" in header
    assert "Example Times · 12 Sep 2023" in header or "Example Times" in header
    assert "https://www.example-times.in/world/india-vietnam-sign-pact" in header
    assert window.source.highlighted_paragraph_text() == ""  # nothing is cited yet
    assert "India and Vietnam on Tuesday" in window.source.browser().toPlainText()


def test_import_select_make_an_event_undo_and_redo_it(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window()  # an empty collection: not even IND or VNM is a known actor yet
    _import_portal(window, qtbot)
    document = window.source.shown_document()
    assert document is not None and document.file_name.startswith("imported/")

    assert window.source.select_text(SENTENCE)
    window.source.new_event_action.trigger()
    qtbot.waitUntil(lambda: bool(window.editing.open_editors))
    editor = window.editing.open_editors[-1]
    assert editor.quote_box.toPlainText() == SENTENCE
    # "on Tuesday" read against the page's publication date, Tuesday 12 September 2023.
    assert editor.date_suggestions and editor.date_box.text() == "2023-09-12"
    assert {code for code, _role in editor.actor_rows()} == {"IND", "VNM"}
    assert all(role is Role.PARTICIPANT for _code, role in editor.actor_rows())
    editor.title_box.setText("India and Vietnam sign a maritime security pact")
    editor.save()
    assert editor.change is not None, {k: v.text() for k, v in editor.errors.items()}

    new_id = "2023-09-12-india-and-vietnam-sign-a-maritime"
    _refreshed(window, qtbot, lambda: window.selected == new_id)
    event = window.data.event(new_id)
    assert event is not None and event.dataset == ANALYST_DATASET
    assert Pair("IND", "VNM") in window.timeline.lanes() and new_id in _drawn(window)
    assert window.source.highlighted_paragraph_text().startswith(SENTENCE)
    quoted = window.source.browser().document().find(SENTENCE)
    assert quoted.charFormat().fontWeight() >= 700  # the quote itself is marked

    assert window.undo_action.text().startswith("&Undo New event")
    _press(window, qtbot, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Z
    _refreshed(window, qtbot, lambda: window.data.event(new_id) is None)
    assert new_id not in _drawn(window)
    _press(window, qtbot, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    _refreshed(window, qtbot, lambda: window.data.event(new_id) is not None)
    assert new_id in _drawn(window)
    assert window.store is not None
    assert [e.action for e in window.store.audit_log(new_id)] == ["add", "undo add", "redo add"]


def test_new_event_with_nothing_selected_says_what_to_select(
    qtbot: QtBot, open_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    window = open_window()
    _import_portal(window, qtbot)
    window.source.browser().textCursor().clearSelection()
    window.source.new_event_action.trigger()
    assert not window.editing.open_editors
    assert "Select a passage" in window.statusBar().currentMessage()


SUDAN_ARTICLE = """Sudan and Egypt agree to coordinate on the Nile dam

Published 4 March 2024

Sudan and Egypt on Monday agreed to coordinate their positions on the Nile dam, officials in Khartoum said after talks between the two foreign ministers.

The ministers also discussed the return of refugees who fled the fighting in Sudan last year, and agreed to meet again in Cairo within a month.
"""


def test_an_event_between_actors_new_to_the_collection_gets_a_lane_and_nodes(
    qtbot: QtBot, open_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    article = tmp_path / "sudan_egypt.txt"
    article.write_text(SUDAN_ARTICLE, encoding="utf-8")
    window = open_window()
    assert window.snapshot is not None
    assert not {"SDN", "EGY"} & {a.code for a in window.snapshot.actors}  # not yet known
    window.articles.import_paths([article])
    qtbot.waitUntil(lambda: window.articles.report_box is not None, timeout=30000)
    qtbot.waitUntil(lambda: window.source.shown_document() is not None, timeout=30000)
    window.articles.report_box.done(QMessageBox.StandardButton.Ok)  # type: ignore[union-attr]
    if window.articles.details is not None:
        window.articles.details.reject()

    assert window.source.select_text("Sudan and Egypt on Monday agreed to coordinate")
    window.source.new_event_action.trigger()
    qtbot.waitUntil(lambda: bool(window.editing.open_editors))
    editor = window.editing.open_editors[-1]
    assert {code for code, _role in editor.actor_rows()} == {"SDN", "EGY"}
    editor.title_box.setText("Sudan and Egypt agree to coordinate on the Nile dam")
    editor.save()
    assert editor.change is not None, {k: v.text() for k, v in editor.errors.items()}
    _refreshed(window, qtbot, lambda: window.selected is not None)
    assert Pair("EGY", "SDN") in window.timeline.lanes()
    assert {"SDN", "EGY"} <= set(window.relations.node_items())
