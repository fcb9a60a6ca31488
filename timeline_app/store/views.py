"""Saved views in the ``saved_views`` table (schema 4), in plain SQL.

Every write is one explicit transaction (the connections are in autocommit mode, see
``db.py``), so a reorder that renumbers every row either happens whole or not at all.
Reads validate each stored document (``saved_views.from_json``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

from timeline_app.saved_views import SavedView, SavedViewError, check_name, from_json, to_json
from timeline_app.store.db import StoreError


class ViewStoreError(StoreError):
    """A saved-view operation the user asked for that cannot be done (no such view, a
    name taken); the message is meant for the user."""


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def list_views(conn: sqlite3.Connection) -> list[SavedView]:
    """Every saved view, in the panel's order. A damaged row raises ``ViewStoreError``
    naming it, rather than being skipped without a word."""
    rows = conn.execute("SELECT name, state FROM saved_views ORDER BY position")
    try:
        return [from_json(name, state) for name, state in rows]
    except SavedViewError as exc:
        raise ViewStoreError(str(exc)) from None


def get_view(conn: sqlite3.Connection, name: str) -> SavedView | None:
    row = conn.execute("SELECT state FROM saved_views WHERE name = ?", (name,)).fetchone()
    if row is None:
        return None
    try:
        return from_json(name, row[0])
    except SavedViewError as exc:
        raise ViewStoreError(str(exc)) from None


def save_view(conn: sqlite3.Connection, view: SavedView) -> bool:
    """Store ``view``; a view of that name is replaced in place (it keeps its position
    in the list). Returns True if the name was new (appended at the end)."""
    now = _now()
    with _transaction(conn):
        updated = conn.execute(
            "UPDATE saved_views SET state = ?, updated = ? WHERE name = ?",
            (to_json(view), now, view.name),
        ).rowcount
        if updated:
            return False
        conn.execute(
            "INSERT INTO saved_views (name, position, state, created, updated) "
            "VALUES (?, (SELECT coalesce(max(position) + 1, 0) FROM saved_views), ?, ?, ?)",
            (view.name, to_json(view), now, now),
        )
        return True


def rename_view(conn: sqlite3.Connection, old: str, new: str) -> None:
    try:
        check_name(new)
    except SavedViewError as exc:
        raise ViewStoreError(str(exc)) from None
    if new == old:
        _require(conn, old)
        return
    with _transaction(conn):
        _require(conn, old)
        if conn.execute("SELECT 1 FROM saved_views WHERE name = ?", (new,)).fetchone():
            raise ViewStoreError(f"a saved view is already called {new!r}")
        conn.execute(
            "UPDATE saved_views SET name = ?, updated = ? WHERE name = ?", (new, _now(), old)
        )


def delete_view(conn: sqlite3.Connection, name: str) -> None:
    with _transaction(conn):
        _require(conn, name)
        conn.execute("DELETE FROM saved_views WHERE name = ?", (name,))
        _renumber(conn, _names_in_order(conn))


def move_view(conn: sqlite3.Connection, name: str, index: int) -> None:
    """Put ``name`` at ``index`` (0 = first; past the end = last), others keeping their
    order."""
    with _transaction(conn):
        _require(conn, name)
        names = [n for n in _names_in_order(conn) if n != name]
        names.insert(max(0, min(index, len(names))), name)
        _renumber(conn, names)


def reorder_views(conn: sqlite3.Connection, names: Sequence[str]) -> None:
    """Set the whole order at once (what a drag in the panel ends with): ``names`` must
    be exactly the saved views' names."""
    with _transaction(conn):
        stored = _names_in_order(conn)
        if sorted(stored) != sorted(names):
            raise ViewStoreError("the new order must name every saved view once")
        _renumber(conn, list(names))


def _names_in_order(conn: sqlite3.Connection) -> list[str]:
    return [n for (n,) in conn.execute("SELECT name FROM saved_views ORDER BY position")]


def _renumber(conn: sqlite3.Connection, names: Sequence[str]) -> None:
    # Positions are UNIQUE: move every row out of the way first (negative), then to
    # its place, so no intermediate state has two rows on one position.
    conn.execute("UPDATE saved_views SET position = -1 - position")
    conn.executemany(
        "UPDATE saved_views SET position = ? WHERE name = ?",
        [(i, name) for i, name in enumerate(names)],
    )


def _require(conn: sqlite3.Connection, name: str) -> None:
    if not conn.execute("SELECT 1 FROM saved_views WHERE name = ?", (name,)).fetchone():
        raise ViewStoreError(f"no saved view called {name!r}")
