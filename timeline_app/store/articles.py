"""Imported articles and events made outside the curated files, in and out of the store.

Each write function takes an open session and runs inside the caller's one
transaction (``Store`` opens it), so an import or a package merge is all or nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from timeline_app.articles import ImportedArticle
from timeline_app.domain import Actor, Event, Paragraph
from timeline_app.store.loader import (  # the one way an event's rows are made
    _fill_event_row,
    index_event_text,
)
from timeline_app.store.orm import (
    ActorRow,
    DocumentFileRow,
    DocumentRow,
    EventRow,
    ParagraphRow,
)

IMPORTED_ORIGIN = "imported"


@dataclass(frozen=True)
class StoredFile:
    """An imported article's file and where it came from."""

    key: str
    original_name: str
    media_type: str
    url: str
    sha256: str
    data: bytes
    imported: str  # ISO timestamp of the import


def find_by_sha256(session: Session, sha256: str) -> str | None:
    """The key of the article already imported from these bytes, if any."""
    row = session.execute(
        select(DocumentRow.file_name)
        .join(DocumentFileRow, DocumentFileRow.document_pk == DocumentRow.pk)
        .where(DocumentFileRow.sha256 == sha256)
    ).first()
    return None if row is None else str(row[0])


def add_article(session: Session, article: ImportedArticle, imported: str) -> None:
    """Write a new article: document, paragraphs (searchable), original file."""
    doc = article.document
    row = DocumentRow(
        file_name=doc.file_name, title=doc.title, title_supplied=doc.title_supplied,
        outlet=doc.outlet, published=doc.published.start_text,
        published_precision=doc.published.precision.value,
        published_inferred=doc.published_inferred, published_note=doc.published_note,
        language=doc.language, content_hash=doc.content_hash, body=article.body,
    )  # fmt: skip
    row.paragraphs = [
        ParagraphRow(
            ordinal=p.ordinal,
            text=p.text,
            start_offset=p.start,
            end_offset=p.end,
            boilerplate=p.boilerplate,
        )
        for p in article.paragraphs
    ]
    session.add(row)
    session.flush()
    session.add(
        DocumentFileRow(
            document_pk=row.pk,
            origin=IMPORTED_ORIGIN,
            original_name=article.original_name,
            media_type=article.media_type,
            url=article.meta.url,
            size=len(article.data),
            sha256=article.sha256,
            data=article.data,
            imported=imported,
        )
    )
    for paragraph in row.paragraphs:
        if not paragraph.boilerplate:
            session.execute(
                text("INSERT INTO paragraph_fts (rowid, text) VALUES (:pk, :text)"),
                {"pk": paragraph.pk, "text": paragraph.text},
            )
    session.flush()


def update_metadata(session: Session, article: ImportedArticle) -> None:
    """Replace an imported article's metadata (title, outlet, URL, date) with ``article``'s."""
    doc = article.document
    row = session.scalars(select(DocumentRow).where(DocumentRow.file_name == doc.file_name)).one()
    row.title, row.title_supplied, row.outlet = doc.title, doc.title_supplied, doc.outlet
    row.published, row.published_precision = doc.published.start_text, doc.published.precision.value
    row.published_inferred, row.published_note = doc.published_inferred, doc.published_note
    file_row = session.get(DocumentFileRow, row.pk)
    if file_row is not None:
        file_row.url = article.meta.url
    session.flush()


def stored_files(session: Session) -> list[StoredFile]:
    rows = session.execute(
        select(DocumentRow.file_name, DocumentFileRow)
        .join(DocumentFileRow, DocumentFileRow.document_pk == DocumentRow.pk)
        .order_by(DocumentRow.file_name)
    )
    return [
        StoredFile(key, f.original_name, f.media_type, f.url, f.sha256, f.data, f.imported)
        for key, f in rows
    ]


def stored_body(session: Session, key: str) -> str:
    return str(session.scalars(select(DocumentRow.body).where(DocumentRow.file_name == key)).one())


def ensure_actors(session: Session, actors: Iterable[Actor]) -> None:
    """Add the actors this database does not know yet; known ones stay as they are."""
    known = set(session.scalars(select(ActorRow.code)))
    for actor in actors:
        if actor.code not in known:
            session.add(
                ActorRow(
                    code=actor.code,
                    name=actor.name,
                    kind=actor.kind.value,
                    region=actor.region,
                    colour=actor.colour,
                    x=actor.x,
                    y=actor.y,
                )
            )
            known.add(actor.code)
    session.flush()


def put_events(session: Session, events: Iterable[Event]) -> int:
    """Add each event, or replace the event with its id; returns how many were written."""
    events = list(events)
    documents = {c.document for e in events for c in e.citations}
    paragraph_pks = {
        (name, ordinal): pk
        for name, ordinal, pk in session.execute(
            select(DocumentRow.file_name, ParagraphRow.ordinal, ParagraphRow.pk)
            .join(ParagraphRow, ParagraphRow.document_pk == DocumentRow.pk)
            .where(DocumentRow.file_name.in_(documents))
        )
    }
    for event in events:
        row = session.scalars(select(EventRow).where(EventRow.id == event.id)).one_or_none()
        if row is None:
            row = EventRow(id=event.id)
            session.add(row)
        else:
            row.actors, row.pairs, row.citations = [], [], []
            session.flush()
        _fill_event_row(row, event, paragraph_pks)
        session.flush()
        index_event_text(session, row.pk, event)
    return len(events)


def paragraphs_of(session: Session, keys: Iterable[str]) -> dict[str, list[Paragraph]]:
    """Every paragraph of the named documents, by document key."""
    found: dict[str, list[Paragraph]] = {}
    rows = session.execute(
        select(DocumentRow.file_name, ParagraphRow)
        .join(ParagraphRow, ParagraphRow.document_pk == DocumentRow.pk)
        .where(DocumentRow.file_name.in_(list(keys)))
        .order_by(DocumentRow.file_name, ParagraphRow.ordinal)
    )
    for key, p in rows:
        found.setdefault(key, []).append(
            Paragraph(key, p.ordinal, p.text, p.start_offset, p.end_offset, p.boilerplate)
        )
    return found
