"""Saved-view use cases: the analyst's named views (``timeline_app.saved_views``),
listed, saved, renamed, reordered and deleted in the database."""

from __future__ import annotations

from collections.abc import Sequence

from timeline_app.saved_views import SavedView
from timeline_app.services.database import OpenDatabase
from timeline_app.store import views


class SavedViews(OpenDatabase):
    """The named views stored with the data."""

    def saved_views(self) -> list[SavedView]:
        """Every saved view, in the order the analyst arranged them."""
        with self.db.connect() as conn:
            return views.list_views(conn)

    def saved_view(self, name: str) -> SavedView | None:
        with self.db.connect() as conn:
            return views.get_view(conn, name)

    def save_view(self, view: SavedView) -> bool:
        """Save ``view`` under its name; saving a name again updates that view in place
        (same position). True if the name was new."""
        with self.db.connect() as conn:
            return views.save_view(conn, view)

    def rename_view(self, old: str, new: str) -> None:
        with self.db.connect() as conn:
            views.rename_view(conn, old, new)

    def move_view(self, name: str, index: int) -> None:
        """Move one view to ``index`` in the list (0 = first)."""
        with self.db.connect() as conn:
            views.move_view(conn, name, index)

    def reorder_views(self, names: Sequence[str]) -> None:
        """Set the whole order at once; ``names`` must name every saved view once."""
        with self.db.connect() as conn:
            views.reorder_views(conn, names)

    def delete_view(self, name: str) -> None:
        with self.db.connect() as conn:
            views.delete_view(conn, name)
