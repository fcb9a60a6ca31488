"""A real full disk during ``import-gdelt`` and ``load``: the database sits on a small
tmpfs in a private mount namespace (``unshare -rm``) and the write fills it. The user
reads "database or disk is full" in one line, the command exits non-zero, and the
database passes SQLite's integrity check and holds what it held before."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_app.services import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "gdelt"
TAB = FIXTURES / "20211206000000.export.CSV"

# Run inside the namespace, after the command: the tmpfs is gone once the shell exits.
CHECK = """
import hashlib, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
print("integrity=" + conn.execute("PRAGMA integrity_check").fetchone()[0])
print("dump=" + hashlib.sha256("\\n".join(conn.iterdump()).encode()).hexdigest())
"""


def _can_mount_tmpfs() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-r", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
    )
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(not _can_mount_tmpfs(), reason="cannot mount a private tmpfs")


def dump_hash(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def many_rows(path: Path, copies: int) -> Path:
    """The fixture's rows ``copies`` times under new ids: megabytes of bulk events."""
    rows = TAB.read_text(encoding="utf-8").splitlines()
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for row in rows:
                gid, rest = row.split("\t", 1)
                out.write(f"{int(gid) + copy * 10**9}\t{rest}\n")
    return path


def run_on_a_full_disk(tmp_path: Path, database: Path, size: str, *command: str) -> str:
    """Copy ``database`` onto a tmpfs of ``size``, run ``timeline-app COMMAND --db`` it,
    and report the exit code, the output and the state of the database afterwards."""
    disk = tmp_path / "disk"
    disk.mkdir()
    on_disk = disk / "db.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["TIMELINE_APP_DATA_DIR"] = str(tmp_path / "user-data")  # backups, logs: elsewhere
    script = f"""
set -e
mount -t tmpfs -o size={size} tmpfs {disk}
cp {database} {on_disk}
set +e
{sys.executable} -m timeline_app {" ".join(command)} --db {on_disk} 2>&1
echo "rc=$?"
{sys.executable} -c '{CHECK}' {on_disk}
ls -a {disk}
"""
    done = subprocess.run(
        ["unshare", "-r", "-m", "sh", "-c", script],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    return done.stdout + done.stderr


def assert_refused_and_unchanged(output: str, before: str) -> None:
    lines = output.splitlines()
    said = lines[: next(i for i, line in enumerate(lines) if line.startswith("rc="))]
    assert "rc=1" in lines, output
    assert len(said) == 1 and "database or disk is full" in said[0], output  # one line
    assert "Traceback" not in output and "cannot rollback" not in output
    assert "integrity=ok" in lines, output
    assert f"dump={before}" in lines, output  # the database as it was
    assert "db.sqlite3-journal" not in lines  # the rollback journal was played back


@pytest.mark.parametrize("size", ["400k", "1m"])
def test_a_full_disk_during_import_gdelt(tmp_path: Path, size: str) -> None:
    database = tmp_path / "seeded.sqlite3"
    store = Store.open(database)
    store.ensure_seeded()
    store.import_gdelt([TAB])  # bulk events before: they must all stay
    store.close()
    export = many_rows(tmp_path / "20230101000000.export.CSV", 1500)  # 20k rows, 6 MB
    output = run_on_a_full_disk(tmp_path, database, size, "import-gdelt", str(export))
    assert_refused_and_unchanged(output, dump_hash(database))


def test_a_full_disk_during_load(tmp_path: Path) -> None:
    database = tmp_path / "empty.sqlite3"
    Store.open(database).close()  # the schema only: the seeds need more room than is left
    size = f"{database.stat().st_size // 1024 + 40}k"
    output = run_on_a_full_disk(tmp_path, database, size, "load")
    assert_refused_and_unchanged(output, dump_hash(database))
