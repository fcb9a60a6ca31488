"""Hostile curated files: what PyYAML makes of them becomes a plain problem with
file, line and reason, in bounded time, and the database is left as it was."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline_app.ingest.file_limits import MAX_CURATED_BYTES
from timeline_app.ingest.yaml_lines import MAX_ALIAS_VALUES, load_list_of_mappings
from timeline_app.services import Store

from .test_validation import _edit, _problems_after, line_of, loaded

__all__ = ["loaded"]  # the fixture, re-used from the validation tests

Loaded = tuple[Store, list[str]]


@pytest.mark.parametrize(
    ("old", "new", "needle", "reason"),
    [
        ('date: "2021-12-06"', "date: 2021-02-30", "2021-02-30",
         "'date' cannot be read: '2021-02-30' is not a date (day is out of range for month)"),
        ('date: "2021-12-06"', "date: 2021-02-03 12:99:00", "12:99",
         "'date' cannot be read: '2021-02-03 12:99:00' is not a date (minute must be in 0..59)"),
        ('date: "2021-12-06"', "date: 2021-12-06 12:30:00", "12:30",
         "'date' must be a date without a time of day, got 2021-12-06 12:30:00"),
        ('date: "2021-12-06"', "date: !!timestamp junk", "junk",
         "'date' cannot be read: 'junk' is not a date"),
        ('date: "2021-12-06"', "date: 9999-12-31", "9999",
         "not a date: '9999-12-31' (dates run from years 1 to 9998)"),
        ("score: 6", "score: !!int abc", "abc",
         "'score' cannot be read: 'abc' is not a whole number"),
        ("score: 6", "score: " + "9" * 400, "9999",
         "'score' cannot be read: '" + "9" * 39 + "…' is too large a number"),
        ("score: 6", "score: 1.0e+400", "e+400", "'score' must be a finite number, got inf"),
        ("score: 6", "score: !foo 6", "!foo",
         "'score' cannot be read: '!foo 6' is unknown tag '!foo' (tags are not used here)"),
        ("paragraph: 3", "paragraph: .nan", ".nan", "'paragraph' must be a finite number, got nan"),
        ("paragraph: 3", "paragraph: .inf", ".inf", "'paragraph' must be a finite number, got inf"),
        ("paragraph: 3", "paragraph: -.inf", "-.inf",
         "'paragraph' must be a finite number, got -inf"),
    ],
)  # fmt: skip
def test_values_pyyaml_cannot_build_are_problems_on_their_line(
    loaded: Loaded, corpus_dir: Path, old: str, new: str, needle: str, reason: str
) -> None:
    events = corpus_dir / "events.yaml"
    _edit(events, old, new)
    problems = _problems_after(loaded, corpus_dir)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{events}:{line_of(events, needle)}: event 'ind-vnm-pact': ")
    assert reason in problems[0]


def test_every_bad_value_is_reported_in_one_pass(loaded: Loaded, corpus_dir: Path) -> None:
    events = corpus_dir / "events.yaml"
    _edit(events, 'date: "2021-12-06"', "date: 2021-02-30")
    _edit(events, "score: 4", "score: !!int abc")
    _edit(events, "paragraph: 2", "paragraph: .nan")
    problems = _problems_after(loaded, corpus_dir)
    lines = [p.split(": ", 1)[0] for p in problems]
    assert lines == [
        f"{events}:{line_of(events, '2021-02-30')}",
        f"{events}:{line_of(events, 'abc')}",
        f"{events}:{line_of(events, '.nan')}",
    ]


# Ten nested anchors of ten aliases each: 10**10 values once expanded.
ALIAS_BOMB = "- id: bomb\n  title: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"  t{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10)
)


def test_an_alias_bomb_is_refused_quickly_with_the_limit(loaded: Loaded, corpus_dir: Path) -> None:
    events = corpus_dir / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + ALIAS_BOMB, encoding="utf-8")
    started = time.perf_counter()
    problems = _problems_after(loaded, corpus_dir)
    assert time.perf_counter() - started < 5
    line = line_of(events, "t4: &a4")  # the first alias that takes it past the limit
    assert problems == [
        f"{events}:{line}: aliases (*name) expand this file by more than "
        f"{MAX_ALIAS_VALUES:,} values, the limit; write the entries out in full"
    ]


def test_a_few_aliases_are_still_read(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("- {code: &c IND, name: *c, list: &l [1, 2]}\n- {code: X, list: *l}\n")
    entries, problems = load_list_of_mappings(path)
    assert problems == []
    assert entries[0].value["name"] == "IND" and entries[1].value["list"] == [1, 2]


def test_an_alias_loop_is_refused(loaded: Loaded, corpus_dir: Path) -> None:
    events = corpus_dir / "events.yaml"
    events.write_text(
        events.read_text(encoding="utf-8") + "- &loop\n  id: loop\n  sources: [*loop]\n",
        encoding="utf-8",
    )
    problems = _problems_after(loaded, corpus_dir)
    assert problems == [
        f"{events}:{line_of(events, '- &loop')}: the value anchored here holds an alias to "
        "itself (a loop); write the entries out in full"
    ]


def test_a_file_over_the_size_limit_is_refused_unread(loaded: Loaded, corpus_dir: Path) -> None:
    events = corpus_dir / "events.yaml"
    with events.open("r+b") as file:  # sparse: large on paper, no time to write
        file.truncate(MAX_CURATED_BYTES + 1)
    problems = _problems_after(loaded, corpus_dir)
    assert problems == [
        f"{events}: the file is 20,971,521 bytes, over the limit of 20 MB for this kind of file"
    ]


def test_an_article_that_is_a_fifo_is_a_problem_of_its_manifest_entry(
    loaded: Loaded, corpus_dir: Path
) -> None:
    (corpus_dir / "a.txt").unlink()
    os.mkfifo(corpus_dir / "a.txt")
    problems = _problems_after(loaded, corpus_dir)
    manifest = corpus_dir / "manifest.yaml"
    assert (
        f"{manifest}:{line_of(manifest, 'file: a.txt')}: document 'a.txt': 'a.txt': "
        "a pipe (FIFO), not a regular file; nothing was read"
    ) in problems


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "folder"])
def test_load_refuses_a_non_regular_events_file_at_once(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        target = tmp_path / "events.fifo"
        os.mkfifo(target)  # nobody will ever write to it
    elif kind == "folder":
        target = tmp_path
    else:
        target = Path(kind)
    db = tmp_path / "db.sqlite3"
    env = {**os.environ, "TIMELINE_APP_DATA_DIR": str(tmp_path / "user-data")}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "timeline_app", "load", "--db", str(db), "--events", str(target)],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert time.perf_counter() - started < 30
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert f"{target}: " in done.stderr and "not a regular file; nothing was read" in done.stderr
    assert "the database was not changed" in done.stderr
