"""Outputs written safely: a temporary file, flushed, checked and renamed; refusals first."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from timeline_app import safe_write
from timeline_app.safe_write import OutputError, refuse_unsafe_target, write_bytes, write_text


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_write_replaces_the_target_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_text(target, "new contents")
    assert target.read_text(encoding="utf-8") == "new contents"
    assert target.stat().st_mode & 0o777 == 0o640  # the old file's permissions are kept
    assert _leftovers(tmp_path) == []


def test_the_open_database_is_refused_by_path(tmp_path: Path) -> None:
    db = tmp_path / "mine.sqlite3"
    db.write_bytes(b"not yet a database")
    with pytest.raises(OutputError, match="database of the app"):
        write_text(tmp_path / "." / "mine.sqlite3", "x", protected=[db])
    assert db.read_bytes() == b"not yet a database"


def test_any_sqlite_file_is_refused_by_its_header(tmp_path: Path) -> None:
    other = tmp_path / "someone-else.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    before = other.read_bytes()
    with pytest.raises(OutputError, match="SQLite database"):
        write_text(other, "id,title\n")
    assert other.read_bytes() == before


def test_the_app_default_database_is_refused(tmp_path: Path, isolated_user_data: Path) -> None:
    from timeline_app.paths import default_db_path

    isolated_user_data.mkdir(parents=True)
    default_db_path().write_bytes(b"")  # even empty: it is the app's
    with pytest.raises(OutputError, match="database of the app"):
        refuse_unsafe_target(default_db_path())


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_device_is_refused_before_anything_is_written() -> None:
    with pytest.raises(OutputError, match="not a regular file"):
        write_bytes(Path("/dev/full"), b"x" * 10)


def test_a_folder_or_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="a folder"):
        write_text(tmp_path, "x")
    with pytest.raises(OutputError, match="does not exist"):
        write_text(tmp_path / "nowhere" / "out.json", "x")


def _fail_for_files(real: object, error: int) -> object:
    def failing(fd: int, *args: object) -> object:
        if fd > 2:  # the file being written, never the test's own output
            raise OSError(error, os.strerror(error))
        return real(fd, *args)  # type: ignore[operator]

    return failing


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_a_full_disk_keeps_the_old_file_and_removes_the_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    target = tmp_path / "figure.svg"
    target.write_text("<svg>old</svg>", encoding="utf-8")
    monkeypatch.setattr(os, call, _fail_for_files(getattr(os, call), errno.ENOSPC))
    with pytest.raises(OutputError) as raised:
        write_text(target, "<svg>" + "new" * 10_000 + "</svg>")
    assert "No space left on device" in str(raised.value)
    assert "the old file is unchanged" in str(raised.value)
    assert target.read_text(encoding="utf-8") == "<svg>old</svg>"
    assert _leftovers(tmp_path) == []


def test_a_failed_new_file_says_nothing_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "write", _fail_for_files(os.write, errno.ENOSPC))
    with pytest.raises(OutputError, match="nothing was written"):
        write_bytes(tmp_path / "new.pdf", b"%PDF" * 100)
    assert list(tmp_path.iterdir()) == []


def test_a_device_that_accepts_nothing_does_not_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: 0 if fd > 2 else real(fd, data))
    with pytest.raises(OutputError):
        write_bytes(tmp_path / "out.png", b"x" * 100)


def test_the_checked_size_must_match(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.write
    # A file system that claims the bytes but keeps fewer (a short write reported whole).
    monkeypatch.setattr(safe_write, "_write_all", lambda fd, data: real(fd, data[: len(data) // 2]))
    with pytest.raises(OutputError, match="reached the disk"):
        write_bytes(tmp_path / "out.json", b"{}" * 100)
    assert not (tmp_path / "out.json").exists()
