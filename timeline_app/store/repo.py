"""Queries returning frozen domain objects, in plain SQL on a ``sqlite3`` connection.

Reads do not go through the ORM: importing SQLAlchemy costs about 0.4 s of every
start (measured), and the viewer's first screen needs only these few queries. The
ORM stays where it pays, in the loader's writes (``store/loader.py``), and is
imported only when something is written. Every value comes from our own schema
(``migrations.py``); user text reaches SQL only as bound parameters.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from timeline_app.dates import DateSpan, Precision, parse_iso
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
from timeline_app.filters import FilterRules, curated_sql_where
from timeline_app.store.fts import match_query


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


def all_actors(conn: sqlite3.Connection) -> list[Actor]:
    rows = conn.execute("SELECT code, name, kind, region, colour, x, y FROM actors ORDER BY code")
    return [Actor(code, name, ActorKind(kind), region, colour, x, y) for code, name, kind, region,
            colour, x, y in rows]  # fmt: skip


_DOCUMENT_COLUMNS = (
    "file_name, title, title_supplied, outlet, published, published_precision, "
    "published_inferred, published_note, language, content_hash"
)


def _document(row: Sequence[Any]) -> Document:
    (file_name, title, supplied, outlet, published, precision, inferred, note, language,
     content_hash) = row  # fmt: skip
    start, _ = parse_iso(published)
    return Document(
        file_name=file_name,
        title=title,
        title_supplied=bool(supplied),
        outlet=outlet,
        published=DateSpan(start, Precision(precision)),
        published_inferred=bool(inferred),
        published_note=note,
        language=language,
        content_hash=content_hash,
    )


def all_documents(conn: sqlite3.Connection) -> list[Document]:
    rows = conn.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents ORDER BY file_name")
    return [_document(row) for row in rows]


def document_with_paragraphs(
    conn: sqlite3.Connection, file_name: str
) -> tuple[Document, list[Paragraph]] | None:
    row = conn.execute(
        f"SELECT pk, {_DOCUMENT_COLUMNS} FROM documents WHERE file_name = ?", (file_name,)
    ).fetchone()
    if row is None:
        return None
    rows = conn.execute(
        "SELECT ordinal, text, start_offset, end_offset, boilerplate FROM paragraphs "
        "WHERE document_pk = ? ORDER BY ordinal",
        (row[0],),
    )
    paragraphs = [
        Paragraph(file_name, ordinal, text, start, end, bool(boilerplate))
        for ordinal, text, start, end, boilerplate in rows
    ]
    return _document(row[1:]), paragraphs


def _where(conn: sqlite3.Connection, flt: EventFilter) -> tuple[str, list[object]]:
    text = matching_event_pks(conn, flt.text) if flt.text.strip() else None
    return curated_sql_where(FilterRules.of(flt), text)  # the one set of rules (filters.py)


def matching_event_pks(conn: sqlite3.Connection, user_text: str) -> list[int]:
    """Events whose own text matches, or that cite a paragraph that matches."""
    query = match_query(user_text)
    if query is None:
        return []
    own = conn.execute("SELECT rowid FROM event_fts WHERE event_fts MATCH ?", (query,))
    via_paragraphs = conn.execute(
        "SELECT DISTINCT c.event_pk FROM citations c JOIN paragraph_fts f "
        "ON f.rowid = c.paragraph_pk WHERE paragraph_fts MATCH ?",
        (query,),
    )
    return sorted({pk for (pk,) in own} | {pk for (pk,) in via_paragraphs})


def rank_matches(conn: sqlite3.Connection, user_text: str) -> list[str]:
    """Ids of the events matching ``user_text``, best first: a title that is the text
    exactly, then titles containing it as typed, then events whose own text matches
    (FTS5 bm25, a title word weighing most), then events matched only through a cited
    paragraph (by that paragraph's bm25); ties by date."""
    query = match_query(user_text)
    if query is None:
        return []
    own = dict(
        conn.execute(
            "SELECT rowid, bm25(event_fts, 10.0, 3.0, 1.0) FROM event_fts WHERE event_fts MATCH ?",
            (query,),
        ).fetchall()
    )
    paragraph_scores = dict(
        conn.execute(
            "SELECT rowid, bm25(paragraph_fts) FROM paragraph_fts WHERE paragraph_fts MATCH ?",
            (query,),
        ).fetchall()
    )
    via_paragraphs: dict[int, float] = {}
    if paragraph_scores:
        hits = sorted(paragraph_scores)
        for event_pk, paragraph_pk in conn.execute(
            "SELECT event_pk, paragraph_pk FROM citations "
            f"WHERE paragraph_pk IN ({', '.join('?' * len(hits))})",
            hits,
        ):
            score = paragraph_scores[paragraph_pk]
            via_paragraphs[event_pk] = min(score, via_paragraphs.get(event_pk, score))
    pks = sorted(own.keys() | via_paragraphs.keys())
    if not pks:
        return []
    needle = " ".join(user_text.split()).casefold()
    ranked = []
    for pk, event_id, title, start_day in conn.execute(
        f"SELECT pk, id, title, start_day FROM events WHERE pk IN ({', '.join('?' * len(pks))})",
        pks,
    ):
        folded = " ".join(title.split()).casefold()
        tier = 0 if folded == needle else 1 if needle in folded else 2 if pk in own else 3
        scores = (own.get(pk, 0.0), via_paragraphs.get(pk, 0.0))
        ranked.append(((tier, *scores, start_day, event_id), event_id))
    return [event_id for _key, event_id in sorted(ranked)]


def search_paragraphs(
    conn: sqlite3.Connection, user_text: str, limit: int = 50
) -> list[ParagraphHit]:
    query = match_query(user_text)
    if query is None:
        return []
    rows = conn.execute(
        "SELECT d.file_name, p.ordinal, snippet(paragraph_fts, 0, '[', ']', '…', 12) "
        "FROM paragraph_fts JOIN paragraphs p ON p.pk = paragraph_fts.rowid "
        "JOIN documents d ON d.pk = p.document_pk "
        "WHERE paragraph_fts MATCH ? ORDER BY rank LIMIT ?",
        (query, limit),
    )
    return [ParagraphHit(name, ordinal, snippet) for name, ordinal, snippet in rows]


_EVENT_COLUMNS = (
    "e.pk, e.id, e.title, e.summary, e.date_start, e.date_end, e.approximate, e.relative, "
    "e.category, e.modality, e.score, e.date_note, e.dataset"
)


def _events(conn: sqlite3.Connection, where: str, params: Sequence[object]) -> list[Event]:
    """Events matching ``where`` (on alias ``e``), by start day then id; their actors
    and citations come in one query each for the whole set, not one per event."""
    rows = conn.execute(
        f"SELECT {_EVENT_COLUMNS} FROM events e{where} ORDER BY e.start_day, e.id", params
    ).fetchall()
    if not rows:
        return []
    chosen = f"(SELECT e.pk FROM events e{where})"
    actors: dict[int, list[Participant]] = defaultdict(list)
    for pk, code, role in conn.execute(
        f"SELECT event_pk, actor_code, role FROM event_actors WHERE event_pk IN {chosen} "
        "ORDER BY event_pk, position",
        params,
    ):
        actors[pk].append(Participant(code, Role(role)))
    citations: dict[int, list[Citation]] = defaultdict(list)
    for pk, name, ordinal, quote in conn.execute(
        "SELECT c.event_pk, d.file_name, p.ordinal, c.quote FROM citations c "
        "JOIN paragraphs p ON p.pk = c.paragraph_pk JOIN documents d ON d.pk = p.document_pk "
        f"WHERE c.event_pk IN {chosen} ORDER BY c.event_pk, c.ordinal",
        params,
    ):
        citations[pk].append(Citation(name, ordinal, quote))
    return [_event(row, actors[row[0]], citations[row[0]]) for row in rows]


def _event(row: Sequence[Any], actors: list[Participant], citations: list[Citation]) -> Event:
    (_pk, event_id, title, summary, start, end, approximate, relative, category, modality,
     score, note, dataset) = row  # fmt: skip
    return Event(
        id=event_id,
        title=title,
        summary=summary,
        when=DateSpan.parse(start, end, approximate=bool(approximate), relative=bool(relative)),
        actors=tuple(actors),
        category=Category(category),
        modality=Modality(modality),
        score=score,
        citations=tuple(citations),
        date_note=note,
        dataset=dataset,
    )


def events(conn: sqlite3.Connection, flt: EventFilter = EventFilter()) -> list[Event]:
    where, params = _where(conn, flt)
    return _events(conn, where, params)


def event_by_id(conn: sqlite3.Connection, event_id: str) -> Event | None:
    found = _events(conn, " WHERE e.id = ?", (event_id,))
    return found[0] if found else None


def counts(conn: sqlite3.Connection) -> Counts:
    (n_events,) = conn.execute("SELECT count(*) FROM events").fetchone()
    (n_pairs,) = conn.execute(
        "SELECT count(*) FROM (SELECT DISTINCT actor_a, actor_b FROM event_pairs)"
    ).fetchone()
    (n_sources,) = conn.execute("SELECT count(*) FROM documents").fetchone()
    return Counts(n_events, n_pairs, n_sources)


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """SQLite's own integrity and foreign-key checks, as readable lines."""
    problems = [
        f"integrity: {line}" for (line,) in conn.execute("PRAGMA integrity_check") if line != "ok"
    ]
    for row in conn.execute("PRAGMA foreign_key_check"):
        problems.append(f"foreign key: table {row[0]} row {row[1]} refers to missing {row[2]}")
    (orphans,) = conn.execute(
        "SELECT count(*) FROM citations WHERE paragraph_pk NOT IN (SELECT pk FROM paragraphs)"
    ).fetchone()
    if orphans:
        problems.append(f"{orphans} citations point at missing paragraphs")
    return problems


# -- reads for editing (timeline_app/editing) -----------------------------------------------


@dataclass(frozen=True)
class AuditEntry:
    at: str  # UTC, ISO 8601
    action: str  # add, edit, delete; "undo add", "redo edit" ...
    event_id: str
    old: str  # the event's exchange record as JSON, "" for none
    new: str


def audit_entries(conn: sqlite3.Connection, event_id: str | None = None) -> list[AuditEntry]:
    """The audit log, oldest first; only ``event_id``'s rows when given."""
    where, params = ("WHERE event_id = ?", (event_id,)) if event_id else ("", ())
    rows = conn.execute(
        f"SELECT at, action, event_id, old, new FROM audit_log {where} ORDER BY pk", params
    )
    return [AuditEntry(*row) for row in rows]


def event_ids(conn: sqlite3.Connection) -> set[str]:
    return {event_id for (event_id,) in conn.execute("SELECT id FROM events")}


def document_body(conn: sqlite3.Connection, file_name: str) -> str | None:
    row = conn.execute("SELECT body FROM documents WHERE file_name = ?", (file_name,)).fetchone()
    return str(row[0]) if row else None


def events_citing(conn: sqlite3.Connection, file_name: str) -> list[Event]:
    """Every event with at least one citation of the document ``file_name``."""
    return _events(
        conn,
        " WHERE e.pk IN (SELECT c.event_pk FROM citations c JOIN paragraphs p "
        "ON p.pk = c.paragraph_pk JOIN documents d ON d.pk = p.document_pk "
        "WHERE d.file_name = ?)",
        (file_name,),
    )
