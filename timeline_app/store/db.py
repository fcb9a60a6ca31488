"""Opening the SQLite file: version check, migrations, connections, engine and sessions.

pysqlite does not make DDL transactional by default, so every connection is put
in autocommit mode (``isolation_level=None``) and we emit ``BEGIN`` ourselves:
a migration or a load either commits whole or leaves the file as it was.

Reads use plain ``sqlite3`` connections (``Database.connect``); the SQLAlchemy
engine is built, and SQLAlchemy imported, only when the ORM is first needed (the
loader's writes), which keeps about 0.4 s out of the viewer's start.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timeline_app.store.migrations import MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker


class StoreError(Exception):
    """A problem with the database file; the message is meant for the user."""


class NewerSchemaError(StoreError):
    pass


class MissingDatabaseError(StoreError):
    pass


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


def _connect_raw(path: Path) -> sqlite3.Connection:
    raw = sqlite3.connect(path, isolation_level=None)
    try:
        raw.execute("PRAGMA schema_version").fetchone()  # fails on a file that is not SQLite
    except sqlite3.DatabaseError as exc:
        raw.close()
        raise StoreError(f"{path}: not a Bilateral Ties Viewer database ({exc})") from None
    return raw


def schema_version_of(path: Path) -> int:
    raw = _connect_raw(path)
    try:
        return int(raw.execute("PRAGMA user_version").fetchone()[0])
    finally:
        raw.close()


def migrate(path: Path) -> int:
    """Bring the file at ``path`` to ``SCHEMA_VERSION``; returns the version found.

    A file written by a newer version is refused and left untouched.
    """
    raw = _connect_raw(path)
    try:
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
                raw.execute("ROLLBACK")
                raise
        return found
    finally:
        raw.close()


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    _configure(dbapi_connection)


def _configure(connection: sqlite3.Connection) -> None:
    connection.isolation_level = None  # we issue BEGIN ourselves (see module doc)
    connection.execute("PRAGMA foreign_keys = ON")


def _on_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


class Database:
    """A migrated database file: plain connections for reads, the ORM on demand."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A new connection (autocommit, foreign keys on), closed afterwards: each
        call has its own, so worker threads never share one."""
        connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
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
        engine = create_engine(f"sqlite:///{self.path}", poolclass=NullPool)
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


def open_database(path: Path, *, create: bool = True) -> Database:
    """Open (and if needed create and migrate) the database at ``path``."""
    path = Path(path)
    if not path.exists():
        if not create:
            raise MissingDatabaseError(
                f"{path}: no database here yet; run 'timeline-app load' to build it"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
    migrate(path)
    return Database(path)
