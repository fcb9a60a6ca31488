"""Starting the viewer: a window is on screen before the heavy modules are imported.

Importing pyqtgraph and the ORM costs most of a second, so ``run_gui`` first shows a
light window (same title and geometry as the real one, "Opening …"), then imports
and builds the main window on the next turn of the event loop and swaps it in.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QByteArray, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QWidget

from timeline_app import APP_NAME, __version__
from timeline_app.paths import resources_dir, user_dir
from timeline_app.settings import Settings
from timeline_app.ui.prefetch import Prefetch
from timeline_app.ui.window.window_geometry import place_on_screen, restore_on_screen

_log = logging.getLogger(__name__)


def parse_gui_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="timeline-app", description=f"{APP_NAME}: opens the viewer."
    )
    parser.add_argument(
        "--db", type=Path, metavar="PATH", help="database file (default: in your user data folder)"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(list(argv))


def window_settings() -> QSettings:
    """Window geometry and dock layout (QSettings is used for nothing else)."""
    return QSettings(str(user_dir() / "window.ini"), QSettings.Format.IniFormat)


class StartupReport(QObject):
    """Diagnostics for start-up benchmarks (``TIMELINE_APP_STARTUP_REPORT=1``, or
    ``=exit`` to quit once everything is drawn): prints the wall-clock times of the
    first window paint, of the curated data drawn and of the bulk layer drawn."""

    def __init__(self, exit_after: bool) -> None:
        super().__init__()
        self._exit_after = exit_after
        self._data_reported = False

    def window_painted(self) -> None:
        self._print("first-paint-wall-time")

    def data_shown(self) -> None:
        # The data is drawn on the paint that follows; report after it, once (a first
        # start shows the seeds, then the same events again from the new database).
        if not self._data_reported:
            self._data_reported = True
            QTimer.singleShot(0, lambda: self._print("data-drawn-wall-time"))

    def bulk_shown(self) -> None:
        QTimer.singleShot(0, self._bulk_drawn)

    def _bulk_drawn(self) -> None:
        self._print("bulk-drawn-wall-time")
        if self._exit_after:
            QApplication.quit()

    @staticmethod
    def _print(label: str) -> None:
        print(f"{label} {time.time():.3f}", flush=True)


class StartupWindow(QMainWindow):
    """What the user sees for the fraction of a second the main window takes to build."""

    painted = Signal()  # once, after the first paint: time to build the real window

    def __init__(self) -> None:
        super().__init__()
        self._painted = False
        self.setWindowTitle(APP_NAME)
        label = QLabel("Opening Bilateral Ties Viewer…")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("color: #5f6670; font-size: 15px;")
        self.setCentralWidget(label)
        place_on_screen(self)  # inside the screen's available area, frame included
        geometry = window_settings().value("geometry")
        if isinstance(geometry, QByteArray):
            restore_on_screen(self, geometry)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.painted.emit)


def install_error_hook() -> None:
    """An unexpected error in the GUI becomes a log entry with its traceback and one
    plain sentence on screen (``failure_words``), never a traceback."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        from timeline_app.app_logging import flush_logs
        from timeline_app.failure_words import plain_sentence

        _log.critical("Unexpected error in the viewer", exc_info=(kind, error, trace))
        flush_logs()
        if QApplication.instance() is None:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, "")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(plain_sentence(error))
        box.exec()

    sys.excepthook = hook


def run_gui(argv: Sequence[str]) -> int:
    args = parse_gui_args(argv)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName("BilateralTiesViewer")
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(sys.argv[:1])
    icon = resources_dir() / "icon.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    install_error_hook()
    mode = os.environ.get("TIMELINE_APP_STARTUP_REPORT", "")
    report = StartupReport(exit_after=mode == "exit") if mode else None

    startup = StartupWindow()
    if report is not None:
        startup.painted.connect(report.window_painted)
    startup.show()
    windows: list[QWidget] = []
    # The database is read while the views are imported and built (see ui/prefetch).
    prefetch = Prefetch(args.db or Settings.load().database_path(), hold_seed_write=True)

    def build_main_window() -> None:
        # The log file is set up once the light window is on screen (its handlers cost
        # an import the first paint need not wait for), before anything heavy runs.
        from timeline_app.app_logging import setup_logging

        setup_logging()
        from timeline_app.ui.window.main_window import MainWindow  # the heavy imports happen here

        window = MainWindow(args.db, prefetch)
        if report is not None:
            window.data_shown.connect(report.data_shown)
            window.bulk_shown.connect(report.bulk_shown)
        window.show()
        startup.close()
        windows.append(window)

    # Build only once the light window is on screen, so the user sees it at once.
    startup.painted.connect(build_main_window, Qt.ConnectionType.QueuedConnection)
    status = app.exec()
    # Delete the windows while Qt is still alive, rather than leaving the order of
    # teardown to interpreter shutdown.
    for window in [*windows, startup]:
        window.deleteLater()
    app.processEvents()
    windows.clear()
    gc.collect()
    return int(status)
