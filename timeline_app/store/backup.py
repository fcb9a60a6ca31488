"""Backups of the database, and putting one back.

A backup is written with SQLite's online backup API (``sqlite3.Connection.backup``):
it copies a consistent state of the file even while another connection reads it,
into a temporary file that is checked and then renamed (so a backup is whole or
absent). Backups go to the user data folder's ``backups/`` with timestamped names;
the newest ``Settings.keep_backups`` (default 10) are kept.

``backup_before(path, reason)`` is called before every operation that replaces or
deletes data: a load over a database holding data, a schema migration, a package
import that replaces. ``restore`` checks a backup (integrity and schema version)
before it touches anything, keeps the current file as a backup too, then replaces
the database in one rename.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from timeline_app import paths
from timeline_app.store.db import BUSY_TIMEOUT_SECONDS, StoreError, translated
from timeline_app.store.migrations import SCHEMA_VERSION

BACKUP_SUFFIX = ".sqlite3"
_STAMP = "%Y%m%d-%H%M%S-%f"
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


class BackupError(StoreError):
    """A backup that could not be written, or a file that cannot be restored."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup as the restore list shows it."""

    path: Path
    created: datetime
    size: int
    events: int | None  # curated plus bulk events; None when the file cannot be read
    schema: int | None

    @property
    def reason(self) -> str:
        """What the backup was made before (the name's last part)."""
        parts = self.path.stem.split("--")
        return parts[2] if len(parts) >= 3 else ""


def backups_folder() -> Path:
    return paths.backups_dir()


def keep_count() -> int:
    from timeline_app.settings import Settings

    return Settings.load().keep_backups


def backup_name(database: Path, reason: str, when: datetime | None = None) -> str:
    """``<database>--<timestamp>--<reason>.sqlite3``: sorts by time within a database."""
    stamp = (when or datetime.now()).strftime(_STAMP)
    clean = _UNSAFE.sub("-", reason).strip("-") or "backup"
    return f"{_UNSAFE.sub('-', database.stem)}--{stamp}--{clean}{BACKUP_SUFFIX}"


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _problems(path: Path, check: str = "integrity_check") -> list[str]:
    """SQLite's integrity (or quick) check on ``path`` (read-only), as lines; empty
    when sound."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        return [str(line) for (line,) in conn.execute(f"PRAGMA {check}(20)") if line != "ok"]
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        conn.close()


def write_backup(database: Path, target: Path) -> Path:
    """Copy ``database`` to ``target`` with the online backup API: into a temporary
    file in the target's folder, checked, flushed, then renamed over ``target``."""
    database, target = Path(database), Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".part"
        )
        os.close(fd)
    except OSError as exc:
        raise BackupError(f"{target}: cannot write the backup ({exc.strerror})") from None
    temp = Path(temp_name)
    try:
        with translated(database):
            source = sqlite3.connect(
                f"{database.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS
            )
            try:
                copy = sqlite3.connect(temp)
                try:
                    source.backup(copy)
                finally:
                    copy.close()
            finally:
                source.close()
        problems = _problems(temp, "quick_check")  # the pages arrived whole
        if problems:
            raise BackupError(f"{database}: the backup copy failed its check ({problems[0]})")
        _fsync(temp)
        os.replace(temp, target)
    except OSError as exc:
        raise BackupError(f"{target}: cannot write the backup ({exc.strerror or exc})") from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return target


def prune(folder: Path | None = None, keep: int | None = None) -> list[Path]:
    """Delete all but the newest ``keep`` backups in ``folder``; returns those deleted."""
    folder = folder or backups_folder()
    keep = keep_count() if keep is None else keep
    found = sorted(folder.glob(f"*{BACKUP_SUFFIX}"), key=lambda p: p.stat().st_mtime_ns)
    doomed = found[: max(0, len(found) - max(1, keep))]
    for path in doomed:
        with contextlib.suppress(OSError):
            path.unlink()
    return doomed


