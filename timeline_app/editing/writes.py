"""Writing one event to, or removing it from, the database: plain SQL on one
connection, inside the caller's transaction (``changes.py`` opens it).

The rows are those the loader writes (``store/loader.py``): the event, its actors,
its lanes (``Event.pairs``), its citations and its full-text row. An actor the
database lacks is added (``validate.new_actor``); existing actors are never changed.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from timeline_app.domain import Event
from timeline_app.interchange import event_record, fingerprint
from timeline_app.store.fts import DELETE_EVENT_TEXT, INSERT_EVENT_TEXT, event_text


class EditError(Exception):
    """A change that cannot be made; the message is meant for the analyst."""


def _paragraph_pk(conn: sqlite3.Connection, document: str, ordinal: int) -> int:
    row = conn.execute(
        "SELECT p.pk FROM paragraphs p JOIN documents d ON d.pk = p.document_pk "
        "WHERE d.file_name = ? AND p.ordinal = ?",
        (document, ordinal),
    ).fetchone()
    if row is None:
        raise EditError(f"{document} has no paragraph {ordinal} in this database")
    return int(row[0])


def _ensure_actors(conn: sqlite3.Connection, codes: tuple[str, ...]) -> None:
    known = {c for (c,) in conn.execute("SELECT code FROM actors")}
    for code in codes:
        if code in known:
            continue
        # Imported here: the checking side (the loader's reader, YAML, the country
        # tables) is not needed to show the Edit menu at the window's start.
        from timeline_app.editing.validate import new_actor

        actor = new_actor(code)
        if actor is None:
            raise EditError(f"unknown actor code {code!r}")
        conn.execute(
            "INSERT INTO actors (code, name, kind, region, colour, x, y) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (actor.code, actor.name, actor.kind.value, actor.region, actor.colour, actor.x,
             actor.y),
        )  # fmt: skip


def insert_event(conn: sqlite3.Connection, event: Event) -> None:
    when = event.when
    _ensure_actors(conn, event.actor_codes)
    cursor = conn.execute(
        "INSERT INTO events (id, dataset, title, summary, date_start, date_end, precision, "
        "approximate, relative, date_note, start_day, end_day, category, modality, score, "
        "fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.id, event.dataset, event.title, event.summary, when.start_text, when.end_text,
            when.precision.value, when.approximate, when.relative, event.date_note,
            when.start_day, when.end_day, event.category.value, event.modality.value,
            event.score, fingerprint(event),
        ),
    )  # fmt: skip
    pk = cursor.lastrowid
    assert pk is not None  # an INSERT into a rowid table always sets it
    conn.executemany(
        "INSERT INTO event_actors (event_pk, actor_code, role, position) VALUES (?, ?, ?, ?)",
        [(pk, p.code, p.role.value, i) for i, p in enumerate(event.actors)],
    )
    conn.executemany(
        "INSERT INTO event_pairs (event_pk, actor_a, actor_b) VALUES (?, ?, ?)",
        [(pk, pair.a, pair.b) for pair in event.pairs],
    )
    conn.executemany(
        "INSERT INTO citations (event_pk, ordinal, paragraph_pk, quote) VALUES (?, ?, ?, ?)",
        [
            (pk, i, _paragraph_pk(conn, c.document, c.paragraph), c.quote)
            for i, c in enumerate(event.citations, start=1)
        ],
    )
    conn.execute(INSERT_EVENT_TEXT, event_text(pk, event))


def remove_event(conn: sqlite3.Connection, event_id: str) -> None:
    row = conn.execute("SELECT pk FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        raise EditError(f"event {event_id!r} is not in the database")
    conn.execute(DELETE_EVENT_TEXT, {"pk": row[0]})
    conn.execute("DELETE FROM events WHERE pk = ?", (row[0],))  # children cascade


def current_fingerprint(conn: sqlite3.Connection, event_id: str) -> str | None:
    row = conn.execute("SELECT fingerprint FROM events WHERE id = ?", (event_id,)).fetchone()
    return str(row[0]) if row else None


def record_json(event: Event | None) -> str:
    return json.dumps(event_record(event), ensure_ascii=False, sort_keys=True) if event else ""


def write_audit(
    conn: sqlite3.Connection,
    action: str,
    event_id: str,
    old: Event | None,
    new: Event | None,
    at: datetime | None = None,
) -> None:
    stamp = (at or datetime.now(UTC)).isoformat(timespec="seconds")
    conn.execute(
        "INSERT INTO audit_log (at, action, event_id, old, new) VALUES (?, ?, ?, ?, ?)",
        (stamp, action, event_id, record_json(old), record_json(new)),
    )
