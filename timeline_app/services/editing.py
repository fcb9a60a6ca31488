"""Editing use cases: making and editing events (``timeline_app.editing``), what a new
event is checked against, and the audit trail of every change.

The editing modules are imported inside the methods: viewing needs none of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from timeline_app.domain import Event
from timeline_app.services.database import OpenDatabase
from timeline_app.store import repo
from timeline_app.store.repo import AuditEntry

if TYPE_CHECKING:
    from timeline_app.editing.changes import Change, StoredArticle
    from timeline_app.editing.validate import Reference


class Editing(OpenDatabase):
    """Changes to events, each one transaction with its audit rows (undoable)."""

    def apply_change(self, change: Change, *, undo: bool = False, redo: bool = False) -> None:
        """Write one change (or its reverse) and its audit rows in one transaction."""
        from timeline_app.editing.changes import apply_change

        with self.db.connect() as conn:
            apply_change(conn, change, undo=undo, redo=redo)

    def reference(self, documents: Sequence[str] | None = None) -> Reference:
        """What a new or edited event is checked against: every actor an event may name,
        the documents ``documents`` names (all when None), the ids already taken."""
        from timeline_app.editing.validate import Reference, known_actors
        from timeline_app.ingest.corpus import SourceDocument

        with self.db.connect() as conn:
            names = documents if documents is not None else [
                d.file_name for d in repo.all_documents(conn)
            ]  # fmt: skip
            sources = []
            for name in dict.fromkeys(names):
                found = repo.document_with_paragraphs(conn, name)
                if found is not None:
                    sources.append(SourceDocument(found[0], "", tuple(found[1])))
            return Reference(
                known_actors(repo.all_actors(conn)), tuple(sources),
                frozenset(repo.event_ids(conn)),
            )  # fmt: skip

    def add_events_from_file(self, path: Path) -> list[Event]:
        """``add-event``: check every event of the file, then add them all as one change
        (nothing is written when any is wrong: ``ValidationFailed``)."""
        from timeline_app.editing.changes import Change, EventChange
        from timeline_app.editing.validate import check_file

        events = check_file(path, self.reference())
        label = f"Add {len(events)} event(s) from {path.name}"
        self.apply_change(Change(label, tuple(EventChange(None, e) for e in events)))
        return events

    def audit_log(self, event_id: str | None = None) -> list[AuditEntry]:
        with self.db.connect() as conn:
            return repo.audit_entries(conn, event_id)

    def stored_article(self, file_name: str) -> StoredArticle | None:
        from timeline_app.editing.changes import StoredArticle

        with self.db.connect() as conn:
            found = repo.document_with_paragraphs(conn, file_name)
            body = repo.document_body(conn, file_name)
        if found is None or body is None:
            return None
        return StoredArticle(found[0], body, tuple(found[1]))

    def events_citing(self, file_name: str) -> list[Event]:
        with self.db.connect() as conn:
            return repo.events_citing(conn, file_name)
