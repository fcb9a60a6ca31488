"""In the window: select a sentence in the source pane, make an event, see it on its
lane with its quote highlighted, undo it, redo it; corroborate; edit; delete."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import wait_idle
from timeline_app.domain import ANALYST_DATASET, Citation, Pair, Role
from timeline_app.editing import changes
from timeline_app.services import Store, corpus_paths
from timeline_app.ui.editor.editor_dialog import EventEditor
from timeline_app.ui.window.main_window import MainWindow

SENTENCE = "Hanoi and Delhi sign a pact"


@pytest.fixture
def window(
    tmp_path: Path, corpus_dir: Path, open_window: Callable[..., MainWindow], qtbot: QtBot
) -> MainWindow:
    db = tmp_path / "editing.sqlite3"
    store = Store.open(db)
    store.load(corpus_paths(sources=corpus_dir))
    store.close()
    opened = open_window(db)
    opened.show_source("ind-vnm-pact")
    qtbot.waitUntil(lambda: opened.source.shown_document() is not None)
    return opened


def open_editor(window: MainWindow, qtbot: QtBot, text: str) -> EventEditor:
    assert window.source.select_text(text)
    window.source.new_event_action.trigger()
    qtbot.waitUntil(lambda: bool(window.editing.open_editors))
    return window.editing.open_editors[-1]


def refreshed(window: MainWindow, qtbot: QtBot, check: Callable[[], bool]) -> None:
    qtbot.waitUntil(check, timeout=10000)
    wait_idle(qtbot, window)


def test_make_an_event_from_a_selection_then_undo_and_redo(
    window: MainWindow, qtbot: QtBot
) -> None:
    editor = open_editor(window, qtbot, SENTENCE)
    assert editor.quote_box.toPlainText() == SENTENCE
    assert [(c, r) for c, r in editor.actor_rows()] == [
        ("VNM", Role.PARTICIPANT), ("IND", Role.PARTICIPANT),
    ]  # fmt: skip
    editor.title_box.setText("India and Vietnam agree a pact (headline)")
    editor.date_box.setText("2021-12-08")
    editor.save()
    # It looks like the curated pact (same pair, same days, shared words): offered first.
    assert editor.similar_box.isVisibleTo(editor)
    assert editor.likenesses[0].event.id == "ind-vnm-pact"
    editor.save()  # "press Save again to make a new event anyway"
    new_id = "2021-12-08-india-and-vietnam-agree-a-pact"  # the date and the title's words
    refreshed(window, qtbot, lambda: window.selected == new_id)
    event = window.data.event(new_id)
    assert event is not None and event.dataset == ANALYST_DATASET
    assert Pair("IND", "VNM") in window.timeline.lanes()
    assert window.source.highlighted_paragraph_text().endswith(SENTENCE)
    quoted = window.source.browser().document().find(SENTENCE)
    assert quoted.charFormat().fontWeight() >= 700  # the quote is in bold

    assert window.undo_action.text().startswith("&Undo New event")
    window.undo_action.trigger()
    refreshed(window, qtbot, lambda: window.data.event(new_id) is None)
    assert window.store is not None and window.store.event(new_id) is None
    window.redo_action.trigger()
    refreshed(window, qtbot, lambda: window.data.event(new_id) is not None)
    assert [e.action for e in window.store.audit_log(new_id)] == ["add", "undo add", "redo add"]


def test_field_problems_show_next_to_their_fields(window: MainWindow, qtbot: QtBot) -> None:
    editor = open_editor(window, qtbot, SENTENCE)
    editor.date_box.setText("2021-13-40")
    editor.quote_box.setPlainText("Hanoi and Delhi sign a treaty")
    editor.score.setValue(5)
    editor.save()
    assert editor.isVisible() and editor.change is None
    assert "not a date" in editor.errors["date"].text()
    assert "not found verbatim" in editor.errors["sources"].text()
    assert not editor.errors["score"].isVisibleTo(editor)
    editor.reject()


def test_the_quote_can_become_a_citation_of_the_event_it_corroborates(
    window: MainWindow, qtbot: QtBot
) -> None:
    editor = open_editor(window, qtbot, SENTENCE)
    editor.date_box.setText("2021-12-06")
    editor.save()
    assert editor.likenesses
    editor.cite_instead(editor.likenesses[0].event, Citation("a.txt", 2, SENTENCE))
    refreshed(window, qtbot, lambda: len(window.data.event("ind-vnm-pact").citations) == 2)  # type: ignore[union-attr]
    assert window.store is not None
    assert [e.action for e in window.store.audit_log("ind-vnm-pact")] == ["edit"]


def test_edit_and_delete_the_selected_event(window: MainWindow, qtbot: QtBot) -> None:
    window.editing.edit_selected()
    qtbot.waitUntil(lambda: bool(window.editing.open_editors))
    editor = window.editing.open_editors[-1]
    editor.title_box.setText("India and Vietnam sign a defence pact in Hanoi")
    editor.save()
    assert editor.change is not None, {k: v.text() for k, v in editor.errors.items()}
    refreshed(window, qtbot, lambda: window.data.event("ind-vnm-pact").title.endswith("Hanoi"))  # type: ignore[union-attr]
    edited = window.data.event("ind-vnm-pact")
    assert edited is not None
    window.editing.push(changes.delete_event(edited))
    refreshed(window, qtbot, lambda: window.data.event("ind-vnm-pact") is None)
    window.undo_action.trigger()
    refreshed(window, qtbot, lambda: window.data.event("ind-vnm-pact") is not None)
    history = window.editing.show_event_history()
    assert history is not None
    assert window.store is not None
    assert [e.action for e in window.store.audit_log("ind-vnm-pact")] == [
        "edit", "delete", "undo delete",
    ]  # fmt: skip
    history.close()
