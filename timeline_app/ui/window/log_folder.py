"""Help › Open log folder: the folder of the rotating log (``app_logging``), opened in
the system's file manager, so a user can send the log with a report."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from timeline_app.app_logging import log_dir


def open_log_folder() -> bool:
    """Open the log folder (created if it does not exist yet); False if the system has
    no program to show it."""
    folder = log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
