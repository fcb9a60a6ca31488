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

# V2: bulk dyadic events (GDELT). They live in their own tables, never in ``events``:
# curated events stay exactly as curated, and a million bulk rows stay cheap to scan.
# * ``datasets``: one row per imported file. A file counts as imported once per
#   ``countries`` filter ('' = all); ``file_size`` lets a re-import be recognised
#   before the file is hashed.
# * ``bulk_events``: one row per GDELT event, keyed by GDELT's own GLOBALEVENTID (the
#   rowid: no second unique index to maintain, and overlapping files cannot add an
#   event twice); ``pair_a < pair_b`` is the lane. The dataset FK is deferred because
#   the importer writes the dataset row once the file has been read (and hashed) in
#   full, within the same transaction. One index, for lane queries: a full scan of a
#   million rows takes SQLite a fraction of a second, while each index costs one to two
#   seconds of every first import (measured); the views slice their in-memory columns
#   (sorted by day) for time windows, so day and category filters scan.
# * The trigger keeps an actor that bulk events use: the curated loader drops actors no
#   curated event uses, and would otherwise fail on the foreign key (RAISE(IGNORE)
#   skips deleting that one row and lets the rest of the DELETE go on).
V2_BULK_EVENTS = """
CREATE TABLE datasets (
    pk            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    file_size     INTEGER NOT NULL,
    file_sha256   TEXT NOT NULL,
    countries     TEXT NOT NULL,
    imported_rows INTEGER NOT NULL,
    skipped_rows  INTEGER NOT NULL,
    created       TEXT NOT NULL,
    UNIQUE (file_sha256, countries)
);

CREATE TABLE bulk_events (
    global_id    INTEGER PRIMARY KEY,
    dataset_pk   INTEGER NOT NULL
                 REFERENCES datasets(pk) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    day          INTEGER NOT NULL,
    actor1       TEXT NOT NULL REFERENCES actors(code),
    actor2       TEXT NOT NULL REFERENCES actors(code),
    pair_a       TEXT NOT NULL,
    pair_b       TEXT NOT NULL,
    event_code   TEXT NOT NULL,
    root_code    TEXT NOT NULL,
    quad_class   INTEGER NOT NULL,
    category     TEXT NOT NULL,
    modality     TEXT NOT NULL,
    score        REAL NOT NULL,
    num_sources  INTEGER NOT NULL,
    num_articles INTEGER NOT NULL,
    source_url   TEXT,
    CHECK (pair_a < pair_b)
);
CREATE INDEX ix_bulk_events_pair_day ON bulk_events (pair_a, pair_b, day);

CREATE TRIGGER actors_keep_bulk BEFORE DELETE ON actors
WHEN EXISTS (SELECT 1 FROM bulk_events WHERE pair_a = OLD.code)
  OR EXISTS (SELECT 1 FROM bulk_events WHERE pair_b = OLD.code)
BEGIN
    SELECT RAISE(IGNORE);
END;
"""

# V3: no secondary index on ``bulk_events``. Nothing read through
# ``ix_bulk_events_pair_day``: the views read every bulk row once into numpy columns and
# slice them in memory; ``bulk_columns`` with an actor filter asks for
# ``pair_a IN (..) OR pair_b IN (..)``, which the index cannot serve (pair_b is not its
# first column), so it scanned anyway; no query asks for one lane by pair. Only the
# trigger's ``pair_a = OLD.code`` used it. Building it cost about 1.8 s of every first
# import of a million rows (and updating it row by row, more, on later imports).
# The trigger now asks once for a row naming the actor on either side: without the
# index that is one scan, which stops at the first such row, instead of two (measured:
# a full scan of a million rows takes SQLite about 0.1 s here; the loader's clean-up
# runs it once per actor it would delete, so once per bulk-only actor).
V3_BULK_NO_INDEX = """
DROP INDEX ix_bulk_events_pair_day;

DROP TRIGGER actors_keep_bulk;
CREATE TRIGGER actors_keep_bulk BEFORE DELETE ON actors
WHEN EXISTS (SELECT 1 FROM bulk_events WHERE pair_a = OLD.code OR pair_b = OLD.code)
BEGIN
    SELECT RAISE(IGNORE);
END;
"""

