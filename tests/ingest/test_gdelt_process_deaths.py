"""A GDELT import whose reading process dies, or whose importing process dies: real
processes killed with SIGKILL. Neither side may strand the other; nothing is written.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from timeline_app.ingest.gdelt import GdeltError
from timeline_app.ingest.gdelt_process import STOPPED
from timeline_app.store import bulk

REPO = Path(__file__).resolve().parents[2]
TAB = REPO / "tests" / "fixtures" / "gdelt" / "20211206000000.export.CSV"

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads the process table in /proc"
)


def big_export(path: Path, copies: int = 600) -> Path:
    """The fixture's rows again and again under new ids: batches of a few hundred KB,
    bigger than a pipe's buffer, so a killed child dies halfway through sending one."""
    rows = [line.split("\t") for line in TAB.read_text(encoding="utf-8").splitlines()]
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for n, row in enumerate(rows):
                out.write("\t".join([str(10**9 + copy * 100 + n), *row[1:]]) + "\n")
    return path


def empty_database(path: Path) -> Path:
    from timeline_app.services import Store

    Store.open(path).close()
    return path


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def readers() -> list[multiprocessing.Process]:
    return [p for p in multiprocessing.active_children() if p.name == "gdelt-reader"]


def test_the_importer_notices_a_killed_reader_within_a_second(tmp_path: Path) -> None:
    db = empty_database(tmp_path / "t.sqlite3")
    export = big_export(tmp_path / "big.export.CSV")
    before = dump(db)
    killed_at: list[float] = []

    def kill_the_reader(_rows: int) -> None:
        if not killed_at:  # after the first batch is written: the child is sending more
            (child,) = readers()
            os.kill(child.pid or 0, signal.SIGKILL)
            child.join(5)
            killed_at.append(time.monotonic())

    outcome: list[BaseException | float] = []

    def run() -> None:
        conn = sqlite3.connect(db, isolation_level=None)
        try:
            bulk.import_gdelt(conn, [export], chunk_rows=2000, parallel=True)
        except BaseException as exc:  # handed to the test thread
            outcome.append(exc)
            outcome.append(time.monotonic())
        finally:
            conn.close()

    original = bulk._after_chunk
    bulk._after_chunk = kill_the_reader
    try:
        importer = threading.Thread(target=run, daemon=True)
        importer.start()
        importer.join(20)
    finally:
        bulk._after_chunk = original
    assert not importer.is_alive(), "the importer hangs on its dead reading process"
    error, ended = outcome
    assert isinstance(error, GdeltError) and str(error).startswith(STOPPED)
    assert "exit code -9" in str(error)
    assert isinstance(ended, float) and ended - killed_at[0] < 1.0
    assert dump(db) == before and not readers()


def importer_script(after_first_chunk: str) -> str:
    """A command-line import that reads in a second process (whatever the file's size),
    in batches bigger than a pipe's buffer, and runs ``after_first_chunk`` once the first batch is written."""
    return textwrap.dedent(
        f"""
        import functools, os, signal, sys, time, multiprocessing
        from timeline_app.store import bulk
        bulk.import_gdelt = functools.partial(bulk.import_gdelt, chunk_rows=1000)
        bulk.PARALLEL_MIN_BYTES = 0
        bulk._cpus = lambda: 2
        done = []
        def hook(rows):
            if not done:
                done.append(rows)
                {after_first_chunk}
        bulk._after_chunk = hook
        from timeline_app.cli import run
        sys.exit(run(sys.argv[1:]))
        """
    )


def run_importer(script: str, db: Path, export: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", script, "import-gdelt", "--db", str(db), str(export)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_the_command_says_the_reader_stopped_and_exits_non_zero(tmp_path: Path) -> None:
    db = empty_database(tmp_path / "t.sqlite3")
    export = big_export(tmp_path / "big.export.CSV", copies=400)
    before = dump(db)
    script = importer_script(
        "child, = [p for p in multiprocessing.active_children()]; "
        "os.kill(child.pid, signal.SIGKILL)"
    )
    importer = run_importer(script, db, export)
    _out, err = importer.communicate(timeout=30)
    assert importer.returncode != 0
    assert STOPPED in err and "Traceback" not in err
    assert dump(db) == before


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (children, their children ...)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_no_process_outlives_a_killed_importer(tmp_path: Path) -> None:
    db = empty_database(tmp_path / "t.sqlite3")
    export = big_export(tmp_path / "big.export.CSV", copies=400)
    # The importer stops after its first batch, holding its transaction, until killed.
    script = importer_script("print('writing', flush=True); time.sleep(60)")
    importer = run_importer(script, db, export)
    assert importer.stdout is not None
    assert importer.stdout.readline().strip() == "writing"
    below = descendants(importer.pid)
    assert len(below) >= 2  # the reading process and multiprocessing's resource tracker
    importer.send_signal(signal.SIGKILL)
    importer.wait(timeout=10)
    deadline = time.monotonic() + 3
    while any(alive(pid) for pid in below) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in below if alive(pid)], "processes left behind"
    # The killed import wrote nothing and left no lock: the next import runs.
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM bulk_events").fetchone() == (0,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
