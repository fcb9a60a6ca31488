"""Figures are written safely: never onto a device, a database or half a file."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from timeline_app.ui.figures import export_cli

from .test_export_cli import export_image, seeded_db  # noqa: F401  (a fixture)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_an_svg_to_a_device_is_refused_before_drawing(seeded_db: Path, tmp_path: Path) -> None:  # noqa: F811
    (tmp_path / "full.svg").symlink_to("/dev/full")  # a name that looks like a file
    done = export_image("-o", "full.svg", "--db", str(seeded_db), cwd=tmp_path)
    assert done.returncode == 1
    assert "not a regular file" in done.stderr
    assert "Wrote" not in done.stderr


def test_a_figure_over_a_database_is_refused(seeded_db: Path, tmp_path: Path) -> None:  # noqa: F811
    copy = tmp_path / "copy.png"
    shutil.copy(seeded_db, copy)
    before = copy.read_bytes()
    done = export_image("-o", "copy.png", "--db", str(seeded_db), cwd=tmp_path)
    assert done.returncode == 1 and "SQLite database" in done.stderr
    assert copy.read_bytes() == before


@pytest.mark.parametrize("suffix", ["pdf", "svg", "png"])
def test_a_full_disk_keeps_the_old_figure_and_fails(
    seeded_db: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    suffix: str,
) -> None:
    target = tmp_path / f"fig.{suffix}"
    target.write_bytes(b"the old figure")
    real_write = os.write

    def disk_full(fd: int, data: bytes) -> int:
        if fd > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", disk_full)
    status = export_cli.run(["-o", str(target), "--db", str(seeded_db)])
    err = capsys.readouterr().err
    assert status == 1
    assert "No space left on device" in err and "the old file is unchanged" in err
    assert "Wrote" not in err
    assert target.read_bytes() == b"the old figure"
    beside = [p.name for p in tmp_path.iterdir() if p.name != "user-data"]
    assert beside == [target.name]  # no temporary file left next to the figure
