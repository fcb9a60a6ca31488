"""Write a validated corpus: atomic (one transaction) and idempotent.

Rows are matched by natural keys (actor code, document file name, paragraph
ordinal, event id) and only what changed is written, so loading the same files
twice leaves the database as it was, and an edited file updates in place.

A load owns the curated rows only: events of other datasets (made in the app,
merged from a package) and imported articles (a ``document_files`` row; their keys
start with ``imported/``, which no curated file name can) are never changed or
removed by it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from timeline_app.domain import CURATED_DATASET, Actor, Event
from timeline_app.ingest.corpus import Corpus, SourceDocument
from timeline_app.interchange import fingerprint
from timeline_app.store.db import Database
from timeline_app.store.fts import DELETE_EVENT_TEXT, INSERT_EVENT_TEXT, event_text
from timeline_app.store.orm import (
    ActorRow,
    CitationRow,
    DocumentFileRow,
    DocumentRow,
    EventActorRow,
    EventPairRow,
    EventRow,
    ParagraphRow,
)


@dataclass(frozen=True)
class LoadReport:
    actors: int
    documents: int
    paragraphs: int
    events: int
    citations: int
    added: int
    updated: int
    removed: int
    unchanged: int

    def summary(self) -> str:
        return (
            f"{self.events} events ({self.added} added, {self.updated} updated, "
            f"{self.removed} removed, {self.unchanged} unchanged), {self.citations} citations, "
            f"{self.documents} documents, {self.paragraphs} paragraphs, {self.actors} actors"
        )


# Test hook: called between the steps of a load, so a test can fail one halfway.
def _no_hook(_step: str) -> None:
    return None


_step_hook: Callable[[str], None] = _no_hook


def write_corpus(db: Database, corpus: Corpus) -> LoadReport:
    with db.sessions.begin() as session:
        _sync_actors(session, corpus.actors)
        _step_hook("actors")
        paragraph_pks = _sync_documents(session, corpus.documents)
        _step_hook("documents")
        added, updated, removed = _sync_events(session, corpus.events, paragraph_pks)
        _step_hook("events")
        _drop_stale_documents(session, {d.document.file_name for d in corpus.documents})
        _drop_unused_actors(session, {a.code for a in corpus.actors})
        _step_hook("cleanup")
    return LoadReport(
        actors=len(corpus.actors),
        documents=len(corpus.documents),
        paragraphs=sum(len(d.paragraphs) for d in corpus.documents),
        events=len(corpus.events),
        citations=sum(len(e.citations) for e in corpus.events),
        added=added,
        updated=updated,
        removed=removed,
        unchanged=len(corpus.events) - added - updated,
    )


def _sync_actors(session: Session, actors: Iterable[Actor]) -> None:
    existing = {row.code: row for row in session.scalars(select(ActorRow))}
    for actor in actors:
        values = {
            "name": actor.name, "kind": actor.kind.value, "region": actor.region,
            "colour": actor.colour, "x": actor.x, "y": actor.y,
        }  # fmt: skip
        row = existing.get(actor.code)
        if row is None:
            session.add(ActorRow(code=actor.code, **values))
        else:
            for key, value in values.items():
                if getattr(row, key) != value:
                    setattr(row, key, value)
    session.flush()


def _sync_documents(
    session: Session, documents: Iterable[SourceDocument]
) -> dict[tuple[str, int], int]:
    """Upsert documents and paragraphs; returns (file, ordinal) -> paragraph pk."""
    existing = {row.file_name: row for row in session.scalars(select(DocumentRow))}
    changed_paragraphs: list[ParagraphRow] = []
    for source in documents:
        doc = source.document
        values = {
            "title": doc.title, "title_supplied": doc.title_supplied, "outlet": doc.outlet,
            "published": doc.published.start_text, "published_precision": doc.published.precision.value,
            "published_inferred": doc.published_inferred, "published_note": doc.published_note,
            "language": doc.language, "content_hash": doc.content_hash, "body": source.body,
        }  # fmt: skip
        row = existing.get(doc.file_name)
        if row is None:
            row = DocumentRow(file_name=doc.file_name, **values)
            session.add(row)
        else:
            for key, value in values.items():
                if getattr(row, key) != value:
                    setattr(row, key, value)
        by_ordinal = {p.ordinal: p for p in row.paragraphs}
        for paragraph in source.paragraphs:
            p_values = {
                "text": paragraph.text, "start_offset": paragraph.start,
                "end_offset": paragraph.end, "boilerplate": paragraph.boilerplate,
            }  # fmt: skip
            p_row = by_ordinal.pop(paragraph.ordinal, None)
            if p_row is None:
                p_row = ParagraphRow(ordinal=paragraph.ordinal, **p_values)
                row.paragraphs.append(p_row)
                changed_paragraphs.append(p_row)
            elif any(getattr(p_row, k) != v for k, v in p_values.items()):
                for key, value in p_values.items():
                    setattr(p_row, key, value)
                changed_paragraphs.append(p_row)
        for stale in by_ordinal.values():
            row.paragraphs.remove(stale)
            session.execute(text("DELETE FROM paragraph_fts WHERE rowid = :pk"), {"pk": stale.pk})
    session.flush()
    for p_row in changed_paragraphs:
        session.execute(text("DELETE FROM paragraph_fts WHERE rowid = :pk"), {"pk": p_row.pk})
        if not p_row.boilerplate:
            session.execute(
                text("INSERT INTO paragraph_fts (rowid, text) VALUES (:pk, :text)"),
                {"pk": p_row.pk, "text": p_row.text},
            )
    rows = session.execute(
        select(DocumentRow.file_name, ParagraphRow.ordinal, ParagraphRow.pk).join(
            ParagraphRow, ParagraphRow.document_pk == DocumentRow.pk
        )
    )
    return {(name, ordinal): pk for name, ordinal, pk in rows}


def _fill_event_row(row: EventRow, event: Event, paragraph_pks: dict[tuple[str, int], int]) -> None:
    when = event.when
    row.dataset = event.dataset
    row.title, row.summary = event.title, event.summary
    row.date_start, row.date_end = when.start_text, when.end_text
    row.precision = when.precision.value
    row.approximate, row.relative = when.approximate, when.relative
    row.date_note = event.date_note
    row.start_day, row.end_day = when.start_day, when.end_day
    row.category, row.modality = event.category.value, event.modality.value
    row.score = event.score
    row.fingerprint = fingerprint(event)
    row.actors = [
        EventActorRow(actor_code=p.code, role=p.role.value, position=i)
        for i, p in enumerate(event.actors)
    ]
    row.pairs = [EventPairRow(actor_a=pair.a, actor_b=pair.b) for pair in event.pairs]
    row.citations = [
        CitationRow(ordinal=i, paragraph_pk=paragraph_pks[(c.document, c.paragraph)], quote=c.quote)
        for i, c in enumerate(event.citations, start=1)
    ]


def index_event_text(session: Session, pk: int, event: Event) -> None:
    """(Re)write the full-text row of the event stored at ``pk``: its title, summary
    and quotes, as the search reads them."""
    session.execute(text(DELETE_EVENT_TEXT), {"pk": pk})
    session.execute(text(INSERT_EVENT_TEXT), event_text(pk, event))


def _sync_events(
    session: Session, events: Iterable[Event], paragraph_pks: dict[tuple[str, int], int]
) -> tuple[int, int, int]:
    events = list(events)
    existing = {
        row.id: row
        for row in session.scalars(select(EventRow).where(EventRow.dataset == CURATED_DATASET))
    }
    # Events made in the app that the file holds too (an export loaded back): updated
    # or left as they are, never removed for being absent (the reader has refused a
    # curated event taking such an id).
    brought = [e.id for e in events if e.dataset != CURATED_DATASET]
    analyst = {
        row.id: row
        for row in session.scalars(
            select(EventRow).where(EventRow.dataset != CURATED_DATASET, EventRow.id.in_(brought))
        )
    }
    added = updated = 0
    touched: list[tuple[EventRow, Event]] = []
    for event in events:
        row = (existing if event.dataset == CURATED_DATASET else analyst).pop(event.id, None)
        if row is not None and row.fingerprint == fingerprint(event):
            continue
        if row is None:
            row = EventRow(id=event.id)
            session.add(row)
            added += 1
        else:
            # Replace child rows wholesale: flush the removals before the new keys go in.
            row.actors, row.pairs, row.citations = [], [], []
            session.flush()
            updated += 1
        _fill_event_row(row, event, paragraph_pks)
        touched.append((row, event))
    for stale in existing.values():
        session.execute(text(DELETE_EVENT_TEXT), {"pk": stale.pk})
        session.delete(stale)
    session.flush()
    for row, event in touched:
        index_event_text(session, row.pk, event)
    return added, updated, len(existing)


def _drop_stale_documents(session: Session, keep: set[str]) -> None:
    stale = select(DocumentRow).where(DocumentRow.file_name.not_in(keep))
    if _has_table(session, "document_files"):  # absent only in a test of an older schema
        # Articles imported in the app are not the curated files' to remove.
        stale = stale.where(DocumentRow.pk.not_in(select(DocumentFileRow.document_pk)))
    for row in session.scalars(stale):
        for paragraph in row.paragraphs:
            session.execute(
                text("DELETE FROM paragraph_fts WHERE rowid = :pk"), {"pk": paragraph.pk}
            )
        session.delete(row)
    session.flush()


def _drop_unused_actors(session: Session, keep: set[str]) -> None:
    used = select(EventActorRow.actor_code).distinct()
    session.execute(delete(ActorRow).where(ActorRow.code.not_in(keep), ActorRow.code.not_in(used)))


def _has_table(session: Session, name: str) -> bool:
    found = session.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"), {"name": name}
    )
    return found.first() is not None
