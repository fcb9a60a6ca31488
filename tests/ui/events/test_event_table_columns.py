"""The event list's columns on a small screen: the title keeps a readable width, the
short columns give way, and every cut text is whole in its tooltip."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from timeline_app.domain import Actor, Event
from timeline_app.services import Store, corpus_paths
from timeline_app.ui.events.event_table import COLUMN_LIMITS, TITLE_MIN_WIDTH, EventTable
from timeline_app.ui.events.table_columns import shown_text

pytestmark = pytest.mark.gui

LONG_TITLE = (
    "India and the Central Asian republics agree <b>a framework</b> for defence "
    "co-operation & joint training"
)


@pytest.fixture
def events(tmp_path: Path, corpus_dir: Path) -> tuple[list[Event], dict[str, Actor]]:
    store = Store.open(tmp_path / "columns.sqlite3")
    store.load(corpus_paths(sources=corpus_dir))
    events, actors = store.events(), {a.code: a for a in store.actors()}
    store.close()
    events[0] = dataclasses.replace(events[0], title=LONG_TITLE)
    return events, actors


def make_table(
    qtbot: QtBot, events: tuple[list[Event], dict[str, Actor]], width: int
) -> EventTable:
    table = EventTable()
    qtbot.addWidget(table)
    table.resize(width, 200)
    table.set_events(*events)
    table.show()
    qtbot.waitExposed(table)
    return table


def row_of(table: EventTable, event_id: str) -> int:
    return next(
        r
        for r in range(table.model().rowCount())
        if table.model().index(r, 0).data(Qt.ItemDataRole.UserRole + 2) == event_id
    )


def test_a_narrow_list_keeps_the_title_readable(qtbot: QtBot, events) -> None:
    # 1024x600: the list is about 700 px wide beside the side docks.
    table = make_table(qtbot, events, 700)
    qtbot.waitUntil(lambda: table.columnWidth(2) >= TITLE_MIN_WIDTH)
    row = row_of(table, events[0][0].id)
    shown = shown_text(table, table.model().index(row, 2))
    assert len(shown.rstrip("…")) >= 40
    assert LONG_TITLE.startswith(shown.rstrip("…"))
    natural = table.column_fitter.natural_widths()
    for column, limits in COLUMN_LIMITS.items():
        assert table.columnWidth(column) >= min(limits.minimum, natural[column])
    used = sum(table.columnWidth(c) for c in range(table.model().columnCount()))
    assert used <= table.viewport().width()  # no sideways scrolling at this width


def test_a_wide_list_gives_the_spare_room_to_the_title(qtbot: QtBot, events) -> None:
    table = make_table(qtbot, events, 1300)
    natural = table.column_fitter.natural_widths()
    qtbot.waitUntil(lambda: sum(table.columnWidth(c) for c in range(6)) == table.viewport().width())
    for column in COLUMN_LIMITS:
        assert table.columnWidth(column) == natural[column]
    row = row_of(table, events[0][0].id)
    assert shown_text(table, table.model().index(row, 2)) == LONG_TITLE


def test_the_columns_refit_when_the_list_narrows(qtbot: QtBot, events) -> None:
    table = make_table(qtbot, events, 1300)
    qtbot.waitUntil(lambda: table.columnWidth(2) > 600)
    table.resize(640, 200)
    qtbot.waitUntil(lambda: table.columnWidth(2) < 500)
    assert table.columnWidth(2) >= TITLE_MIN_WIDTH


def test_the_full_title_is_in_the_tooltip_as_text(qtbot: QtBot, events) -> None:
    table = make_table(qtbot, events, 700)
    row = row_of(table, events[0][0].id)
    tip = table.model().index(row, 2).data(Qt.ItemDataRole.ToolTipRole)
    document = QTextDocument()
    document.setHtml(tip)
    shown = document.toPlainText()
    assert LONG_TITLE in shown  # markup in the title shows literally
    assert events[0][0].summary in shown
