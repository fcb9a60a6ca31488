"""Queries returning frozen domain objects; ORM rows never leave this package."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session, selectinload

from timeline_app.dates import DateSpan, Precision, parse_iso, to_day
from timeline_app.domain import (
    Actor,
    ActorKind,
    Category,
    Citation,
    Document,
    Event,
    EventFilter,
    Modality,
    Paragraph,
    Participant,
    Role,
)
from timeline_app.store.fts import match_query
from timeline_app.store.orm import (
    ActorRow,
    CitationRow,
    DocumentRow,
    EventActorRow,
    EventPairRow,
    EventRow,
    ParagraphRow,
)


@dataclass(frozen=True)
class Counts:
    events: int
    pairs: int
    sources: int

    def describe(self) -> str:
        def plural(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        return ", ".join(
            [
                plural(self.events, "event"),
                plural(self.pairs, "pair"),
                plural(self.sources, "source"),
            ]
        )


@dataclass(frozen=True)
class ParagraphHit:
    document: str
    ordinal: int
    snippet: str


def all_actors(session: Session) -> list[Actor]:
    rows = session.scalars(select(ActorRow).order_by(ActorRow.code))
    return [Actor(r.code, r.name, ActorKind(r.kind), r.region, r.colour, r.x, r.y) for r in rows]


def _document(row: DocumentRow) -> Document:
    start, _ = parse_iso(row.published)
    return Document(
        file_name=row.file_name,
        title=row.title,
        title_supplied=row.title_supplied,
        outlet=row.outlet,
        published=DateSpan(start, Precision(row.published_precision)),
        published_inferred=row.published_inferred,
        published_note=row.published_note,
        language=row.language,
        content_hash=row.content_hash,
    )


def all_documents(session: Session) -> list[Document]:
    return [
        _document(r) for r in session.scalars(select(DocumentRow).order_by(DocumentRow.file_name))
    ]


def document_with_paragraphs(
    session: Session, file_name: str
) -> tuple[Document, list[Paragraph]] | None:
    row = session.scalars(
        select(DocumentRow)
        .where(DocumentRow.file_name == file_name)
        .options(selectinload(DocumentRow.paragraphs))
    ).one_or_none()
    if row is None:
        return None
    paragraphs = [
        Paragraph(file_name, p.ordinal, p.text, p.start_offset, p.end_offset, p.boilerplate)
        for p in row.paragraphs
    ]
    return _document(row), paragraphs


def _event(row: EventRow, citation_places: dict[int, tuple[str, int]]) -> Event:
    when = DateSpan.parse(
        row.date_start, row.date_end, approximate=row.approximate, relative=row.relative
    )
    return Event(
        id=row.id,
        title=row.title,
        summary=row.summary,
        when=when,
        actors=tuple(Participant(a.actor_code, Role(a.role)) for a in row.actors),
        category=Category(row.category),
        modality=Modality(row.modality),
        score=row.score,
        citations=tuple(Citation(*citation_places[c.paragraph_pk], c.quote) for c in row.citations),
        date_note=row.date_note,
        dataset=row.dataset,
    )


def _filtered(statement: Select[EventRow], flt: EventFilter, session: Session) -> Select[EventRow]:
    if flt.start is not None:
        statement = statement.where(EventRow.end_day > to_day(flt.start))
    if flt.end is not None:
        statement = statement.where(EventRow.start_day <= to_day(flt.end))
    if flt.categories:
        statement = statement.where(EventRow.category.in_([c.value for c in flt.categories]))
    if flt.modalities:
        statement = statement.where(EventRow.modality.in_([m.value for m in flt.modalities]))
    if flt.datasets:
        statement = statement.where(EventRow.dataset.in_(sorted(flt.datasets)))
    if flt.actors:
        involved = select(EventActorRow.event_pk).where(
            EventActorRow.actor_code.in_(sorted(flt.actors))
        )
        statement = statement.where(EventRow.pk.in_(involved))
    if flt.text.strip():
        statement = statement.where(EventRow.pk.in_(matching_event_pks(session, flt.text)))
    return statement


def matching_event_pks(session: Session, user_text: str) -> list[int]:
    """Events whose own text matches, or that cite a paragraph that matches."""
    query = match_query(user_text)
    if query is None:
        return []
    own = session.execute(
        text("SELECT rowid FROM event_fts WHERE event_fts MATCH :q"), {"q": query}
    ).scalars()
    via_paragraphs = session.execute(
        text(
            "SELECT DISTINCT c.event_pk FROM citations c JOIN paragraph_fts f "
            "ON f.rowid = c.paragraph_pk WHERE paragraph_fts MATCH :q"
        ),
        {"q": query},
    ).scalars()
    return sorted(set(own) | set(via_paragraphs))


def search_paragraphs(session: Session, user_text: str, limit: int = 50) -> list[ParagraphHit]:
    query = match_query(user_text)
    if query is None:
        return []
    rows = session.execute(
        text(
            "SELECT d.file_name, p.ordinal, snippet(paragraph_fts, 0, '[', ']', '…', 12) "
            "FROM paragraph_fts JOIN paragraphs p ON p.pk = paragraph_fts.rowid "
            "JOIN documents d ON d.pk = p.document_pk "
            "WHERE paragraph_fts MATCH :q ORDER BY rank LIMIT :n"
        ),
        {"q": query, "n": limit},
    )
    return [ParagraphHit(name, ordinal, snippet) for name, ordinal, snippet in rows]


def events(session: Session, flt: EventFilter = EventFilter()) -> list[Event]:
    statement = _filtered(
        select(EventRow).options(selectinload(EventRow.actors), selectinload(EventRow.citations)),
        flt,
        session,
    ).order_by(EventRow.start_day, EventRow.id)
    rows = session.scalars(statement).all()
    paragraph_pks = {c.paragraph_pk for r in rows for c in r.citations}
    places = _paragraph_places(session, paragraph_pks)
    return [_event(r, places) for r in rows]


def event_by_id(session: Session, event_id: str) -> Event | None:
    row = session.scalars(
        select(EventRow)
        .where(EventRow.id == event_id)
        .options(selectinload(EventRow.actors), selectinload(EventRow.citations))
    ).one_or_none()
    if row is None:
        return None
    return _event(row, _paragraph_places(session, {c.paragraph_pk for c in row.citations}))


def _paragraph_places(session: Session, pks: set[int]) -> dict[int, tuple[str, int]]:
    if not pks:
        return {}
    rows = session.execute(
        select(ParagraphRow.pk, DocumentRow.file_name, ParagraphRow.ordinal)
        .join(DocumentRow, DocumentRow.pk == ParagraphRow.document_pk)
        .where(ParagraphRow.pk.in_(pks))
    )
    return {pk: (name, ordinal) for pk, name, ordinal in rows}


def counts(session: Session) -> Counts:
    n_events = session.scalar(select(func.count()).select_from(EventRow)) or 0
    n_pairs = (
        session.scalar(
            select(func.count()).select_from(
                select(EventPairRow.actor_a, EventPairRow.actor_b).distinct().subquery()
            )
        )
        or 0
    )
    n_sources = session.scalar(select(func.count()).select_from(DocumentRow)) or 0
    return Counts(n_events, n_pairs, n_sources)


def integrity_problems(session: Session) -> list[str]:
    """SQLite's own integrity and foreign-key checks, as readable lines."""
    problems: list[str] = []
    for (line,) in session.execute(text("PRAGMA integrity_check")):
        if line != "ok":
            problems.append(f"integrity: {line}")
    for row in session.execute(text("PRAGMA foreign_key_check")):
        problems.append(f"foreign key: table {row[0]} row {row[1]} refers to missing {row[2]}")
    orphans = session.scalar(
        select(func.count())
        .select_from(CitationRow)
        .where(CitationRow.paragraph_pk.not_in(select(ParagraphRow.pk)))
    )
    if orphans:
        problems.append(f"{orphans} citations point at missing paragraphs")
    return problems
