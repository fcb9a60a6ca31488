"""Starting the viewer: the window is created and shown before heavy work begins."""

from __future__ import annotations

import argparse
import gc
import os
import time
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from timeline_app import APP_NAME, __version__
from timeline_app.paths import resources_dir


def parse_gui_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="timeline-app", description=f"{APP_NAME}: opens the viewer."
    )
    parser.add_argument(
        "--db", type=Path, metavar="PATH", help="database file (default: in your user data folder)"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(list(argv))


class _FirstPaint(QObject):
    """Diagnostics for start-up benchmarks: prints the wall-clock time of the first
    paint of the window (``TIMELINE_APP_STARTUP_REPORT=1``; ``=exit`` also quits)."""

    def __init__(self, exit_after: bool) -> None:
        super().__init__()
        self._exit_after = exit_after
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"first-paint-wall-time {time.time():.3f}", flush=True)
        if self._exit_after:
            QApplication.quit()


def watch_first_paint(window: QObject, exit_after: bool) -> None:
    watcher = _FirstPaint(exit_after)
    watcher.setParent(window)
    window.installEventFilter(watcher)


def run_gui(argv: Sequence[str]) -> int:
    args = parse_gui_args(argv)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName("BilateralTiesViewer")
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication.instance() or QApplication(sys.argv[:1])
    icon = resources_dir() / "icon.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    from timeline_app.ui.main_window import MainWindow

    window = MainWindow(args.db)
    report = os.environ.get("TIMELINE_APP_STARTUP_REPORT", "")
    if report:
        watch_first_paint(window, exit_after=report == "exit")
    window.show()
    status = app.exec()
    # Delete the window while Qt is still alive, rather than leaving the order of
    # teardown to interpreter shutdown.
    window.deleteLater()
    app.processEvents()
    del window
    gc.collect()
    return int(status)
