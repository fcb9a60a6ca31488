"""`make run` installs only the runtime dependencies, `make test` the test tools too,
and a venv made by `make run` gets the test tools at `make test` (the stamps)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def planned(folder: Path, target: str) -> list[str]:
    """The commands ``make target`` would run (dry run), the install lines only."""
    result = subprocess.run(
        ["make", "-n", target], cwd=folder, capture_output=True, text=True, check=True
    )
    return [line for line in result.stdout.splitlines() if "pip install" in line]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path / name)
    return tmp_path


def test_run_installs_the_app_only_and_test_adds_the_test_tools(project: Path) -> None:
    run = planned(project, "run")
    assert any(line.endswith("install --quiet -e .") for line in run)
    assert not any("[test]" in line for line in run)
    assert any("-e '.[test]'" in line for line in planned(project, "test"))


def test_a_venv_made_by_run_gets_the_test_tools_at_test(project: Path) -> None:
    venv = project / ".venv"
    venv.mkdir()
    later = time.time() + 5
    (venv / ".installed").touch()  # what `make run` leaves
    os.utime(venv / ".installed", (later, later))
    assert planned(project, "run") == []  # set up already
    test = planned(project, "test")
    assert len(test) == 1 and "-e '.[test]'" in test[0]  # the test tools, not all again
    (venv / ".installed-test").touch()
    os.utime(venv / ".installed-test", (later + 1, later + 1))
    assert planned(project, "test") == []
