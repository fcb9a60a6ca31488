"""The open database file itself: where it is, whether it may be written, watching it
for other writers, closing it and backing it up before a destructive operation.

Every other part of ``Store`` builds on this one (it holds ``db``).
"""

from __future__ import annotations

from pathlib import Path

from timeline_app.store.db import Database, DataVersionWatch


class OpenDatabase:
    """An open database; the base of every family of use cases."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    def watch(self) -> DataVersionWatch:
        """Notices changes committed to the file by any other connection or process."""
        return DataVersionWatch(self.path)

    def close(self) -> None:
        self.db.dispose()

    def backup_before(self, reason: str) -> Path | None:
        """A backup of the database before an operation that replaces or deletes data
        (``store.backup.backup_before``); the path written, or None for an empty file."""
        from timeline_app.store.backup import backup_before

        return backup_before(self.path, reason)
