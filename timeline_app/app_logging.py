"""Logging: one rotating file in the platform's log folder, set up by every entry point.

The GUI and the command line call ``setup_logging()`` first thing; everything else
logs through ``logging.getLogger(__name__)``. Tracebacks go to the file, never to the
user: what the user sees is one plain sentence (``failure_words.plain_sentence``).
``TIMELINE_APP_LOG_DIR`` moves the folder; without it, a ``TIMELINE_APP_DATA_DIR``
(tests, portable use) keeps the logs in its ``logs`` folder, so no test and no
portable copy writes into the real user's log folder.
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from platformdirs import user_log_dir

from timeline_app.paths import APP_DIR_NAME

LOG_DIR_ENV = "TIMELINE_APP_LOG_DIR"
LOG_FILE_NAME = "timeline-app.log"
MAX_BYTES = 1_000_000  # per file; with BACKUPS old files, at most 4 MB of logs
BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
_LOGGER = "timeline_app"  # the package's loggers all hang below this one


def log_dir() -> Path:
    """The folder the log file is written to (not created here)."""
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    data_override = os.environ.get("TIMELINE_APP_DATA_DIR")
    if data_override:
        return Path(data_override) / "logs"
    return Path(user_log_dir(APP_DIR_NAME, appauthor=False))


def log_file() -> Path:
    return log_dir() / LOG_FILE_NAME


class _AppFileHandler(RotatingFileHandler):
    """Marks the handler this module installed, so that setting up again replaces it."""


def setup_logging(directory: Path | None = None, level: int = logging.INFO) -> Path:
    """Send the package's log records to a rotating file in ``directory`` (default:
    ``log_dir()``) and return the file's path. Safe to call again: a second call with
    another folder moves the file there, a call with the same folder changes nothing.
    A folder that cannot be created leaves logging off rather than stopping the app."""
    path = (directory or log_dir()) / LOG_FILE_NAME
    logger = logging.getLogger(_LOGGER)
    logger.setLevel(level)
    for handler in list(logger.handlers):
        if isinstance(handler, _AppFileHandler):
            if Path(handler.baseFilename) == path.resolve():
                return path
            logger.removeHandler(handler)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _AppFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
    except OSError:
        return path
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    return path


def flush_logs() -> None:
    """Write out what the file handler holds (tests, and before the process ends)."""
    for handler in logging.getLogger(_LOGGER).handlers:
        handler.flush()
