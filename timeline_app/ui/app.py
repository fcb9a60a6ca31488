"""Starting the viewer: the window is created and shown before heavy work begins."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
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
    window.show()
    status = app.exec()
    # Delete the window while Qt is still alive, rather than leaving the order of
    # teardown to interpreter shutdown.
    window.deleteLater()
    app.processEvents()
    del window
    gc.collect()
    return int(status)
