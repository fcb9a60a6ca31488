"""Opening the SQLite file: version check, migrations, connections, engine and sessions.

pysqlite does not make DDL transactional by default, so every connection is put
in autocommit mode (``isolation_level=None``) and we emit ``BEGIN`` ourselves:
a migration or a load either commits whole or leaves the file as it was.

Reads use plain ``sqlite3`` connections (``Database.connect``); the SQLAlchemy
engine is built, and SQLAlchemy imported, only when the ORM is first needed (the
loader's writes), which keeps about 0.4 s out of the viewer's start.

Faults are told in plain words (``faults.explain``): a file in use by another process
(writers wait ``BUSY_TIMEOUT_SECONDS`` first), a read-only file or folder (opened
read-only when its schema is current), a full disk, damaged pages (a ``PRAGMA
quick_check`` on open), a file that is not SQLite, a newer schema.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timeline_app.store.check_memo import known_sound, remember_sound

# The faults live in faults.py; the store's callers know them from here too.
from timeline_app.store.faults import RESTORE_HINT as RESTORE_HINT
from timeline_app.store.faults import DamagedDatabaseError as DamagedDatabaseError
from timeline_app.store.faults import DatabaseBusyError as DatabaseBusyError
from timeline_app.store.faults import DiskFullError as DiskFullError
from timeline_app.store.faults import MissingDatabaseError as MissingDatabaseError
from timeline_app.store.faults import NewerSchemaError as NewerSchemaError
from timeline_app.store.faults import ReadOnlyDatabaseError as ReadOnlyDatabaseError
from timeline_app.store.faults import StoreError as StoreError
from timeline_app.store.faults import explain as explain
from timeline_app.store.faults import translated as translated
from timeline_app.store.migrations import MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker


def _busy_timeout() -> float:
    """``TIMELINE_APP_BUSY_TIMEOUT`` (seconds) overrides the default wait."""
    try:
        return max(0.0, float(os.environ.get("TIMELINE_APP_BUSY_TIMEOUT", "")))
    except ValueError:
        return 10.0


# How long a writer waits for another process's write to finish before giving up.
BUSY_TIMEOUT_SECONDS = _busy_timeout()


def _readonly_uri(path: Path) -> str:
    return f"{path.resolve().as_uri()}?mode=ro"


def _writable(path: Path) -> bool:
    """A rollback journal is created next to the file: the folder must be writable too."""
    folder = path.parent if str(path.parent) else Path(".")
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK)


def _statements(script: str) -> Iterator[str]:
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


def _connect_raw(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    with translated(path):
        if read_only:
            raw = sqlite3.connect(
                _readonly_uri(path), uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS
            )
        else:
            raw = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        with translated(path):
            raw.execute("PRAGMA schema_version").fetchone()  # fails on a file that is not SQLite
    except StoreError:
        raw.close()
        raise
    except sqlite3.DatabaseError as exc:
        raw.close()
        raise StoreError(f"{path}: not a Bilateral Ties Viewer database ({exc})") from None
    return raw


def schema_version_of(path: Path, *, read_only: bool = False) -> int:
    raw = _connect_raw(path, read_only=read_only)
    try:
        with translated(path):
            return int(raw.execute("PRAGMA user_version").fetchone()[0])
    finally:
        raw.close()


def quick_check(path: Path) -> list[str]:
    """SQLite's ``PRAGMA quick_check`` (pages and structure, not index contents): the
    problems it finds, empty when the file is sound. Read-only; about 0.4 s on a file
    of a million bulk events (README, Your data is safe)."""
    raw = _connect_raw(path, read_only=True)
    try:
        rows = raw.execute("PRAGMA quick_check(20)").fetchall()
    except sqlite3.DatabaseError as exc:
        plain = explain(exc, path)
        return [
            str(exc) if plain is None or isinstance(plain, DamagedDatabaseError) else str(plain)
        ]
    finally:
        raw.close()
    return [str(line) for (line,) in rows if line != "ok"]


def migrate(path: Path) -> int:
    """Bring the file at ``path`` to ``SCHEMA_VERSION``; returns the version found.

    A file written by a newer version is refused and left untouched.
    """
    raw = _connect_raw(path)
    try:
        with translated(path):
            return _migrate(raw, path)
    finally:
        raw.close()


def _migrate(raw: sqlite3.Connection, path: Path) -> int:
    found = int(raw.execute("PRAGMA user_version").fetchone()[0])
    if found > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"{path}: this database was written by a newer version of the app "
            f"(schema {found}; this version reads up to {SCHEMA_VERSION}). "
            "It was not changed. Update the app, or choose another file with --db."
        )
    if found == 0 and raw.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise StoreError(
            f"{path}: this SQLite file holds other tables and is not a Bilateral Ties "
            "Viewer database. It was not changed."
        )
    if 0 < found < SCHEMA_VERSION:  # the data as it was, before its tables change
        from timeline_app.store.backup import backup_before

        backup_before(path, f"before-schema-{found + 1}")
    for version in range(found, SCHEMA_VERSION):
        # foreign_keys cannot change inside a transaction: switch it off first.
        raw.execute("PRAGMA foreign_keys = OFF")
        raw.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[version]):
                raw.execute(statement)
            problems = raw.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise StoreError(f"migration to schema {version + 1} broke foreign keys")
            raw.execute(f"PRAGMA user_version = {version + 1}")
            raw.execute("COMMIT")
        except BaseException:
            if raw.in_transaction:  # SQLite may have rolled back already (a full disk)
                raw.execute("ROLLBACK")
            raise
    return found


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    _configure(dbapi_connection)


def _configure(connection: sqlite3.Connection) -> None:
    connection.isolation_level = None  # we issue BEGIN ourselves (see module doc)
    connection.execute("PRAGMA foreign_keys = ON")


def _on_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


class Database:
    """A migrated database file: plain connections for reads, the ORM on demand.

    ``read_only``: opened with SQLite's ``mode=ro`` (a file or folder the user cannot
    write); every write then fails with ``ReadOnlyDatabaseError``.
    """

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A new connection (autocommit, foreign keys on), closed afterwards: each
        call has its own, so worker threads never share one. A SQLite failure inside
        the block comes out as the ``StoreError`` that names it (``explain``)."""
        with translated(self.path):
            if self.read_only:
                connection = sqlite3.connect(
                    _readonly_uri(self.path),
                    uri=True,
                    isolation_level=None,
                    check_same_thread=False,
                    timeout=BUSY_TIMEOUT_SECONDS,
                )
            else:
                connection = sqlite3.connect(
                    self.path,
                    isolation_level=None,
                    check_same_thread=False,
                    timeout=BUSY_TIMEOUT_SECONDS,
                )
            try:
                _configure(connection)
                yield connection
            finally:
                connection.close()

    @cached_property
    def engine(self) -> Engine:
        from sqlalchemy import create_engine, event
        from sqlalchemy.pool import NullPool

        # NullPool: each job opens its own connection, so worker threads never share one.
        engine = create_engine(
            f"sqlite:///{self.path}",
            poolclass=NullPool,
            connect_args={"timeout": BUSY_TIMEOUT_SECONDS},
        )
        event.listen(engine, "connect", _on_connect)
        event.listen(engine, "begin", _on_begin)
        return engine

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        from sqlalchemy.orm import sessionmaker

        return sessionmaker(self.engine, expire_on_commit=False)

    def dispose(self) -> None:
        if "engine" in self.__dict__:  # never built: nothing to dispose
            self.engine.dispose()


