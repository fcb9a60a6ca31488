"""What ``load`` needs to know of the analyst's collection, in plain SQL (no ORM:
the first start validates before SQLAlchemy is imported)."""

from __future__ import annotations

import sqlite3

from timeline_app.domain import CURATED_DATASET, Actor
from timeline_app.ingest.corpus import SourceDocument
from timeline_app.store import repo


def imported_documents(conn: sqlite3.Connection) -> list[SourceDocument]:
    """Imported articles with their paragraphs, so curated events may cite them."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'document_files'").fetchone():
        return []  # a test of an older schema
    keys = [
        str(key)
        for (key,) in conn.execute(
            "SELECT d.file_name FROM documents d JOIN document_files f ON f.document_pk = d.pk "
            "ORDER BY d.file_name"
        )
    ]
    documents: list[SourceDocument] = []
    for key in keys:
        found = repo.document_with_paragraphs(conn, key)
        if found is not None:
            documents.append(SourceDocument(found[0], "", tuple(found[1])))
    return documents


def known_actors(conn: sqlite3.Connection) -> list[Actor]:
    return repo.all_actors(conn)


def non_curated_ids(conn: sqlite3.Connection) -> dict[str, str]:
    """The ids of events made in the app (any dataset but the curated one), with their
    dataset: a load must not give one of these ids to a curated event."""
    rows = conn.execute("SELECT id, dataset FROM events WHERE dataset <> ?", (CURATED_DATASET,))
    return {str(event_id): str(dataset) for event_id, dataset in rows}
