"""Schema versions, applied in order; the version lives in ``PRAGMA user_version``.

Why not Alembic: the schema is small and SQLite-only, the app ships as a frozen
bundle (Alembic's script directory and dialect imports are a known trap there),
and ``user_version`` is atomic with the DDL when each step runs in one explicit
transaction. Each migration is frozen SQL: once released it never changes; a new
schema is a new entry at the end of ``MIGRATIONS``. ``orm.py`` mirrors the latest
schema, and a test checks that the two agree.
"""

from __future__ import annotations

from collections.abc import Sequence

V1_INITIAL = """
CREATE TABLE actors (
    code    TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    kind    TEXT NOT NULL,
    region  TEXT NOT NULL,
    colour  TEXT NOT NULL,
    x       REAL NOT NULL,
    y       REAL NOT NULL
);

CREATE TABLE documents (
    pk                  INTEGER PRIMARY KEY,
    file_name           TEXT NOT NULL UNIQUE,
    title               TEXT NOT NULL,
    title_supplied      INTEGER NOT NULL,
    outlet              TEXT NOT NULL,
    published           TEXT NOT NULL,
    published_precision TEXT NOT NULL,
    published_inferred  INTEGER NOT NULL,
    published_note      TEXT NOT NULL,
    language            TEXT NOT NULL,
    content_hash        TEXT NOT NULL,
    body                TEXT NOT NULL
);

CREATE TABLE paragraphs (
    pk           INTEGER PRIMARY KEY,
    document_pk  INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    ordinal      INTEGER NOT NULL,
    text         TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    boilerplate  INTEGER NOT NULL,
    UNIQUE (document_pk, ordinal)
);

CREATE TABLE events (
    pk          INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    dataset     TEXT NOT NULL,
    title       TEXT NOT NULL,
    summary     TEXT NOT NULL,
    date_start  TEXT NOT NULL,
    date_end    TEXT,
    precision   TEXT NOT NULL,
    approximate INTEGER NOT NULL,
    relative    INTEGER NOT NULL,
    date_note   TEXT NOT NULL,
    start_day   INTEGER NOT NULL,
    end_day     INTEGER NOT NULL,
    category    TEXT NOT NULL,
    modality    TEXT NOT NULL,
    score       REAL NOT NULL,
    fingerprint TEXT NOT NULL
);
CREATE INDEX ix_events_start_day ON events (start_day);
CREATE INDEX ix_events_dataset_start ON events (dataset, start_day);
CREATE INDEX ix_events_category ON events (category, start_day);

CREATE TABLE event_actors (
    event_pk   INTEGER NOT NULL REFERENCES events(pk) ON DELETE CASCADE,
    actor_code TEXT NOT NULL REFERENCES actors(code),
    role       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (event_pk, actor_code)
);
CREATE INDEX ix_event_actors_actor ON event_actors (actor_code, event_pk);

CREATE TABLE event_pairs (
    event_pk INTEGER NOT NULL REFERENCES events(pk) ON DELETE CASCADE,
    actor_a  TEXT NOT NULL REFERENCES actors(code),
    actor_b  TEXT NOT NULL REFERENCES actors(code),
    PRIMARY KEY (event_pk, actor_a, actor_b),
    CHECK (actor_a < actor_b)
);
CREATE INDEX ix_event_pairs_pair ON event_pairs (actor_a, actor_b, event_pk);

CREATE TABLE citations (
    event_pk     INTEGER NOT NULL REFERENCES events(pk) ON DELETE CASCADE,
    ordinal      INTEGER NOT NULL,
    paragraph_pk INTEGER NOT NULL REFERENCES paragraphs(pk),
    quote        TEXT NOT NULL,
    PRIMARY KEY (event_pk, ordinal)
);
CREATE INDEX ix_citations_paragraph ON citations (paragraph_pk);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE VIRTUAL TABLE event_fts USING fts5(
    title, summary, quotes, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE paragraph_fts USING fts5(
    text, tokenize = 'unicode61 remove_diacritics 2'
);
"""

# Ordered: MIGRATIONS[i] takes a database from version i to version i + 1.
MIGRATIONS: Sequence[str] = (V1_INITIAL,)
SCHEMA_VERSION = len(MIGRATIONS)
