"""The quick check on open runs once per version of a file, not on every open."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline_app.store import db as db_module
from timeline_app.store.db import DamagedDatabaseError, open_database


def _count_checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    real = db_module.quick_check

    def counting(path: Path) -> list[str]:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(db_module, "quick_check", counting)
    return calls


def test_an_unchanged_file_is_checked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "t.sqlite3"
    open_database(path).dispose()
    calls = _count_checks(monkeypatch)
    open_database(path).dispose()
    open_database(path).dispose()
    assert calls == [path]


def test_a_changed_file_is_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "t.sqlite3"
    open_database(path).dispose()
    open_database(path).dispose()
    calls = _count_checks(monkeypatch)
    with path.open("r+b") as f:  # damage the schema's pages, as a faulty tool would
        f.seek(4096)
        f.write(b"\xa5" * 4096 * 3)
    with pytest.raises(DamagedDatabaseError):
        open_database(path)
    assert calls == [path]
