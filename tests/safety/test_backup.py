"""Backups (online backup API, kept N), the backup and restore commands, and the drill."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.cli.test_cli import cli
from tests.seed_facts import seed_event_count
from timeline_app.services import Store
from timeline_app.settings import Settings
from timeline_app.store import backup
from timeline_app.store import db as db_module
from timeline_app.store.backup import BackupError, backup_before, list_backups, prune, restore


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    path = tmp_path / "seeded.sqlite3"
    store = Store.open(path)
    store.ensure_seeded()
    store.close()
    return path


def _events(db: Path) -> list[dict[str, object]]:
    result = cli("export-events", "--db", str(db), "--format", "json")
    assert result.returncode == 0, result.stderr
    events: list[dict[str, object]] = json.loads(result.stdout)
    return events


def test_a_backup_is_a_sound_copy_in_the_user_data_folder(
    seeded: Path, isolated_user_data: Path
) -> None:
    written = backup_before(seeded, "test")
    assert written is not None and written.parent == isolated_user_data / "backups"
    assert written.name.startswith("seeded--") and written.name.endswith("--test.sqlite3")
    info = list_backups()[0]
    assert info.path == written and info.events == seed_event_count() and info.reason == "test"
    with sqlite3.connect(written) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not list((isolated_user_data / "backups").glob("*.part"))


def test_nothing_to_keep_writes_no_backup(tmp_path: Path, isolated_user_data: Path) -> None:
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    assert backup_before(empty, "x") is None
    assert backup_before(tmp_path / "missing.sqlite3", "x") is None


def test_only_the_newest_backups_are_kept(seeded: Path, isolated_user_data: Path) -> None:
    settings = Settings()
    settings.keep_backups = 3
    settings.save()
    made = [backup_before(seeded, f"n{i}") for i in range(5)]
    kept = sorted(p.name for p in (isolated_user_data / "backups").iterdir())
    assert kept == sorted(p.name for p in made[2:] if p is not None)
    assert prune(keep=1) and len(list_backups()) == 1


def test_load_over_data_makes_a_backup_first(seeded: Path, isolated_user_data: Path) -> None:
    result = cli("load", "--db", str(seeded))
    assert result.returncode == 0, result.stderr
    names = [b.reason for b in list_backups()]
    assert names == ["before-load"]


def test_a_first_load_into_a_new_file_makes_none(tmp_path: Path, isolated_user_data: Path) -> None:
    assert cli("load", "--db", str(tmp_path / "new.sqlite3")).returncode == 0
    assert list_backups() == []


def test_a_schema_migration_makes_a_backup_first(
    seeded: Path, isolated_user_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    later = (*db_module.MIGRATIONS, "CREATE TABLE later_feature (x INTEGER);")
    monkeypatch.setattr(db_module, "MIGRATIONS", later)
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", len(later))
    db_module.open_database(seeded)
    (made,) = list_backups()
    assert made.reason == f"before-schema-{len(later)}"
    assert made.schema == len(later) - 1


def test_restore_refuses_a_damaged_or_newer_backup(seeded: Path, tmp_path: Path) -> None:
    before = seeded.read_bytes()
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    with pytest.raises(BackupError, match="nothing was changed"):
        restore(junk, seeded)
    newer = tmp_path / "newer.sqlite3"
    shutil.copy(seeded, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 999")
    with pytest.raises(BackupError, match="newer version"):
        restore(newer, seeded)
    assert seeded.read_bytes() == before


def test_the_restore_drill(seeded: Path, isolated_user_data: Path) -> None:
    """Back up, damage the database, see it refused, restore, compare the events."""
    events_before = _events(seeded)
    made = cli("backup", "--db", str(seeded))
    assert made.returncode == 0, made.stderr
    (saved,) = list_backups()
    with seeded.open("r+b") as handle:  # torn pages, as a failing disk leaves them
        handle.seek(4096 * 8)
        handle.write(b"\x5a" * 4096 * 8)
    damaged = cli("export-events", "--db", str(seeded), "--format", "json")
    assert damaged.returncode == 1 and "damaged" in damaged.stderr
    restored = cli("restore", "--db", str(seeded), str(saved.path))
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout and "kept as" in restored.stdout
    assert _events(seeded) == events_before
    reasons = sorted(b.reason for b in list_backups())
    assert reasons == ["damaged-before-restore", "requested"]  # the damaged file is kept too
    assert not seeded.with_name(seeded.name + "-journal").exists()


def test_backup_to_a_chosen_file_refuses_the_database(seeded: Path, tmp_path: Path) -> None:
    refused = cli("backup", "--db", str(seeded), "-o", str(seeded))
    assert refused.returncode == 1 and "database of the app" in refused.stderr
    target = tmp_path / "copy.sqlite3"
    done = cli("backup", "--db", str(seeded), "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert backup.describe(target).events == seed_event_count()


def test_restore_of_a_database_in_use_is_refused(seeded: Path, tmp_path: Path) -> None:
    from tests.safety.test_db_faults import _hold_write_lock

    copy = tmp_path / "copy.sqlite3"
    shutil.copy(seeded, copy)
    holder = _hold_write_lock(seeded, 20)
    try:
        result = cli(
            "restore", "--db", str(seeded), str(copy), env={"TIMELINE_APP_BUSY_TIMEOUT": "1"}
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1 and "in use by another process" in result.stderr
