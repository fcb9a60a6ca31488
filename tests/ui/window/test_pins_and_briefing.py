"""Pinning events in the window, saving them with a view, and File › Export briefing…"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pptx import Presentation
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from timeline_app.ui.window.main_window import MainWindow

from ..conftest import wait_idle

PINNED = "ind-rus-2021-12-06-first-2plus2-dialogue"
OTHER = "ind-vnm-2007-07-strategic-partnership"


def ready(qtbot: QtBot, open_window: Callable[..., MainWindow]) -> MainWindow:
    window = open_window()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.store is not None and window.snapshot is not None, timeout=20000)
    return window


def pin_pixels(window: MainWindow) -> int:
    """Pixels of the selection colour above the marks (the pin heads)."""
    image = window.timeline.plot.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    colour = QColor(window.theme.selection).rgb()
    return sum(
        1
        for y in range(0, image.height(), 1)
        for x in range(image.width())
        if image.pixel(x, y) == colour
    )


def test_p_pins_the_selected_event_with_a_marker_and_a_saved_view_keeps_pins(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    window = ready(qtbot, open_window)
    window.select_event(OTHER)
    window.timeline.zoom_to_event(OTHER)
    qtbot.wait(50)
    window.select_event(None)
    before = pin_pixels(window)
    window.pins.toggle(None)  # nothing selected: nothing pinned, a hint instead
    assert window.pins.ids == ()
    window.select_event(OTHER)
    window.timeline.plot.setFocus()
    qtbot.keyClick(window.timeline.plot, Qt.Key.Key_P)
    assert window.pins.ids == (OTHER,)
    window.select_event(None)  # the selection frame shares the colour: measure without it
    qtbot.wait(50)
    assert pin_pixels(window) >= before + 15  # a pin head of radius 3.6 px
    window.pins.toggle(PINNED)
    window.views_panel.ask = lambda *_: "Pinned view"
    window.save_view()
    saved = window.store.saved_view("Pinned view") if window.store else None
    assert saved is not None and saved.pins == (OTHER, PINNED)
    window.pins.set(())
    window.views_panel.view_chosen.emit(saved)
    assert window.pins.ids == (OTHER, PINNED)
    # Unpinning from the event table's context menu.
    table = window.table
    row = table.source_model.row_of(PINNED)
    assert row is not None
    index = table.model().mapFromSource(table.source_model.index(row, 0))  # type: ignore[attr-defined]
    table.scrollTo(index)
    table.customContextMenuRequested.emit(table.visualRect(index).center())
    menu = next(m for m in window.findChildren(type(window.pins.menu_for(PINNED))) if m.isVisible())
    assert [a.text() for a in menu.actions()] == ["Unpin this event"]
    menu.actions()[0].trigger()
    menu.close()
    assert window.pins.ids == (OTHER,)


def test_the_timeline_context_menu_pins_the_mark_under_the_pointer(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    window = ready(qtbot, open_window)
    window.timeline.zoom_to_event(OTHER)
    qtbot.wait(50)
    pos: QPoint = window.timeline.mark_position(OTHER).toPoint()  # plot widget coordinates
    window.timeline.plot.customContextMenuRequested.emit(pos)
    menus = [m for m in window.findChildren(type(window.pins.menu_for(OTHER))) if m.isVisible()]
    assert len(menus) == 1 and menus[0].actions()[0].text() == "Pin this event (P)"
    menus[0].actions()[0].trigger()
    menus[0].close()
    assert window.pins.ids == (OTHER,)


def test_export_briefing_writes_the_ticked_views_in_the_background(
    qtbot: QtBot, open_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    window = ready(qtbot, open_window)
    for name in ("One", "Two", "Three"):
        window.views_panel.ask = lambda *_, n=name: n  # type: ignore[misc]
        window.save_view()
    window.export_briefing()
    dialog = window._deck_dialog  # type: ignore[attr-defined]
    assert [dialog.views.item(i).text() for i in range(3)] == ["One", "Two", "Three"]
    dialog.views.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.chosen() == ["One", "Three"]
    dialog.file.setText(str(tmp_path / "missing" / "deck.pptx"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=60000)
    assert dialog.message.text().endswith("does not exist.")
    assert "\n" not in dialog.message.text()
    dialog.file.setText(str(tmp_path / "deck.pptx"))
    with qtbot.waitSignal(dialog.written, timeout=60000) as written:
        dialog.start()
    assert written.args[0].slides == 2
    deck = Presentation(str(tmp_path / "deck.pptx"))
    assert [s.shapes.title.text_frame.text for s in deck.slides] == ["One", "Three"]
    dialog.format.setCurrentText("PDF (.pdf)")
    assert dialog.file.text().endswith("deck.pdf")
