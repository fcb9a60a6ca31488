"""``export-image`` refuses dates outside the supported years in one line, before drawing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_app.services import Store


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "seeded.sqlite3"
    store = Store.open(path)
    store.ensure_seeded()
    store.close()
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["--from", "9999-12-31"],
        ["--to", "9999-12-31"],
        ["--from", "9999"],
        ["--from", "0000"],
        ["--from", "-0001"],
        ["--to", "0000-06"],
    ],
)
def test_out_of_range_dates_are_refused_in_one_line(
    seeded_db: Path, tmp_path: Path, args: list[str]
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["TIMELINE_APP_DATA_DIR"] = str(tmp_path / "user-data")
    done = subprocess.run(
        [sys.executable, "-m", "timeline_app", "export-image", "-o", "x.png",
         "--db", str(seeded_db), *args],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("timeline-app export-image: error: --from/--to: not a date")
    assert "(dates run from years 1 to 9998)" in lines[0]
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize(
    ("args", "window"),
    [
        (["--to", "0001-06-01"], "between 1 Jan 1 and 1 Jun 1"),
        (["--to", "1900-12-31"], "between 1 Jan 1900 and 31 Dec 1900"),
        (["--from", "2040-01-01"], "between 1 Jan 2040 and 31 Dec 2040"),
        (["--from", "9998-12-31"], "between 31 Dec 9998 and 30 Dec 9999"),
    ],
)
def test_a_range_before_or_after_every_event_is_refused_not_moved(
    seeded_db: Path, tmp_path: Path, args: list[str], window: str
) -> None:
    """Only an end before every event (or only a start after): the figure is refused
    with the window the user asked for, never drawn over another period."""
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["TIMELINE_APP_DATA_DIR"] = str(tmp_path / "user-data")
    done = subprocess.run(
        [sys.executable, "-m", "timeline_app", "export-image", "-o", "x.png",
         "--db", str(seeded_db), *args],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert done.returncode != 0, done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert f"no event {window}: nothing to export" in lines[0]
    assert not (tmp_path / "x.png").exists()
