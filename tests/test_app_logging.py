"""Logging to a rotating file in the log folder, and the sentences users see."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import pytest

from timeline_app import app_logging
from timeline_app.app_logging import LOG_DIR_ENV, flush_logs, log_dir, setup_logging
from timeline_app.failure_words import UNEXPECTED, plain_sentence
from timeline_app.ingest.gdelt import GdeltError


def test_the_log_folder_follows_the_overrides(
    isolated_user_data: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert log_dir() == isolated_user_data / "logs"  # tests never touch the real folder
    monkeypatch.setenv(LOG_DIR_ENV, str(tmp_path / "elsewhere"))
    assert log_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv(LOG_DIR_ENV)
    monkeypatch.delenv("TIMELINE_APP_DATA_DIR")
    assert log_dir().name and log_dir() != isolated_user_data / "logs"  # the platform's


def test_records_go_to_the_file_with_their_traceback(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "a")
    try:
        raise KeyError("lane 7")
    except KeyError:
        logging.getLogger("timeline_app.somewhere").exception("Reading the lanes failed")
    flush_logs()
    text = path.read_text(encoding="utf-8")
    assert "ERROR timeline_app.somewhere" in text and "Reading the lanes failed" in text
    assert "Traceback" in text and "KeyError: 'lane 7'" in text


def test_setting_up_again_moves_the_file_and_never_doubles_it(tmp_path: Path) -> None:
    first = setup_logging(tmp_path / "a")
    assert setup_logging(tmp_path / "a") == first
    second = setup_logging(tmp_path / "b")
    logging.getLogger("timeline_app.x").warning("once")
    flush_logs()
    assert second.read_text(encoding="utf-8").count("once") == 1
    assert "once" not in (first.read_text(encoding="utf-8") if first.exists() else "")


def test_the_file_rotates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_logging, "MAX_BYTES", 2_000)
    path = setup_logging(tmp_path / "rotating")
    for n in range(200):
        logging.getLogger("timeline_app.x").info("line %d of a long story", n)
    flush_logs()
    kept = sorted(p.name for p in path.parent.iterdir())
    assert kept == ["timeline-app.log", "timeline-app.log.1", "timeline-app.log.2",
                    "timeline-app.log.3"]  # fmt: skip
    assert all(p.stat().st_size <= 2_100 for p in path.parent.iterdir())
    setup_logging(tmp_path / "other")  # let go of the small-file handler


def test_users_read_one_plain_sentence() -> None:
    assert plain_sentence(GdeltError("x.csv: no such file")) == "x.csv: no such file"
    assert plain_sentence(KeyError("lane")) == UNEXPECTED
    assert "zip file is damaged" in plain_sentence(zipfile.BadZipFile("Bad CRC-32 for file"))
    assert "too big" in plain_sentence(OverflowError("int too big to convert"))
    missing = FileNotFoundError(2, "No such file or directory", "/x/y.csv")
    assert plain_sentence(missing) == "/x/y.csv: No such file or directory."
    for sentence in (plain_sentence(KeyError("a")), plain_sentence(OverflowError())):
        assert "Error" not in sentence
