"""`timeline-app import-gdelt`, run as a user runs it: in a subprocess."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_app.cli import gdelt as cli_module
from timeline_app.cli.gdelt import ProgressLine

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "gdelt"
TAB = FIXTURES / "20211206000000.export.CSV"
ZIP = FIXTURES / "20220608000000.export.CSV.zip"
MALFORMED = FIXTURES / "malformed.export.CSV"


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "timeline_app", *map(str, args)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )


def count(db: Path, sql: str = "SELECT count(*) FROM bulk_events") -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(sql).fetchone()[0])


def test_import_prints_counts(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite3"
    done = cli("import-gdelt", "--db", db, TAB, ZIP)
    assert done.returncode == 0, done.stderr
    assert "11 events imported from 2 file(s)" in done.stdout
    assert "1 without a country, 1 domestic" in done.stdout
    assert "4 already present" in done.stdout
    assert "Traceback" not in done.stderr
    assert count(db) == 11
    again = cli("import-gdelt", "--db", db, TAB)
    assert again.returncode == 0
    assert "already imported" in again.stderr
    assert "nothing new: every file was imported before" in again.stdout
    assert count(db) == 11


def test_bad_path_is_one_line_error(tmp_path: Path) -> None:
    done = cli("import-gdelt", "--db", tmp_path / "t.sqlite3", tmp_path / "missing.export.CSV")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"error: {tmp_path / 'missing.export.CSV'}: no such file"
    ]
    assert "Traceback" not in done.stderr


def test_countries_filter(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite3"
    done = cli("import-gdelt", "--db", db, "--countries", "ind, vnm,RUS", TAB)
    assert done.returncode == 0, done.stderr
    assert "6 events imported" in done.stdout
    assert "5 outside --countries" in done.stdout
    assert count(db, "SELECT count(*) FROM bulk_events WHERE pair_a = 'CHN'") == 0
    assert count(db, "SELECT count(DISTINCT pair_a || pair_b) FROM bulk_events") == 2
    bad = cli("import-gdelt", "--db", db, "--countries", "IND,INDIA", TAB)
    assert bad.returncode == 2
    assert "not three-letter CAMEO country codes: INDIA" in bad.stderr


def test_malformed_rows_are_listed_or_stop_a_strict_import(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite3"
    strict = cli("import-gdelt", "--db", db, "--strict", MALFORMED)
    assert strict.returncode == 1
    lines = strict.stderr.strip().splitlines()
    assert lines[0].endswith("malformed.export.CSV:2: expected 61 tab-separated columns, found 60")
    assert "the database was not changed" in lines[-1]
    assert count(db, "SELECT count(*) FROM datasets") == 0
    lenient = cli("import-gdelt", "--db", db, MALFORMED)
    assert lenient.returncode == 0
    assert "malformed.export.CSV:3: SQLDATE '20221331' is not a date" in lenient.stderr
    assert "2 events imported" in lenient.stdout and "4 malformed" in lenient.stdout


def test_many_malformed_rows_are_cut_to_twenty(tmp_path: Path) -> None:
    bad = tmp_path / "bad.export.CSV"
    bad.write_text("not\ta\trow\n" * 25)
    done = cli("import-gdelt", "--db", tmp_path / "t.sqlite3", bad)
    lines = done.stderr.strip().splitlines()
    assert sum("expected 61 tab-separated columns" in line for line in lines) == 20
    assert "... and 5 more malformed row(s)" in lines


class FakeStream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_is_plain_lines_every_250000_rows_when_not_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = iter(float(t) for t in range(100))
    monkeypatch.setattr(cli_module.time, "monotonic", lambda: next(clock))
    stream = FakeStream(tty=False)
    progress = ProgressLine(stream)
    for rows in range(0, 600_001, 10_000):
        assert progress(rows, rows, 600_000)
    progress.finish()
    lines = stream.getvalue().splitlines()
    assert [line.split(" rows")[0] for line in lines] == ["read 250,000", "read 500,000"]
    assert lines[0].startswith("read 250,000 rows (42%), ") and lines[0].endswith(" rows/s")
    assert "\r" not in stream.getvalue()


def test_progress_redraws_one_line_at_most_five_times_a_second_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = [0.0]
    monkeypatch.setattr(cli_module.time, "monotonic", lambda: now[0])
    stream = FakeStream(tty=True)
    progress = ProgressLine(stream)
    for step in range(1, 101):  # 100 calls over one second
        now[0] = step / 100
        progress(step * 1000, step, 100)
    progress.finish()
    text = stream.getvalue()
    assert text.count("\r") == 5 and text.endswith("\n") and text.count("\n") == 1