class DataVersionWatch:
    """One read-only connection kept open to ask SQLite's ``PRAGMA data_version``,
    which changes when any other connection (this process's or another's) commits
    a change to the file. A poll costs microseconds and takes no lock that a writer
    would wait for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = sqlite3.connect(
            _readonly_uri(path), uri=True, check_same_thread=False, timeout=0.05
        )
        self._seen = self._version()

    def _version(self) -> int | None:
        if self._connection is None:
            return None
        try:
            return int(self._connection.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return None  # busy this instant (a commit in progress): ask again next time

    def changed(self) -> bool:
        """True once for each batch of commits made since the last call (or ``rebase``)."""
        now = self._version()
        if now is None or now == self._seen:
            return False
        self._seen = now
        return True

    def rebase(self) -> None:
        """Take the present version as seen (after this process's own writes)."""
        now = self._version()
        if now is not None:
            self._seen = now

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def open_database(
    path: Path, *, create: bool = True, read_only: bool = False, check: bool = True
) -> Database:
    """Open (and if needed create and migrate) the database at ``path``.

    A file the user cannot write (or ``read_only``) is opened read-only, provided its
    schema is current; nothing is written to it. ``create=False`` refuses a missing or
    empty file rather than building a database in it. ``check``: run SQLite's quick
    check first and refuse damaged pages (``DamagedDatabaseError``).
    """
    path = Path(path)
    if not path.exists():
        if not create or read_only:
            raise MissingDatabaseError(
                f"{path}: no database here yet; run 'timeline-app load' to build it"
            )
        with translated(path):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{path}: cannot create the folder ({exc.strerror})") from None
    elif path.is_dir():
        raise StoreError(f"{path}: this is a folder, not a database file")
    elif path.stat().st_size == 0 and (not create or read_only):
        raise MissingDatabaseError(
            f"{path}: the file is empty, not a database yet; run 'timeline-app load' to "
            "build it. It was not changed."
        )
    if check and path.exists() and path.stat().st_size > 0 and not known_sound(path):
        problems = quick_check(path)
        if problems:
            raise DamagedDatabaseError(
                f"{path}: the database file is damaged ({problems[0]}). {RESTORE_HINT}"
            )
        remember_sound(path)
    writable = not read_only and (not path.exists() or _writable(path))
    if writable:
        try:
            migrate(path)
        except ReadOnlyDatabaseError:
            writable = False  # a read-only mount can pass the access check
    if not writable:
        found = schema_version_of(path, read_only=True)
        if found > SCHEMA_VERSION:
            raise NewerSchemaError(
                f"{path}: this database was written by a newer version of the app "
                f"(schema {found}; this version reads up to {SCHEMA_VERSION}). "
                "It was not changed. Update the app, or choose another file with --db."
            )
        if found != SCHEMA_VERSION:
            state = "is empty" if found == 0 else f"has schema {found}, not {SCHEMA_VERSION}"
            raise ReadOnlyDatabaseError(
                f"{path}: the database {state} and is read-only, so it cannot be brought "
                "up to date. Copy it to a folder you can write to, or open it with a "
                "version of the app that matches."
            )
    return Database(path, read_only=not writable)
