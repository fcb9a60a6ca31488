"""Database faults give one plain sentence, never a traceback, and never a write."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.test_cli import cli
from tests.seed_facts import seed_event_count
from timeline_app.services import Store
from timeline_app.store import db as db_module
from timeline_app.store.db import (
    DamagedDatabaseError,
    DatabaseBusyError,
    DiskFullError,
    MissingDatabaseError,
    NewerSchemaError,
    StoreError,
    explain,
    open_database,
)
from timeline_app.store.migrations import SCHEMA_VERSION


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("faults") / "seeded.sqlite3"
    store = Store.open(path)
    store.ensure_seeded()
    store.close()
    return path


def test_check_on_a_zero_byte_file_writes_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    result = cli("check", "--db", str(empty))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "the file is empty" in result.stderr
    assert empty.stat().st_size == 0


def test_random_bytes_are_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(os.urandom(8192))
    before = junk.read_bytes()
    with pytest.raises(StoreError, match="not a SQLite database"):
        open_database(junk)
    assert junk.read_bytes() == before


def test_a_newer_schema_is_refused_read_only_too(seeded: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite3"
    shutil.copy(seeded, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    for read_only in (False, True):
        with pytest.raises(NewerSchemaError, match="newer version of the app"):
            open_database(newer, read_only=read_only)


def _damage(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.seek(4096 * 10)
        handle.write(b"\xa5" * 4096 * 6)


def test_damaged_pages_are_noticed_on_open(seeded: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    shutil.copy(seeded, damaged)
    _damage(damaged)
    with pytest.raises(DamagedDatabaseError, match=r"damaged.*Restore a backup"):
        open_database(damaged)
    result = cli("export-events", "--db", str(damaged), "--format", "json")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "the database file is damaged" in result.stderr


def test_a_read_only_file_opens_read_only_and_refuses_writes(
    seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "ro.sqlite3"
    shutil.copy(seeded, copy)
    real_access = os.access
    # Root may write anything; the check asks os.access, as it would for a user.
    monkeypatch.setattr(
        db_module.os, "access", lambda p, mode: mode != os.W_OK and real_access(p, mode)
    )
    before = copy.read_bytes()
    store = Store.open(copy)
    try:
        assert store.read_only
        assert store.counts().events == seed_event_count()
        with pytest.raises(StoreError, match="read-only"), store.db.connect() as conn:
            conn.execute("DELETE FROM events")
    finally:
        store.close()
    assert copy.read_bytes() == before


def test_a_read_only_empty_file_is_refused_with_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = tmp_path / "fresh.sqlite3"
    sqlite3.connect(fresh).close()
    fresh.write_bytes(b"")
    with pytest.raises(MissingDatabaseError, match="empty"):
        open_database(fresh, read_only=True)


def test_a_full_disk_is_named_even_when_rollback_then_fails() -> None:
    full = sqlite3.OperationalError("database or disk is full")
    try:
        try:
            raise full
        except sqlite3.OperationalError:
            raise sqlite3.OperationalError("cannot rollback - no transaction is active")  # noqa: B904
    except sqlite3.OperationalError as exc:
        plain = explain(exc, Path("x.sqlite3"))
    assert isinstance(plain, DiskFullError)
    assert "database or disk is full" in str(plain)


def _hold_write_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding the database's write lock, as a long import does."""
    code = (
        "import sqlite3, sys, time\n"
        f"c = sqlite3.connect(r'{path}', isolation_level=None)\n"
        "c.execute('BEGIN EXCLUSIVE')\n"
        "print('held', flush=True)\n"
        f"time.sleep({seconds})\n"
        "c.execute('ROLLBACK')\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


@pytest.mark.parametrize(
    "command",
    [
        ["load"],
        [
            "import-gdelt",
            str(Path(__file__).parents[1] / "fixtures/gdelt/20211206000000.export.CSV"),
        ],
        ["export-events", "--format", "csv"],
    ],
)
def test_a_database_in_use_by_another_process_says_so(
    seeded: Path, tmp_path: Path, command: list[str]
) -> None:
    copy = tmp_path / "busy.sqlite3"
    shutil.copy(seeded, copy)
    holder = _hold_write_lock(copy, 20)
    try:
        started = time.monotonic()
        result = cli(*command, "--db", str(copy), env={"TIMELINE_APP_BUSY_TIMEOUT": "1"})
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "in use by another process; try again when it finishes" in result.stderr
    assert "not a Bilateral Ties Viewer database" not in result.stderr
    assert waited < 15


def test_a_writer_waits_for_a_short_lock_and_then_succeeds(seeded: Path, tmp_path: Path) -> None:
    copy = tmp_path / "short.sqlite3"
    shutil.copy(seeded, copy)
    holder = _hold_write_lock(copy, 1.5)
    try:
        result = cli("load", "--db", str(copy), env={"TIMELINE_APP_BUSY_TIMEOUT": "20"})
    finally:
        holder.wait()
    assert result.returncode == 0, result.stderr
    assert f"{seed_event_count()} unchanged" in result.stdout


def test_busy_error_type(seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "busy2.sqlite3"
    shutil.copy(seeded, copy)
    store = Store.open(copy)
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_SECONDS", 0.2)
    holder = _hold_write_lock(copy, 20)
    try:
        with pytest.raises(DatabaseBusyError):
            store.counts()  # an exclusive lock blocks readers too
    finally:
        holder.kill()
        holder.wait()
        store.close()


def _can_unshare() -> bool:
    probe = subprocess.run(
        ["unshare", "-r", "-m", "sh", "-c", "mount -t tmpfs tmpfs /mnt"], capture_output=True
    )
    return shutil.which("unshare") is not None and probe.returncode == 0


@pytest.mark.skipif(not _can_unshare(), reason="cannot make a private read-only mount")
def test_a_read_only_folder_reads_and_refuses_writes_in_words(seeded: Path, tmp_path: Path) -> None:
    """A real read-only file system: a private read-only bind mount of the folder."""
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copy(seeded, folder / "t.sqlite3")
    run = f"{sys.executable} -m timeline_app"
    script = f"""
mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} || exit 9
{run} export-events --db {folder}/t.sqlite3 --format json > /dev/null; echo "export=$?"
{run} import-gdelt --db {folder}/t.sqlite3 \
    {Path(__file__).parents[1]}/fixtures/gdelt/20211206000000.export.CSV; echo "import=$?"
"""
    result = subprocess.run(
        ["unshare", "-r", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=120
    )
    assert "export=0" in result.stdout, result.stdout + result.stderr
    assert "import=1" in result.stdout, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "the database is read-only" in result.stderr
