"""Where things live: bundled data (read-only) and the user's own files.

One helper knows the three places the bundled ``seeds/`` and ``resources/`` can be:
the PyInstaller bundle (``sys._MEIPASS``), an installed wheel
(``timeline_app/_data``), or the source tree (the repository root).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

APP_DIR_NAME = "BilateralTiesViewer"
DEFAULT_DB_NAME = "timeline.sqlite3"
_PACKAGE_DIR = Path(__file__).resolve().parent


def bundle_root() -> Path:
    """The folder holding ``seeds/`` and ``resources/``."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen_root:
        candidates.append(Path(frozen_root))
    candidates += [_PACKAGE_DIR / "_data", _PACKAGE_DIR.parent]
    for candidate in candidates:
        if (candidate / "seeds").is_dir() and (candidate / "resources").is_dir():
            return candidate
    raise FileNotFoundError(
        "the bundled seeds and resources were not found next to the program "
        f"(looked in: {', '.join(str(c) for c in candidates)})"
    )


def seeds_dir() -> Path:
    return bundle_root() / "seeds"


def resources_dir() -> Path:
    return bundle_root() / "resources"


def user_dir() -> Path:
    """The user's data directory; ``TIMELINE_APP_DATA_DIR`` overrides it (tests, portable use)."""
    override = os.environ.get("TIMELINE_APP_DATA_DIR")
    path = Path(override) if override else Path(user_data_dir(APP_DIR_NAME, appauthor=False))
    return path


def default_db_path() -> Path:
    return user_dir() / DEFAULT_DB_NAME


def backups_dir() -> Path:
    """Where automatic and requested backups of the database go (``store/backup.py``)."""
    return user_dir() / "backups"
