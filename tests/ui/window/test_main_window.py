"""Drive the real main window on the bundled seeds, as an analyst would."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from timeline_app.domain import Pair
from timeline_app.ui.window.main_window import MainWindow

from ..conftest import wait_idle

Factory = Callable[..., MainWindow]


def click_event_mark(qtbot: QtBot, window: MainWindow, event_id: str) -> None:
    # Close enough that no cluster hides the event (zooming separates clusters).
    event = next(e for e in window.snapshot.events if e.id == event_id)
    window.timeline.set_visible_range(event.when.start_day - 10, event.when.end_day + 10)
    qtbot.wait(50)
    window.timeline._relayout()  # layout follows the new zoom (normally on the next tick)
    window.timeline.lanes_scroller.ensure_visible(window.timeline.mark_of(event_id).lane)
    pos = window.timeline.mark_position(event_id)
    qtbot.mouseClick(
        window.timeline.plot.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(round(pos.x()), round(pos.y())),
    )


def test_window_opens_on_the_seeds_with_counts(open_window: Factory) -> None:
    window = open_window()
    assert window.snapshot is not None and len(window.snapshot.events) >= 40
    assert window.statusBar().currentMessage().startswith(f"{len(window.snapshot.events)} events, ")
    assert window.timeline.lanes()[0] in {Pair("IND", "RUS"), Pair("IND", "VNM")}
    assert not window.timeline.empty_label.isVisible()


def test_clicking_a_mark_shows_its_cited_paragraph(qtbot: QtBot, open_window: Factory) -> None:
    window = open_window()
    event = next(e for e in window.snapshot.events if e.when.is_point and len(e.citations) >= 1)
    click_event_mark(qtbot, window, event.id)
    assert window.selected == event.id
    assert window.table.selected_event() == event.id
    assert event.citations[0].quote in window.source.highlighted_paragraph_text()
    assert event.title in window.source.header_text()
    # The parties by name, as the analyst reads them, with their roles.
    first = event.actors[0]
    name = window.data.actors[first.code].name
    assert f"{name} ({first.role.value})" in window.source.header_text()


def test_selecting_a_row_selects_everywhere(qtbot: QtBot, open_window: Factory) -> None:
    window = open_window()
    table = window.table
    index = table.proxy.index(3, 2)
    table.selectRow(3)
    event_id = index.data(Qt.ItemDataRole.UserRole + 2)
    assert window.selected == event_id
    assert window.timeline.selected_event() == event_id


def test_multi_citation_event_steps_through_its_sources(open_window: Factory) -> None:
    window = open_window()
    event = max(
        window.snapshot.events,
        key=lambda e: (len({c.document for c in e.citations}), len(e.citations)),
    )
    assert len(event.citations) >= 3
    window.select_event(event.id)
    seen = []
    for step in range(len(event.citations)):
        assert window.source.current_index() == step
        seen.append(window.source.highlighted_paragraph_text())
        assert event.citations[step].quote in seen[-1]
        window.source.next_citation()
    assert len({c.document for c in event.citations}) >= 2


def test_changing_the_visible_range_changes_the_edges(qtbot: QtBot, open_window: Factory) -> None:
    window = open_window()
    from datetime import date

    from timeline_app.dates import to_day

    window.timeline.set_visible_range(to_day(date(1955, 1, 1)), to_day(date(1965, 1, 1)))
    qtbot.wait(20)
    early = set(window.relations.edge_items())
    window.timeline.set_visible_range(to_day(date(2019, 10, 1)), to_day(date(2019, 12, 31)))
    qtbot.wait(20)
    late = set(window.relations.edge_items())
    assert "IND-SUN" in early and "IND-VNM" not in early
    assert "IND-VNM" in late
    assert early != late


def test_clicking_an_edge_focuses_its_lane(qtbot: QtBot, open_window: Factory) -> None:
    window = open_window()
    window.timeline.fit_all()
    qtbot.wait(20)
    view = window.relations
    target = view.mapFromScene(view.scene_pos_of_edge("IND-VNM"))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
    lane = window.timeline.lanes().index(Pair("IND", "VNM"))
    assert window.timeline.highlighted_lanes() == {lane}
    assert window.filter_bar.focus_chip.isVisible()
    assert "India – Vietnam" in window.filter_bar.focus_chip.text()
    window.filter_bar.focus_chip.click()
    assert window.timeline.highlighted_lanes() == set()


def test_hostile_search_text_is_safe(qtbot: QtBot, open_window: Factory) -> None:
    window = open_window()
    for text in ["US-China", "AND", '"', "it's", "NEAR(", "<b>x</b>", "*", ""]:
        window.filter_bar.search.setText(text)
        window.filter_bar.flush()
        wait_idle(qtbot, window)
        assert not hasattr(window, "_last_error"), window.__dict__.get("_last_error")
    window.filter_bar.search.setText("Akash")
    window.filter_bar.flush()
    wait_idle(qtbot, window)
    assert window.snapshot.events and all(
        "akash" in (e.title + e.summary + " ".join(c.quote for c in e.citations)).lower()
        or e.citations  # matched through the cited paragraph's text
        for e in window.snapshot.events
    )
    assert len(window.snapshot.events) < window.snapshot.total_events


def test_no_match_shows_the_empty_state_and_esc_clears(qtbot: QtBot, open_window: Factory) -> None:
    window = open_window()
    window.filter_bar.search.setText("zzzqqqxxy")
    window.filter_bar.flush()
    wait_idle(qtbot, window)
    assert window.snapshot.events == []
    assert window.timeline.empty_label.isVisible()
    assert window.timeline.empty_label.text().startswith("No events match the filter.")
    assert window.relations.empty()
    window.escape()
    wait_idle(qtbot, window)
    assert window.filter_bar.search.text() == ""
    assert window.snapshot.events and not window.timeline.empty_label.isVisible()


def test_arrow_keys_step_through_a_lane_and_esc_clears(qtbot: QtBot, open_window: Factory) -> None:
    window = open_window()
    timeline = window.timeline
    lane = timeline.lanes().index(Pair("IND", "VNM"))
    on_lane = sorted(
        (e for e in timeline.events() if Pair("IND", "VNM") in e.pairs),
        key=lambda e: (e.when.start_day, e.when.end_day, e.id),
    )
    ids = [e.id for e in on_lane]
    timeline.select_event(ids[0], lane, emit=True)
    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    assert window.selected == ids[1]
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    qtbot.keyClick(timeline, Qt.Key.Key_Left)
    assert window.selected == ids[1]
    qtbot.keyClick(timeline, Qt.Key.Key_Escape)
    assert window.selected is None


def test_newer_database_gives_a_message_not_a_traceback(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 999")
    before = path.read_bytes()
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: hasattr(window, "_last_error"), timeout=10000)
    assert "newer version of the app" in window._last_error
    boxes = [w for w in window.findChildren(QMessageBox)]
    assert boxes and "newer version" in boxes[-1].text()
    assert path.read_bytes() == before
    assert window.timeline.empty_label.isVisible()
    assert window.timeline.empty_label.text().startswith("No database is open.")


def test_view_range_and_theme_are_restored(
    qtbot: QtBot, open_window: Factory, tmp_path: Path
) -> None:
    window = open_window()
    window.timeline.set_visible_range(10000.0, 12000.0)
    window.dark_action.trigger()
    window.close()
    again = open_window(tmp_path / "ui.sqlite3")
    lo, hi = again.timeline.visible_range()
    assert abs(lo - 10000.0) < 1 and abs(hi - 12000.0) < 1
    assert again.theme.is_dark


def test_undo_and_redo_view_changes(qtbot: QtBot, open_window: Factory) -> None:
    window = open_window()
    total = len(window.snapshot.events)
    window.filter_bar.search.setText("Akash")
    window.filter_bar.flush()
    wait_idle(qtbot, window)
    filtered = len(window.snapshot.events)
    assert filtered < total
    window.focus_pair("IND-VNM")
    assert window.timeline.highlighted_lanes()
    window.undo_action.trigger()  # back to: search "Akash", no focus
    assert not window.timeline.highlighted_lanes()
    assert window.filter_bar.search.text() == "Akash"
    window.undo_action.trigger()  # back to: no search
    wait_idle(qtbot, window)
    assert window.filter_bar.search.text() == ""
    assert len(window.snapshot.events) == total
    assert not window.undo_action.isEnabled()
    window.redo_action.trigger()
    wait_idle(qtbot, window)
    assert window.filter_bar.search.text() == "Akash"
    assert len(window.snapshot.events) == filtered
    window.redo_action.trigger()
    assert window.timeline.highlighted_lanes()
    assert not window.redo_action.isEnabled()


def test_a_result_after_an_empty_one_keeps_the_window(open_window: Factory) -> None:
    window = open_window()
    timeline = window.timeline
    events, actors = timeline.events(), dict(timeline.actors())
    timeline.set_visible_range(16000.0, 17000.0)
    timeline.set_events([], actors)  # a filter that matched nothing
    timeline.set_events(events, actors)  # the matches come back
    assert timeline.visible_range() == (16000.0, 17000.0)  # not fit-all
    timeline.set_events(events, actors, keep_range=False)  # only when asked
    assert timeline.visible_range() != (16000.0, 17000.0)
