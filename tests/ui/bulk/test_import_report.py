"""The GUI import's report: its summary and skipped rows stay until dismissed, and a
failed import says why (not "cancelled")."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QProgressDialog
from pytestqt.qtbot import QtBot

from timeline_app.import_outcome import NOTHING_WRITTEN, failed
from timeline_app.services import Store
from timeline_app.store.bulk import ImportCancelled
from timeline_app.ui.bulk.import_report import ImportReportDialog
from timeline_app.ui.window.main_window import MainWindow

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "gdelt"
EXPORT = FIXTURES / "20211206000000.export.CSV"
MALFORMED = FIXTURES / "malformed.export.CSV"
Factory = Callable[..., MainWindow]


def import_through_the_menu(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, *files: Path
) -> ImportReportDialog:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(f) for f in files], "")
    )
    window.bulk.import_files()
    qtbot.waitUntil(lambda: window.bulk.report is not None, timeout=20000)
    report = window.bulk.report
    assert report is not None
    return report


def bulk_count(window: MainWindow) -> int:
    assert window.store is not None
    return len(window.store.bulk_columns())


def test_skipped_rows_are_listed_and_stay_until_dismissed(
    qtbot: QtBot, open_window: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window()
    report = import_through_the_menu(qtbot, window, monkeypatch, MALFORMED)
    qtbot.waitUntil(lambda: window.bulk.data is not None, timeout=20000)  # views refreshed
    qtbot.wait(200)
    assert report.isVisible() and window.bulk.report is report  # nothing overwrote it
    assert report.outcome.title == "Import finished"
    assert "events imported from 1 file(s)" in report.summary.text()
    rows = report.rows()
    assert len(rows) == 4  # the fixture's four malformed rows, each with file:line
    assert rows[0][0].endswith("malformed.export.CSV:2")
    assert rows[0][1] == "expected 61 tab-separated columns, found 60"
    assert any("SQLDATE '20221331' is not a date" in why for _where, why in rows)
    report.reject()
    qtbot.waitUntil(lambda: window.bulk.report is None)


def test_a_file_that_is_no_export_says_so_not_cancelled(
    qtbot: QtBot, open_window: Factory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = open_window()
    notes = tmp_path / "notes.csv"
    notes.write_text("name,comment\nIndia,a friend\n", encoding="utf-8")
    report = import_through_the_menu(qtbot, window, monkeypatch, notes)
    text = report.summary.text()
    assert report.outcome.title == "Import failed" and "cancelled" not in text.lower()
    assert "neither a tab-separated GDELT export" in text and NOTHING_WRITTEN in text
    assert bulk_count(window) == 0


def test_a_damaged_zip_says_so_not_cancelled(
    qtbot: QtBot, open_window: Factory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = open_window()
    damaged = tmp_path / "damaged.export.CSV.zip"
    with zipfile.ZipFile(damaged, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.write(EXPORT, EXPORT.name)
    data = bytearray(damaged.read_bytes())
    middle = data.index(b"20211206", 100)  # inside the stored export, past the header
    data[middle] = ord("3")  # one digit changed: the CRC no longer matches
    damaged.write_bytes(bytes(data))
    report = import_through_the_menu(qtbot, window, monkeypatch, damaged)
    text = report.summary.text()
    assert "cancelled" not in text.lower() and "zip" in text.lower()
    assert "Error" not in text  # no exception class names
    assert bulk_count(window) == 0


def test_an_id_too_big_is_explained(
    qtbot: QtBot, open_window: Factory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = open_window()
    big = tmp_path / "big-id.export.CSV"
    first, *rest = EXPORT.read_text(encoding="utf-8").splitlines(keepends=True)
    big.write_text("99999999999999999999" + first[first.index("\t") :] + "".join(rest))
    report = import_through_the_menu(qtbot, window, monkeypatch, big)
    text = report.summary.text() + " ".join(why for _where, why in report.rows())
    assert "cancelled" not in text.lower() and "Error" not in text
    assert "too big" in text or "GLOBALEVENTID" in text


def test_cancel_still_cancels(
    qtbot: QtBot, open_window: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window()

    def waits_for_cancel(self: Store, paths: object, on_progress: Callable[..., bool]) -> None:
        deadline = time.monotonic() + 10
        while on_progress(0, 0, 100) and time.monotonic() < deadline:
            time.sleep(0.01)
        raise ImportCancelled()

    monkeypatch.setattr(Store, "import_gdelt", waits_for_cancel)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(EXPORT)], ""))
    window.bulk.import_files()
    (progress,) = window.findChildren(QProgressDialog)
    progress.cancel()
    qtbot.waitUntil(lambda: window.bulk.report is not None, timeout=20000)
    assert window.bulk.report is not None
    assert window.bulk.report.outcome.title == "Import cancelled"
    assert NOTHING_WRITTEN in window.bulk.report.summary.text()


def test_a_failure_report_has_no_empty_band(qtbot: QtBot) -> None:
    """Without skipped rows the words sit at the top and the button right under them."""
    outcome = failed(OverflowError("int too big to convert"))
    dialog = ImportReportDialog(outcome)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    (button,) = dialog.findChildren(QDialogButtonBox)
    heading, summary = dialog.findChildren(QLabel)[0], dialog.summary
    # Each label as tall as its words (before: stretched, the words floating in a band).
    assert heading.height() <= heading.sizeHint().height() + 4
    assert summary.height() <= summary.heightForWidth(summary.width()) + 4
    assert button.geometry().top() - summary.geometry().bottom() < 24
