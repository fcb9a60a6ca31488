"""``Store``: an open database and every use case on it, one entry point for the
command line and the GUI. Each family of use cases lives in its own module (see the
package's docstring); this class only puts them together and opens the file.
"""

from __future__ import annotations

from pathlib import Path

from timeline_app import paths
from timeline_app.services.bulk import BulkEvents
from timeline_app.services.collection import Collection
from timeline_app.services.editing import Editing
from timeline_app.services.loading import Loading
from timeline_app.services.saved_views import SavedViews
from timeline_app.store.db import open_database


class Store(Loading, SavedViews, Editing, Collection, BulkEvents):
    """An open database and the use cases on it."""

    @classmethod
    def open(
        cls, path: Path | None = None, *, create: bool = True, read_only: bool = False
    ) -> Store:
        """Open the database (see ``store.db.open_database``): a file the user cannot
        write opens read-only; ``read_only`` asks for that (``check`` never writes)."""
        return cls(
            open_database(path or paths.default_db_path(), create=create, read_only=read_only)
        )
