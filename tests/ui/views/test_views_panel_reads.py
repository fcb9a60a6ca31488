"""The Views panel reads without hovering, and its own writes are not taken for
another process's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from timeline_app.filters import FilterInput
from timeline_app.services import Store
from timeline_app.ui.views.panel import ViewsPanel
from timeline_app.ui.window.main_window import MainWindow
from timeline_app.view_snapshot import from_state
from timeline_app.view_state import ViewState


def test_the_chosen_view_shows_its_caption_and_what_it_frames(qtbot: QtBot, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "t.sqlite3")
    state = ViewState(window=(100.0, 200.0), filter=FilterInput(text="Akash <i>"))
    panel = ViewsPanel(store, lambda: state, ask=lambda *_: None)
    qtbot.addWidget(panel)
    assert "Save view" in panel.detail.text()  # empty: how to make one
    panel.save_current("Akash", "Air defence <b>offers</b>")
    detail = panel.detail.text()
    assert detail.startswith("Air defence <b>offers</b>\n")  # shown as typed, plain text
    assert "Akash <i>" in detail
    panel.list.setCurrentRow(-1)
    assert "Double-click" in panel.detail.text()


def test_saving_a_view_is_not_a_change_by_another_process(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window()
    elsewhere: list[bool] = []
    window.db_watch.changed_elsewhere.connect(lambda: elsewhere.append(True))
    window.views_panel.save_current("Everything", "")
    window.db_watch.poll()
    window.views_panel.move_selected(0)
    window.views_panel.delete_selected()
    window.db_watch.poll()
    assert elsewhere == []
    assert "another process" not in window.statusBar().currentMessage()
    # A write by another connection still counts (the test can fail both ways).
    assert window.store is not None
    Store.open(window.store.path).save_view(from_state("Elsewhere", window.view.state))
    window.db_watch.poll()
    assert elsewhere == [True]