# V4: saved views. One row per named view; ``state`` is a JSON document
# (``saved_views.py`` writes and validates it) so that a later version can add to what a
# view remembers without another schema change. ``position`` orders the side panel and
# ``views list``; it is renumbered 0..n-1 on every reorder or delete, and kept unique so
# two views can never tie. Names are unique as typed (case matters, as in the panel).
V4_SAVED_VIEWS = """
CREATE TABLE saved_views (
    name     TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    state    TEXT NOT NULL,
    created  TEXT NOT NULL,
    updated  TEXT NOT NULL
);
"""

# V5: lanes from roles. ``event_pairs`` held every pair of an event's actors; the
# codebook (docs/codebook.md) draws lanes from roles instead (``domain.lanes_of``):
# initiator x recipient, initiator x participant, participant x participant, never a
# subject, never two initiators or two recipients, never a recipient with a
# participant. The stored pairs are recomputed from the stored roles by that rule, so
# an existing database shows the same lanes as a fresh load without being reloaded.
# The schema itself does not change: ``role`` is free text and takes 'subject' as is.
V5_LANES_FROM_ROLES = """
DELETE FROM event_pairs;
INSERT INTO event_pairs (event_pk, actor_a, actor_b)
SELECT DISTINCT a.event_pk, min(a.actor_code, b.actor_code), max(a.actor_code, b.actor_code)
FROM event_actors a
JOIN event_actors b ON b.event_pk = a.event_pk AND b.actor_code <> a.actor_code
WHERE (a.role = 'initiator' AND b.role IN ('recipient', 'participant'))
   OR (a.role = 'participant' AND b.role = 'participant');
"""

# V6: the audit log of edits made in the app (``timeline_app/editing``). One row per
# change, written in the same transaction as the change itself: when (UTC, ISO 8601),
# what (add, edit, delete, undo and redo of each), which event, and the event's
# exchange record before and after as JSON ('' for none). ``event_id`` is text, not a
# foreign key: a deleted event's history must outlive it.
V6_AUDIT_LOG = """
CREATE TABLE audit_log (
    pk       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    action   TEXT NOT NULL,
    event_id TEXT NOT NULL,
    old      TEXT NOT NULL,
    new      TEXT NOT NULL
);
CREATE INDEX ix_audit_log_event ON audit_log (event_id, pk);
"""

# V7: imported articles: the original file, byte for byte, beside its ``documents`` row
# (which holds the extracted text and its paragraphs, as for the seeds). A document
# with a row here was imported in the app (``origin``): ``load`` never changes or
# removes it. ``sha256`` is unique, so the same file imported twice is one article;
# ``url`` has no place in ``documents`` (the seeds' manifest has none).
V7_DOCUMENT_FILES = """
CREATE TABLE document_files (
    document_pk   INTEGER PRIMARY KEY REFERENCES documents(pk) ON DELETE CASCADE,
    origin        TEXT NOT NULL,
    original_name TEXT NOT NULL,
    media_type    TEXT NOT NULL,
    url           TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL UNIQUE,
    data          BLOB NOT NULL,
    imported      TEXT NOT NULL
);
"""

# Ordered: MIGRATIONS[i] takes a database from version i to version i + 1.
MIGRATIONS: Sequence[str] = (
    V1_INITIAL,
    V2_BULK_EVENTS,
    V3_BULK_NO_INDEX,
    V4_SAVED_VIEWS,
    V5_LANES_FROM_ROLES,
    V6_AUDIT_LOG,
    V7_DOCUMENT_FILES,
)
SCHEMA_VERSION = len(MIGRATIONS)