def backup_before(database: Path, reason: str, folder: Path | None = None) -> Path | None:
    """A backup of ``database`` into the backups folder before ``reason`` changes it;
    None when there is nothing to keep (no file, or an empty one). Raises
    ``BackupError`` when it cannot be written: the change must not go ahead then."""
    database = Path(database)
    if not database.is_file() or database.stat().st_size == 0:
        return None
    folder = folder or backups_folder()
    written = write_backup(database, folder / backup_name(database, reason))
    prune(folder)
    return written


def describe(path: Path) -> BackupInfo:
    """Date, size, event count and schema of one backup file (read-only)."""
    stat = path.stat()
    events: int | None = None
    schema: int | None = None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            schema = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
            events = sum(
                int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in ("events", "bulk_events")
                if table in tables
            )
        finally:
            conn.close()
    except sqlite3.Error:
        pass
    return BackupInfo(path, datetime.fromtimestamp(stat.st_mtime), stat.st_size, events, schema)


def list_backups(folder: Path | None = None) -> list[BackupInfo]:
    """Every backup in ``folder`` (default: the user data folder's), newest first."""
    folder = folder or backups_folder()
    if not folder.is_dir():
        return []
    found = [describe(p) for p in folder.glob(f"*{BACKUP_SUFFIX}") if p.is_file()]
    return sorted(found, key=lambda b: b.created, reverse=True)


def check_restorable(backup: Path) -> int:
    """Refuse a file that is not a sound database of a schema this version reads;
    returns its schema version."""
    backup = Path(backup)
    if not backup.is_file():
        raise BackupError(f"{backup}: no such backup file")
    problems = _problems(backup)
    if problems:
        raise BackupError(
            f"{backup}: this backup is damaged or not a database ({problems[0]}); "
            "nothing was changed. Choose another backup."
        )
    info = describe(backup)
    if info.schema is None or info.schema == 0:
        raise BackupError(f"{backup}: not a Bilateral Ties Viewer database; nothing was changed")
    if info.schema > SCHEMA_VERSION:
        raise BackupError(
            f"{backup}: written by a newer version of the app (schema {info.schema}; this "
            f"version reads up to {SCHEMA_VERSION}); nothing was changed"
        )
    return info.schema


def _refuse_if_in_use(database: Path) -> None:
    """Take and release the write lock: a database another process is writing to is
    not replaced under it."""
    try:
        conn = sqlite3.connect(database, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    except sqlite3.Error:
        return  # a file SQLite cannot open is in no one's use
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise BackupError(
                f"{database}: the database is in use by another process; try again when "
                "it finishes. Nothing was changed."
            ) from None
    except sqlite3.Error:
        pass  # damaged: exactly what a restore is for
    finally:
        conn.close()


def _keep_current(database: Path, folder: Path | None) -> Path | None:
    """The file about to be replaced, kept as a backup: through SQLite when it can be
    read, byte for byte when it is damaged (it may still hold something of value)."""
    if not database.is_file() or database.stat().st_size == 0:
        return None
    try:
        return backup_before(database, "before-restore", folder)
    except StoreError:
        folder = folder or backups_folder()
        target = folder / backup_name(database, "damaged-before-restore")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(database, target)
        return target


def restore(backup: Path, database: Path, folder: Path | None = None) -> Path | None:
    """Put ``backup`` in place of ``database``; returns the backup made of the file it
    replaced (None when there was none). Checks first; the replacement is one rename,
    so a crash leaves either the old file or the restored one."""
    backup, database = Path(backup), Path(database)
    check_restorable(backup)
    if database.exists():
        _refuse_if_in_use(database)
    kept = _keep_current(database, folder)
    staged = database.with_name(f".{database.name}.restoring")
    write_backup(backup, staged)
    # A journal left by the replaced file would be replayed into the restored one.
    for leftover in ("-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            database.with_name(database.name + leftover).unlink()
    try:
        os.replace(staged, database)
    except OSError as exc:
        with contextlib.suppress(OSError):
            staged.unlink()
        raise BackupError(f"{database}: cannot replace it ({exc.strerror})") from None
    return kept
