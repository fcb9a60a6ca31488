"""The Views panel drives the real store: save from the view state, reorder, rename, delete."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from timeline_app.filters import FilterInput
from timeline_app.services import Store
from timeline_app.ui.views.panel import ViewsPanel
from timeline_app.view_state import Focus, ViewState


def test_panel_saves_reorders_renames_and_deletes(qtbot: QtBot, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "t.sqlite3")
    state = ViewState(window=(100.0, 200.0), filter=FilterInput(text="Akash"),
                      focus=Focus("pair", "IND-VNM"), selection="e1")  # fmt: skip
    answers: list[str | None] = ["First <b>", "caption one", "Second", ""]
    panel = ViewsPanel(store, lambda: state, ask=lambda *_: answers.pop(0))
    qtbot.addWidget(panel)
    panel.ask_and_save()
    panel.ask_and_save()
    assert panel.names() == ["First <b>", "Second"]
    saved = Store.open(store.path).saved_view("First <b>")
    assert saved is not None and saved.caption == "caption one"
    assert saved.window == (100.0, 200.0) and saved.focus == ("pair", "IND-VNM")
    assert saved.selection == ("e1",) and saved.filter.text == "Akash"

    panel.move_selected(-1)  # "Second" is selected after saving it
    assert panel.names() == ["Second", "First <b>"]
    assert [v.name for v in store.saved_views()] == ["Second", "First <b>"]

    answers.append("Renamed")
    panel.ask_and_rename()
    assert panel.names() == ["Renamed", "First <b>"]

    chosen: list[object] = []
    panel.view_chosen.connect(chosen.append)
    panel.list.itemActivated.emit(panel.list.item(1))
    assert chosen == [saved]

    panel.list.setCurrentRow(0)
    panel.delete_selected()
    assert panel.names() == ["First <b>"] == [v.name for v in store.saved_views()]


def test_a_cancelled_dialog_saves_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "t.sqlite3")
    panel = ViewsPanel(store, lambda: ViewState(window=(0.0, 1.0)), ask=lambda *_: None)
    qtbot.addWidget(panel)
    panel.ask_and_save()
    assert panel.names() == [] and store.saved_views() == []


def test_the_window_saves_and_shows_a_view(qtbot: QtBot, tmp_path: Path) -> None:
    from datetime import date

    from timeline_app.dates import to_day
    from timeline_app.ui.window.main_window import MainWindow

    from ..conftest import wait_idle

    window = MainWindow(tmp_path / "w.sqlite3")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.store is not None, timeout=20000)
    december = (float(to_day(date(2021, 11, 20))), float(to_day(date(2021, 12, 21))))
    window.timeline.set_visible_range(*december)
    window.views_panel.ask = lambda *_: "December 2021"
    window.save_view()
    assert window.views_panel.names() == ["December 2021"]
    window.timeline.fit_all()
    assert window.timeline.visible_range() != december
    window.views_panel.list.setCurrentRow(0)
    saved = window.views_panel.selected()
    assert saved is not None
    window.views_panel.view_chosen.emit(saved)
    assert window.view.state.window == december
    assert window.timeline.visible_range() == december
    window.undo()  # one step back: the fit-all window
    assert window.view.state.window != december
    window.jobs.wait()
