"""One change to the events, undoable: the events before and after it.

A change is data (``Change``), applied or reverted by ``apply_change`` in one
transaction that also writes its audit rows, so the database is never half-changed
and nothing is lost on a crash: each change is on disk when the call returns. Before
writing, every event the change touches must still be as the change remembers it (its
fingerprint): a change never overwrites what a load or another window wrote since.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from timeline_app.domain import Citation, Document, Event, Paragraph
from timeline_app.editing.writes import (
    EditError,
    current_fingerprint,
    insert_event,
    remove_event,
    write_audit,
)
from timeline_app.interchange import fingerprint


@dataclass(frozen=True)
class EventChange:
    before: Event | None  # None: the change adds it
    after: Event | None  # None: the change deletes it

    @property
    def event_id(self) -> str:
        event = self.after or self.before
        assert event is not None
        return event.id

    @property
    def kind(self) -> str:
        return "add" if self.before is None else "delete" if self.after is None else "edit"

    def reversed(self) -> EventChange:
        return EventChange(self.after, self.before)


@dataclass(frozen=True)
class OriginalFile:
    """An imported article's ``document_files`` row: the file byte for byte, and whence."""

    origin: str
    original_name: str
    media_type: str
    url: str
    size: int
    sha256: str
    data: bytes
    imported: str


_FILE_COLUMNS = "origin, original_name, media_type, url, size, sha256, data, imported"


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored, whole, so that deleting it can be undone."""

    document: Document
    body: str
    paragraphs: tuple[Paragraph, ...]
    # The original file an imported article came with, as the delete found it: read by
    # ``apply_change`` in the transaction that deletes the row, written back by its
    # undo. A record of what was removed, so not part of the article's identity.
    removed_file: list[OriginalFile] = field(default_factory=list, compare=False, repr=False)


@dataclass(frozen=True)
class Change:
    label: str  # what Edit > History shows: "New event: India and Vietnam sign a pact"
    events: tuple[EventChange, ...]
    removed_article: StoredArticle | None = None


def new_event(event: Event) -> Change:
    return Change(f"New event: {event.title}", (EventChange(None, event),))


def edit_event(before: Event, after: Event, label: str = "") -> Change:
    if before.id != after.id:
        raise EditError("an edit keeps the event's id")
    return Change(label or f"Edit event: {after.title}", (EventChange(before, after),))


def delete_event(event: Event) -> Change:
    return Change(f"Delete event: {event.title}", (EventChange(event, None),))


def add_citation(event: Event, citation: Citation) -> Change:
    if citation in event.citations:
        raise EditError("the event already cites this quote")
    after = dataclasses.replace(event, citations=(*event.citations, citation))
    return edit_event(event, after, f"Add citation to: {event.title}")


def remove_citation(event: Event, index: int) -> Change:
    if len(event.citations) <= 1:
        raise EditError(
            "an event cannot be left without a citation: delete the event instead, "
            "or add another citation first"
        )
    kept = event.citations[:index] + event.citations[index + 1 :]
    after = dataclasses.replace(event, citations=kept)
    return edit_event(event, after, f"Remove citation from: {event.title}")


def delete_article(article: StoredArticle, citing: Sequence[Event]) -> Change:
    """Delete an article and every citation of it; an event left with none is deleted
    too (an event without a citation cannot exist)."""
    name = article.document.file_name
    steps: list[EventChange] = []
    for event in citing:
        kept = tuple(c for c in event.citations if c.document != name)
        after = dataclasses.replace(event, citations=kept) if kept else None
        steps.append(EventChange(event, after))
    return Change(f"Delete article: {article.document.title}", tuple(steps), article)


def _check_current(conn: sqlite3.Connection, step: EventChange) -> None:
    expected = fingerprint(step.before) if step.before else None
    if current_fingerprint(conn, step.event_id) != expected:
        state = "is already in the database" if step.before is None else "has changed since"
        raise EditError(f"event {step.event_id!r} {state}; the change was not made")


def apply_change(conn: sqlite3.Connection, change: Change, *, undo: bool = False,
                 redo: bool = False) -> None:  # fmt: skip
    """Write ``change`` (or its reverse) and its audit rows in one transaction."""
    steps = [s.reversed() for s in change.events] if undo else list(change.events)
    prefix = "undo " if undo else "redo " if redo else ""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for step in steps:
            _check_current(conn, step)
            if step.before is not None:
                remove_event(conn, step.event_id)
        if change.removed_article is not None:
            if undo:
                _insert_article(conn, change.removed_article)
            else:
                _delete_article(conn, change.removed_article)
        for step in steps:
            if step.after is not None:
                insert_event(conn, step.after)
            action = prefix + _kind(step, undo)
            write_audit(conn, action, step.event_id, step.before, step.after)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _kind(step: EventChange, undo: bool) -> str:
    # The audit names what the analyst did: undoing an add is recorded as "undo add".
    return step.reversed().kind if undo else step.kind


def _original_file(conn: sqlite3.Connection, file_name: str) -> OriginalFile | None:
    row = conn.execute(
        f"SELECT {_FILE_COLUMNS} FROM document_files f "
        "JOIN documents d ON d.pk = f.document_pk WHERE d.file_name = ?",
        (file_name,),
    ).fetchone()
    if row is None:
        return None
    origin, name, media, url, size, sha256, data, imported = row
    return OriginalFile(
        str(origin), str(name), str(media), str(url), int(size), str(sha256), bytes(data),
        str(imported),
    )  # fmt: skip


def _delete_article(conn: sqlite3.Connection, article: StoredArticle) -> None:
    file_name = article.document.file_name
    original = _original_file(conn, file_name)
    article.removed_file.clear()  # a redo deletes again: keep what this delete found
    if original is not None:
        article.removed_file.append(original)
    conn.execute(
        "DELETE FROM paragraph_fts WHERE rowid IN (SELECT p.pk FROM paragraphs p "
        "JOIN documents d ON d.pk = p.document_pk WHERE d.file_name = ?)",
        (file_name,),
    )
    conn.execute("DELETE FROM documents WHERE file_name = ?", (file_name,))  # paragraphs cascade


def _insert_article(conn: sqlite3.Connection, article: StoredArticle) -> None:
    doc = article.document
    cursor = conn.execute(
        "INSERT INTO documents (file_name, title, title_supplied, outlet, published, "
        "published_precision, published_inferred, published_note, language, content_hash, body) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc.file_name, doc.title, doc.title_supplied, doc.outlet, doc.published.start_text,
            doc.published.precision.value, doc.published_inferred, doc.published_note,
            doc.language, doc.content_hash, article.body,
        ),
    )  # fmt: skip
    for p in article.paragraphs:
        row = conn.execute(
            "INSERT INTO paragraphs (document_pk, ordinal, text, start_offset, end_offset, "
            "boilerplate) VALUES (?, ?, ?, ?, ?, ?)",
            (cursor.lastrowid, p.ordinal, p.text, p.start, p.end, p.boilerplate),
        )
        if not p.boilerplate:
            conn.execute(
                "INSERT INTO paragraph_fts (rowid, text) VALUES (?, ?)", (row.lastrowid, p.text)
            )
    for original in article.removed_file:
        conn.execute(
            f"INSERT INTO document_files (document_pk, {_FILE_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                cursor.lastrowid, original.origin, original.original_name, original.media_type,
                original.url, original.size, original.sha256, original.data, original.imported,
            ),
        )  # fmt: skip
