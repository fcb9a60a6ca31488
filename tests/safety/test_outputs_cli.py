"""Exports as a user runs them: an output over a database is refused, a full disk
leaves the old file and a non-zero exit, and "Wrote" is never printed on failure."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import cli
from tests.seed_facts import seed_event_count


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("db") / "mine.sqlite3"
    assert cli("load", "--db", str(db)).returncode == 0
    return db


def _event_count(db: Path) -> int:
    result = cli("export-events", "--db", str(db), "--format", "json")
    assert result.returncode == 0, result.stderr
    return len(json.loads(result.stdout))


def test_export_over_the_open_database_is_refused(loaded_db: Path) -> None:
    before = loaded_db.read_bytes()
    result = cli("export-events", "--db", str(loaded_db), "--format", "csv", "-o", str(loaded_db))
    assert result.returncode == 1
    assert "Wrote" not in result.stderr
    assert "database of the app" in result.stderr
    assert loaded_db.read_bytes() == before
    assert _event_count(loaded_db) == seed_event_count()


def test_export_over_another_sqlite_file_is_refused(loaded_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    shutil.copy(loaded_db, copy)
    result = cli("export-events", "--db", str(loaded_db), "--format", "json", "-o", str(copy))
    assert result.returncode == 1
    assert "SQLite database" in result.stderr
    assert copy.read_bytes() == loaded_db.read_bytes()


def _can_mount_tmpfs() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-r", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
    )
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount_tmpfs(), reason="cannot mount a private tmpfs here")
def test_a_full_disk_exits_non_zero_and_keeps_the_old_file(loaded_db: Path, tmp_path: Path) -> None:
    """A real full disk: a 64 KiB tmpfs in a private mount namespace, almost filled."""
    disk = tmp_path / "disk"
    disk.mkdir()
    script = f"""
set -e
mount -t tmpfs -o size=64k tmpfs {disk}
printf 'old export' > {disk}/events.json
head -c 40000 /dev/zero > {disk}/filler 2>/dev/null || true
set +e
{sys.executable} -m timeline_app export-events --db {loaded_db} --format json \
    -o {disk}/events.json
echo "rc=$?"
echo "old=$(cat {disk}/events.json)"
ls -a {disk}
"""
    result = subprocess.run(
        ["unshare", "-r", "-m", "sh", "-c", script],
        capture_output=True,
        text=True,
        env=os.environ,
        timeout=120,
    )
    assert "rc=1" in result.stdout, result.stdout + result.stderr
    assert "old=old export" in result.stdout
    assert ".part" not in result.stdout  # the temporary file is gone
    assert "No space left on device" in result.stderr
    assert "the old file is unchanged" in result.stderr
    assert "Wrote" not in result.stderr
