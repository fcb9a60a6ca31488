"""User preferences as a plain dataclass, stored as JSON in the user data folder.

Window geometry and dock layout are Qt's business (QSettings, in the UI); what
lives here is what the app itself decides with: theme, last database, last
visible time window, how many backups to keep.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from timeline_app.paths import default_db_path, user_dir
from timeline_app.safe_write import write_text

SETTINGS_FILE = "settings.json"


@dataclass
class Settings:
    theme: str = "light"
    last_db: str = ""
    view_start: float | None = None  # visible window, in day numbers
    view_end: float | None = None
    keep_backups: int = 10  # how many backups ``store/backup.py`` keeps (the newest)

    @classmethod
    def path(cls) -> Path:
        return user_dir() / SETTINGS_FILE

    @classmethod
    def load(cls) -> Settings:
        """Missing or unreadable settings give the defaults: preferences never block a start."""
        try:
            raw: Any = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls()
        for key, value in raw.items():
            if key not in known:
                continue
            if key in ("theme", "last_db") and isinstance(value, str):
                setattr(settings, key, value)
            elif key in ("view_start", "view_end") and (
                value is None or (isinstance(value, int | float) and not isinstance(value, bool))
            ):
                setattr(settings, key, None if value is None else float(value))
            elif key == "keep_backups" and type(value) is int and value >= 1:
                settings.keep_backups = value
        if settings.theme not in ("light", "dark"):
            settings.theme = "light"
        return settings

    def database_path(self) -> Path:
        """The database a start without ``--db`` opens: the last one, else the default."""
        return Path(self.last_db or default_db_path())

    def save(self) -> None:
        path = self.path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text(path, json.dumps(asdict(self), indent=2))
        except OSError:
            pass  # preferences are best effort; the data itself is never at stake
