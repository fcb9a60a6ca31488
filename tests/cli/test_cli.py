"""The headless commands, run as a user runs them: in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_app.cli import run


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "timeline_app", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_load_then_export_prints_the_full_curated_set(tmp_path: Path) -> None:
    db = str(tmp_path / "t.sqlite3")
    loaded = cli("load", "--db", db)
    assert loaded.returncode == 0, loaded.stderr
    assert "66 added" in loaded.stdout or " added" in loaded.stdout
    exported = cli("export-events", "--db", db, "--format", "json")
    assert exported.returncode == 0, exported.stderr
    events = json.loads(exported.stdout)
    assert len(events) >= 40
    first = events[0]
    for key in (
        "id",
        "title",
        "summary",
        "date_start",
        "date_end",
        "precision",
        "approximate",
        "actors",
        "category",
        "modality",
        "score",
        "sources",
    ):
        assert key in first
    assert first["sources"][0]["paragraph"] >= 1
    assert {"code", "role"} == set(first["actors"][0])


def test_headless_commands_never_import_qt(tmp_path: Path) -> None:
    code = (
        "import sys; from timeline_app.__main__ import main; "
        f"rc = main(['load', '--db', r'{tmp_path / 't.sqlite3'}']); "
        "assert 'PySide6' not in sys.modules and 'pyqtgraph' not in sys.modules, 'Qt loaded'; "
        "sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_json_export_round_trips(tmp_path: Path, corpus_dir: Path) -> None:
    first_db, second_db = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert run(["load", "--db", str(first_db), "--sources", str(corpus_dir)]) == 0
    exported = tmp_path / "events.json"
    assert (
        run(["export-events", "--db", str(first_db), "--format", "json", "-o", str(exported)]) == 0
    )
    # The shared JSON loads as a curated set in its own right.
    assert (
        run(
            [
                "load",
                "--db",
                str(second_db),
                "--sources",
                str(corpus_dir),
                "--events",
                str(exported),
            ]
        )
        == 0
    )
    again = tmp_path / "again.json"
    assert run(["export-events", "--db", str(second_db), "--format", "json", "-o", str(again)]) == 0
    assert json.loads(again.read_text()) == json.loads(exported.read_text())


def test_csv_export(tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "t.sqlite3")
    run(["load", "--db", db, "--sources", str(corpus_dir)])
    capsys.readouterr()
    assert run(["export-events", "--db", db, "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("id,title,summary,date_start")
    assert any("IND:initiator;RUS:recipient;CHN:participant" in line for line in lines)
    assert lines[0].endswith(",lanes")
    assert any(line.endswith(",CHN-IND;IND-RUS") for line in lines)  # never CHN-RUS
    assert any("b.txt#2;a.txt#3" in line for line in lines)


def test_bad_input_gives_one_line_and_no_traceback(tmp_path: Path, corpus_dir: Path) -> None:
    events = corpus_dir / "events.yaml"
    events.write_text(events.read_text().replace("score: 6", "score: eleven"))
    result = cli("load", "--db", str(tmp_path / "t.sqlite3"), "--sources", str(corpus_dir))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].endswith("event 'ind-vnm-pact': 'score' must be a number, got 'eleven'")
    assert lines[-1] == "1 problem(s) found; the database was not changed."


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    result = cli("export-events", "--db", str(tmp_path / "nope.sqlite3"), "--format", "json")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"error: {tmp_path / 'nope.sqlite3'}: no database here yet; run 'timeline-app load' to build it"
    )
    assert not (tmp_path / "nope.sqlite3").exists()


def test_check_reports_problems_with_exit_code(tmp_path: Path, corpus_dir: Path) -> None:
    db = str(tmp_path / "t.sqlite3")
    assert cli("load", "--db", db, "--sources", str(corpus_dir)).returncode == 0
    ok = cli("check", "--db", db, "--sources", str(corpus_dir))
    assert ok.returncode == 0, ok.stderr
    assert "database: ok (3 events" in ok.stdout
    (corpus_dir / "events.yaml").write_text("- id: [\n")
    bad = cli("check", "--db", db, "--sources", str(corpus_dir))
    assert bad.returncode == 1 and "malformed YAML" in bad.stderr


def test_default_database_goes_to_the_user_data_dir(isolated_user_data: Path) -> None:
    result = cli("load")
    assert result.returncode == 0, result.stderr
    assert (isolated_user_data / "timeline.sqlite3").exists()


def test_usage_errors_exit_non_zero() -> None:
    result = cli("export-events", "--format", "xml")
    assert result.returncode == 2 and "invalid choice" in result.stderr
