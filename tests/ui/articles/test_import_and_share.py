"""Importing articles and sharing a collection in the real window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.articles.makers import FIXTURES
from tests.ui.conftest import wait_idle
from timeline_app.articles.package import OnConflict
from timeline_app.services import Store
from timeline_app.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui

PORTAL = FIXTURES / "news_portal.html"


def _idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=30000)


def test_imported_page_opens_in_the_source_pane_and_its_details_can_be_corrected(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window()
    action = next(a for a in window.menuBar().actions() if a.text() == "&File").menu()
    assert "Import &articles…" in [a.text() for a in action.actions()]  # type: ignore[union-attr]

    window.articles.import_paths([PORTAL])
    qtbot.waitUntil(lambda: window.articles.report_box is not None, timeout=30000)
    box = window.articles.report_box
    assert box is not None
    # The article by its title, outlet and date, not by the collection's key.
    assert box.text().startswith(
        "news_portal.html: added — “India, Vietnam sign pact on maritime security”, "
        "Example Times, 2023-09-12 (6 paragraphs + 1 of site menus and links)"
    )
    assert "imported/" not in box.text() and "New event from selection" in box.text()
    assert box.detailedText().startswith("news_portal.html → imported/")
    assert box.textFormat() == Qt.TextFormat.PlainText
    qtbot.waitUntil(lambda: "Tuesday" in window.source.browser().toPlainText(), timeout=30000)
    text = window.source.browser().toPlainText()
    assert "India and Vietnam on Tuesday signed an agreement" in text
    assert "Also Read: Quad foreign ministers" in text  # furniture shown, not dropped

    box.done(QMessageBox.StandardButton.Ok)
    details = window.articles.details
    assert details is not None and details.fields["outlet"].text() == "Example Times"
    details.fields["published"].setText("2023-9-12")
    details.save()
    assert details.errors["published"].isVisibleTo(details)
    assert details.isVisible()  # a wrong date keeps the dialog open, saying why
    details.fields["published"].setText("2023-09")
    details.fields["outlet"].setText("Example Times (Delhi)")
    details.save()
    _idle(qtbot, window)
    assert window.store is not None
    document = next(d for d in window.store.documents() if d.file_name.startswith("imported/"))
    assert (document.outlet, document.published.start_text) == ("Example Times (Delhi)", "2023-09")
    assert not document.published_inferred


def test_files_dropped_on_the_window_are_imported_and_bad_ones_reported(
    qtbot: QtBot, open_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    window = open_window()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(PORTAL)), QUrl.fromLocalFile(str(empty))])
    drop = QDropEvent(
        QPointF(QPoint(200, 200)), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    # Offscreen Qt delivers no drop without a real drag: hand the event to the window's
    # drop handler the way the event loop would.
    assert window.acceptDrops()
    assert window.articles.eventFilter(window, drop) and drop.isAccepted()
    qtbot.waitUntil(lambda: window.articles.report_box is not None, timeout=30000)
    report = window.articles.report_box.text()  # type: ignore[union-attr]
    assert "news_portal.html: added — “India, Vietnam" in report
    assert "empty.txt: the file is empty (not imported)" in report


def test_merge_with_a_conflict_asks_and_applies_the_choice(
    qtbot: QtBot, open_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    mine = Store.open(tmp_path / "mine.sqlite3")
    key = mine.import_article(PORTAL).key
    package = tmp_path / "team.zip"
    mine.export_package(package)
    window = open_window(tmp_path / "theirs.sqlite3")
    assert window.store is not None
    window.store.import_article(PORTAL)
    from timeline_app.articles import MetaOverrides

    window.store.correct_article(key, MetaOverrides(title="Our own title"))

    window.collection.merge(package)
    qtbot.waitUntil(lambda: window.collection.conflicts is not None, timeout=30000)
    dialog = window.collection.conflicts
    assert dialog is not None
    assert dialog.list.count() == 1 and "metadata differs" in dialog.list.item(0).text()
    merged: list[object] = []
    window.collection.merged.connect(merged.append)
    dialog.buttons[OnConflict.REPLACE].click()
    qtbot.waitUntil(lambda: bool(merged), timeout=30000)
    wait_idle(qtbot, window)
    document = next(d for d in window.store.documents() if d.file_name == key)
    assert document.title == "India, Vietnam sign pact on maritime security"
