from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from timeline_app.store import db as db_module
from timeline_app.store.db import NewerSchemaError, StoreError, migrate, open_database
from timeline_app.store.migrations import SCHEMA_VERSION
from timeline_app.store.orm import Base


def test_orm_matches_the_migrated_schema(tmp_path: Path) -> None:
    database = open_database(tmp_path / "t.sqlite3")
    with sqlite3.connect(database.path) as conn:
        for table in Base.metadata.sorted_tables:
            columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table.name})")}
            assert columns == {c.name for c in table.columns}, table.name
            indexes = {
                name
                for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                    "AND sql IS NOT NULL",  # created by CREATE INDEX, not by a constraint
                    (table.name,),
                )
            }
            assert indexes == {index.name for index in table.indexes}, table.name


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    database = open_database(tmp_path / "t.sqlite3")
    with pytest.raises(IntegrityError), database.sessions.begin() as session:
        session.execute(text("INSERT INTO paragraphs VALUES (1, 999, 1, 'x', 0, 1, 0)"))


def test_newer_database_is_refused_and_not_modified(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE future (x)")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer version of the app"):
        open_database(path)
    assert path.read_bytes() == before


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (x)")
    with pytest.raises(StoreError, match="not a Bilateral Ties Viewer database"):
        open_database(path)


def test_not_a_database_at_all(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a Bilateral Ties Viewer database"):
        open_database(path)


def test_failing_migration_leaves_no_tables_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.sqlite3"
    broken = "CREATE TABLE first_half (x);\nCREATE TABLE broken syntax here (;\n"
    monkeypatch.setattr(db_module, "MIGRATIONS", (broken,))
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", 1)
    with pytest.raises(sqlite3.OperationalError):
        migrate(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == []
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
