"""The store's faults, each told in one plain sentence the user can act on.

``StoreError`` and its kinds (busy, read-only, full disk, damaged, missing, newer
schema); ``explain`` names a SQLite failure found anywhere in an exception's chain
(SQLAlchemy wraps them, and a failed ROLLBACK can hide the full disk behind it), and
``translated`` turns one raised inside a block into the ``StoreError`` that names it.
Opening and migrating the file is ``db.py``'s; both it and every caller raise these.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class StoreError(Exception):
    """A problem with the database file; the message is meant for the user."""


class NewerSchemaError(StoreError):
    pass


class MissingDatabaseError(StoreError):
    pass


class DatabaseBusyError(StoreError):
    """Another process holds the write lock past ``db.BUSY_TIMEOUT_SECONDS``."""


class ReadOnlyDatabaseError(StoreError):
    pass


class DiskFullError(StoreError):
    pass


class DamagedDatabaseError(StoreError):
    """SQLite found damaged pages; a backup can be restored (``store/backup.py``)."""


RESTORE_HINT = "Restore a backup with File › Restore backup… or 'timeline-app restore FILE'."


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The error, what it replaced (``__context__``) and what SQLAlchemy wrapped (``orig``):
    a failed ROLLBACK after a full disk must not hide the full disk."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)
        pending += [orig if isinstance(orig, BaseException) else None, current.__context__]


def explain(exc: BaseException, path: Path) -> StoreError | None:
    """A SQLite failure (anywhere in ``exc``'s chain) as one sentence for the user, or
    None if it is not one we can name."""
    found = [str(e).lower() for e in _chain(exc) if isinstance(e, sqlite3.Error)]
    found += [str(e).lower() for e in _chain(exc) if type(e).__module__.startswith("sqlalchemy")]

    def seen(*needles: str) -> bool:
        return any(needle in message for message in found for needle in needles)

    if seen("database or disk is full", "disk is full"):
        return DiskFullError(
            f"{path}: database or disk is full; nothing was written (free some disk "
            "space and try again)"
        )
    if seen("database is locked", "database table is locked", "database is busy"):
        return DatabaseBusyError(
            f"{path}: the database is in use by another process; try again when it "
            "finishes (an import or another window is writing to it). Nothing was changed."
        )
    if seen("readonly database", "read-only", "readonly"):
        return ReadOnlyDatabaseError(
            f"{path}: the database is read-only (the file or its folder cannot be "
            "written); nothing was changed. Copy it to a folder you can write to."
        )
    if seen("malformed", "database disk image", "database corrupt"):
        return DamagedDatabaseError(f"{path}: the database file is damaged. {RESTORE_HINT}")
    if seen("file is not a database", "file is encrypted"):
        return StoreError(
            f"{path}: not a Bilateral Ties Viewer database (the file is not a SQLite "
            "database). It was not changed."
        )
    if seen("unable to open database file"):
        return StoreError(
            f"{path}: cannot open the database file (check that the folder exists and "
            "that you may read it)"
        )
    if seen("disk i/o error"):
        return StoreError(f"{path}: the disk reported an error while reading or writing")
    return None


@contextmanager
def translated(path: Path) -> Iterator[None]:
    """Turn a SQLite failure inside the block into the ``StoreError`` that names it."""
    try:
        yield
    except StoreError:
        raise
    except Exception as exc:
        plain = explain(exc, path)
        if plain is None:
            raise
        raise plain from exc
