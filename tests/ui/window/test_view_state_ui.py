"""The view state in the real window: framing, 'Show them', undo steps, Esc, keys, focus."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QKeySequence, QWheelEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from timeline_app.dates import to_day
from timeline_app.domain import Pair
from timeline_app.export.image_options import window_days
from timeline_app.framing import dense_period, spans_of
from timeline_app.ui.window.main_window import MainWindow

from ..conftest import wait_idle

Factory = Callable[..., MainWindow]
TWO_PLUS_TWO = "ind-rus-2021-12-06-first-2plus2-dialogue"


def day(y: int, m: int = 1, d: int = 1) -> float:
    return float(to_day(date(y, m, d)))


def type_filter(qtbot: QtBot, window: MainWindow, **boxes: str) -> None:
    for name, text in boxes.items():
        getattr(window.filter_bar, name).setText(text)
    window.filter_bar.flush()
    wait_idle(qtbot, window)


def wheel(window: MainWindow, steps: int, delta: int = 120) -> None:
    viewport = window.timeline.plot.viewport()
    centre = QPointF(viewport.width() / 2, viewport.height() / 2)
    for _ in range(steps):
        event = QWheelEvent(
            centre,
            QPointF(viewport.mapToGlobal(centre.toPoint())),
            QPoint(0, 0),
            QPoint(0, delta),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(viewport, event)


def test_the_first_view_frames_the_seeds_dense_decade_and_a_bare_export_agrees(
    open_window: Factory,
) -> None:
    window = open_window()
    assert window.view.state.window == (day(2016), day(2023))
    lo, hi = window.timeline.visible_range()
    assert abs(lo - day(2016)) < 1 and abs(hi - day(2023)) < 1
    assert window_days(None, None, window.snapshot.events) == window.view.state.window
    assert not window.undo_action.isEnabled()  # settling in is no undo step


def test_a_date_range_moves_the_window_there_and_the_panel_has_ties(
    qtbot: QtBot, open_window: Factory
) -> None:
    window = open_window()
    window.timeline.set_visible_range(day(2019), day(2023))  # where the analyst was
    type_filter(qtbot, window, date_from="2016", date_to="2017")
    assert window.view.state.window == (day(2016), day(2018))
    lo, hi = window.timeline.visible_range()
    assert abs(lo - day(2016)) < 1 and abs(hi - day(2018)) < 1
    assert window.snapshot.events and not window.relations.empty()
    assert "IND-VNM" in window.relations.edge_items()
    # One undo step takes back the filter and the frame together.
    window.undo_action.trigger()
    wait_idle(qtbot, window)
    assert window.filter_bar.date_from.text() == "" and window.current_filter().is_empty
    assert window.view.state.window == (day(2019), day(2023))


def test_search_puts_the_exact_match_first_and_selects_it(
    qtbot: QtBot, open_window: Factory
) -> None:
    window = open_window()
    window.timeline.set_visible_range(day(1955), day(1965))
    type_filter(qtbot, window, search="2+2")
    assert window.table.visible_ids()[0] == TWO_PLUS_TWO
    assert len(window.table.visible_ids()) > 1
    assert window.selected == TWO_PLUS_TWO and window.table.selected_event() == TWO_PLUS_TWO
    assert TWO_PLUS_TWO in window.source.header_text() or "2+2" in window.source.header_text()
    lo, hi = window.timeline.visible_range()
    assert lo <= day(2021, 12, 6) < hi  # the window moved to the matches
    assert not window.outside_notice.isVisible()
    # Clicking a column header still sorts by that column.
    window.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert window.table.visible_ids()[0] != TWO_PLUS_TWO


def test_matches_outside_the_window_offer_show_them(qtbot: QtBot, open_window: Factory) -> None:
    window = open_window()
    type_filter(qtbot, window, search="India")
    matches = spans_of(window.snapshot.events)
    window.timeline.set_visible_range(day(2016), day(2017))  # the analyst zooms in
    qtbot.wait(20)
    assert window.outside_notice.isVisible()
    assert "outside the visible window" in window.outside_notice.label.text()
    steps_before = len(window.view._history._undo)
    qtbot.mouseClick(window.outside_notice.button, Qt.MouseButton.LeftButton)
    lo, hi = window.view.state.window
    assert all(end > lo and start < hi for start, end in matches)
    assert not window.outside_notice.isVisible()
    assert len(window.view._history._undo) == steps_before + 1  # one step


def test_a_burst_of_wheel_zoom_steps_is_one_undo_step(qtbot: QtBot, open_window: Factory) -> None:
    window = open_window()
    start = window.view.state.window
    wheel(window, 5)
    zoomed = window.timeline.visible_range()
    assert zoomed[1] - zoomed[0] < (start[1] - start[0]) * 0.9
    assert window.view.state.window == zoomed
    window.undo_action.trigger()
    assert window.view.state.window == start
    lo, hi = window.timeline.visible_range()
    assert abs(lo - start[0]) < 1 and abs(hi - start[1]) < 1
    assert not window.undo_action.isEnabled()
    window.redo_action.trigger()
    assert window.view.state.window == zoomed


def test_undo_after_a_zoom_never_brings_back_a_search_cleared_before(
    qtbot: QtBot, open_window: Factory
) -> None:
    window = open_window()
    type_filter(qtbot, window, search="Akash")
    window.escape()  # the best match was selected: Esc clears that first
    window.escape()  # then the search
    wait_idle(qtbot, window)
    assert window.filter_bar.search.text() == ""
    cleared = window.view.state
    wheel(window, 3)
    window.undo_action.trigger()  # undoes the zoom only
    wait_idle(qtbot, window)
    assert window.view.state == cleared and window.filter_bar.search.text() == ""
    window.undo_action.trigger()  # the search comes back (the selection still cleared)
    wait_idle(qtbot, window)
    assert window.filter_bar.search.text() == "Akash" and window.selected is None
    window.undo_action.trigger()
    assert window.selected is not None  # the best match, as the search left it
    window.redo_action.trigger()
    window.redo_action.trigger()
    window.redo_action.trigger()
    wait_idle(qtbot, window)
    assert window.view.state.filter.text == "" and not window.redo_action.isEnabled()


def test_esc_clears_one_thing_at_a_time_and_says_so(qtbot: QtBot, open_window: Factory) -> None:
    window = open_window()
    window.filter_bar.actors.set_checked({"VNM"})
    window.filter_bar.actors.changed.emit()
    window.filter_bar.categories.set_checked({"visit"})
    window.filter_bar.categories.changed.emit()
    type_filter(qtbot, window, date_from="2016", date_to="2019")
    assert window.selected is None
    qtbot.keyClick(window.timeline, Qt.Key.Key_Escape)
    wait_idle(qtbot, window)
    flt = window.view.state.filter
    assert (flt.date_from, flt.date_to) == ("", "")  # only the dates went
    assert flt.actors == {"VNM"} and flt.categories == {"visit"}
    message = window.statusBar().currentMessage()
    assert "Esc cleared the date range 2016 – 2019" in message and "Ctrl+Z" in message
    window.escape()
    wait_idle(qtbot, window)
    assert window.view.state.filter.categories == frozenset()
    assert window.view.state.filter.actors == {"VNM"}
    window.undo_action.trigger()
    window.undo_action.trigger()
    wait_idle(qtbot, window)
    assert window.filter_bar.date_from.text() == "2016"
    assert window.view.state.filter.categories == {"visit"}


def test_esc_order_selection_then_focus_then_search(qtbot: QtBot, open_window: Factory) -> None:
    window = open_window()
    type_filter(qtbot, window, search="Akash")
    window.focus_pair("IND-VNM")
    assert window.selected is not None
    window.escape()
    assert window.selected is None and window.view.state.focus is not None
    window.escape()
    assert window.view.state.focus is None and window.view.state.filter.text == "Akash"
    window.escape()
    wait_idle(qtbot, window)
    assert window.view.state.filter.text == ""
    window.escape()
    assert window.statusBar().currentMessage().startswith("Nothing to clear")


def test_window_keys_work_while_the_search_box_has_focus(
    qtbot: QtBot, open_window: Factory
) -> None:
    window = open_window()
    window.activateWindow()
    search = window.filter_bar.search
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClick(search, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(window, "_shortcuts_box", None) is not None)
    box = window._shortcuts_box
    assert isinstance(box, QMessageBox) and "Ctrl+E" in box.text()
    box.close()
    search.setFocus()
    qtbot.keyClick(search, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(QDialog)))
    for dialog in window.findChildren(QDialog):
        dialog.close()
    # Plain typing stays in the box, even a key the timeline uses (Z).
    search.setFocus()
    qtbot.keyClicks(search, "Zed")
    assert search.text() == "Zed"


def test_the_f1_list_names_every_action_shortcut(open_window: Factory) -> None:
    window = open_window()
    text = window.shortcuts_help()
    actions = [*window.window_actions(), *window.timeline.actions()]
    assert len(actions) > 15
    for action in actions:
        for shortcut in action.shortcuts():
            assert shortcut.toString(QKeySequence.SequenceFormat.NativeText) in text, action.text()
    for gesture in ("Mouse wheel", "Drag", "Double-click"):
        assert gesture in text


def test_timeline_keys_are_actions(qtbot: QtBot, open_window: Factory) -> None:
    window = open_window()
    timeline = window.timeline
    timeline.setFocus()
    qtbot.waitUntil(timeline.hasFocus)
    before = window.view.state.window
    qtbot.keyClick(timeline, Qt.Key.Key_Plus)
    lo, hi = window.view.state.window
    assert hi - lo < before[1] - before[0]
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    first = window.selected
    assert first is not None
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    assert window.selected not in (None, first)
    qtbot.keyClick(timeline, Qt.Key.Key_Left)
    assert window.selected == first


def test_focus_gathers_lanes_at_the_top_and_the_list_can_follow(
    qtbot: QtBot, open_window: Factory
) -> None:
    window = open_window()
    window.focus_actor("VNM")
    lanes = window.timeline.lanes()
    vnm = [p for p in lanes if "VNM" in (p.a, p.b)]
    assert len(vnm) >= 2
    assert list(lanes[: len(vnm)]) == vnm  # gathered at the top
    assert window.timeline.highlighted_lanes() == set(range(len(vnm)))
    all_rows = len(window.table.visible_ids())
    window.filter_bar.follow_button.click()
    shown = window.table.visible_ids()
    assert 0 < len(shown) < all_rows
    events = {e.id: e for e in window.snapshot.events}
    assert all(any("VNM" in (p.a, p.b) for p in events[i].pairs) for i in shown)
    window.undo_action.trigger()  # the list follows no more
    assert len(window.table.visible_ids()) == all_rows
    window.clear_focus()
    assert window.timeline.highlighted_lanes() == set()


def test_an_edge_click_frames_the_ties_events(qtbot: QtBot, open_window: Factory) -> None:
    window = open_window()
    window.timeline.set_visible_range(day(2019), day(2022))
    qtbot.wait(20)
    view = window.relations
    target = view.mapFromScene(view.scene_pos_of_edge("IND-VNM"))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
    pair = Pair("IND", "VNM")
    expected = dense_period(spans_of(e for e in window.snapshot.events if pair in e.pairs))
    assert window.view.state.window == expected
    assert window.timeline.lanes()[0] == pair
    assert window.filter_bar.focus_chip.isVisible()
    window.undo_action.trigger()  # focus and frame are one step
    assert window.view.state.focus is None
    assert window.view.state.window == (day(2019), day(2022))


def test_ctrl_z_in_an_emptied_search_box_brings_the_search_back(
    qtbot: QtBot, open_window: Factory
) -> None:
    window = open_window()
    type_filter(qtbot, window, search="Akash")
    search = window.filter_bar.search
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClick(search, Qt.Key.Key_Escape)  # the selected best match
    qtbot.keyClick(search, Qt.Key.Key_Escape)  # the search
    wait_idle(qtbot, window)
    assert search.text() == ""
    qtbot.keyClick(search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window)
    assert search.text() == "Akash" and window.view.state.filter.text == "Akash"
