"""``timeline-app --self-test``: prove a build works, headless, in a few seconds.

Opens the main window offscreen on a temporary database built from the bundled
seeds, selects an event and checks that the source pane shows its cited paragraph,
writes a PNG and an SVG export, and prints one line. Exit status 0 means every step
passed; otherwise the line names the step that failed.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from timeline_app import __version__


class SelfTestFailed(Exception):
    pass


def _wait(condition: Callable[[], bool], what: str, seconds: float = 60.0) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + seconds
    while not condition():
        QApplication.processEvents()
        if time.monotonic() > deadline:
            raise SelfTestFailed(f"timed out waiting for {what}")
        time.sleep(0.005)


def run_self_test() -> int:
    started = time.perf_counter()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="timeline-selftest-"))
    os.environ["TIMELINE_APP_DATA_DIR"] = str(work)  # never touch the user's own files
    step = "starting Qt"
    try:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication(sys.argv[:1])
        step = "opening the main window on the bundled seeds"
        from timeline_app.ui.window.main_window import MainWindow

        window = MainWindow(work / "selftest.sqlite3")
        window.resize(1366, 768)
        window.show()
        _wait(lambda: window.snapshot is not None and not window.jobs.busy, "the seeds to load")
        snapshot = window.snapshot
        if snapshot is None or not snapshot.events:
            raise SelfTestFailed("the bundled seeds loaded no events")
        step = "selecting an event and reading its source"
        event = max(snapshot.events, key=lambda e: len(e.citations))
        window.select_event(event.id)
        app.processEvents()
        shown = window.source.highlighted_paragraph_text()
        if event.citations[0].quote not in shown:
            raise SelfTestFailed(f"the source pane does not show the quote of {event.id}")
        step = "writing PNG and SVG exports"
        exports = _write_exports(window, work)
        window.close()
        window.deleteLater()
        app.processEvents()
    except Exception as exc:  # reported as one line; the exit status says it failed
        print(f"self-test FAILED while {step}: {exc.__class__.__name__}: {exc}")
        return 1
    elapsed = time.perf_counter() - started
    print(
        f"self-test ok: version {__version__}, {len(snapshot.events)} events, "
        f"source paragraph shown for {event.id}, exports {', '.join(exports)}, "
        f"SQLite {sqlite3.sqlite_version}, {elapsed:.1f} s"
    )
    return 0


def _write_exports(window: object, folder: Path) -> list[str]:
    from timeline_app.ui.figures import figure_files

    written = figure_files.self_test_exports(window, folder)
    for path in written:
        if not path.exists() or path.stat().st_size < 1000:
            raise SelfTestFailed(f"{path.name} was not written")
    return [p.suffix.lstrip(".").upper() for p in written]
