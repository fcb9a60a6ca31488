"""The packaged installer: build the one-folder app with PyInstaller, then run it as a
recipient would. Slow (about a minute to build), so marked ``installer``; skipped
where PyInstaller is absent, and run by ``make test`` (CI), which installs it."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

from timeline_app import __version__

REPO = Path(__file__).resolve().parents[1]
APP = "BilateralTiesViewer"

pytestmark = [
    pytest.mark.installer,
    pytest.mark.skipif(
        importlib.util.find_spec("PyInstaller") is None, reason="PyInstaller is not installed"
    ),
]


@pytest.fixture(scope="module")
def bundle() -> Path:
    env = {**os.environ, "PYTHON": sys.executable}
    result = subprocess.run(
        ["bash", "scripts/build_installer.sh"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    executable = REPO / "dist" / APP / APP
    assert executable.exists()
    return executable


def _clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """What a recipient has: no project on the path, no virtual environment."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "VIRTUAL_ENV", "QT_QPA_PLATFORM")
    }
    env["TIMELINE_APP_DATA_DIR"] = str(tmp_path / "user-data")
    env.update(extra)
    return env


def test_archive_is_versioned_and_lean(bundle: Path) -> None:
    archive = REPO / "dist" / f"{APP}-{__version__}-linux-{os.uname().machine}.tar.gz"
    assert archive.exists()
    assert archive.stat().st_size <= 100 * 1024 * 1024, "target: at most 100 MiB compressed"
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    root = f"{APP}-{__version__}"
    for expected in (
        f"{root}/install.sh",
        f"{root}/{APP}/{APP}",
        f"{root}/bilateral-ties-viewer.desktop",
    ):
        assert expected in names
    assert any(n.endswith("seeds/events.yaml") for n in names)


def test_frozen_version(bundle: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(bundle), "--version"],
        capture_output=True,
        text=True,
        env=_clean_env(tmp_path),
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"timeline-app {__version__}"


def test_the_command_line_has_its_own_console_program(bundle: Path, tmp_path: Path) -> None:
    """The viewer is built windowed (no console on Windows), with a console twin for the
    command line there; elsewhere the one program prints as a command line should."""
    twin = bundle.parent / ("timeline-app.exe" if sys.platform == "win32" else "timeline-app")
    program = twin if sys.platform == "win32" else bundle
    assert twin.exists() == (sys.platform == "win32")  # 12 MB each: only where needed
    result = subprocess.run(
        [str(program), "--version"], capture_output=True, text=True, env=_clean_env(tmp_path),
        timeout=60,
    )  # fmt: skip
    assert result.returncode == 0 and result.stdout.strip() == f"timeline-app {__version__}"
    spec = (REPO / "build_installer.spec").read_text(encoding="utf-8")
    assert "console=False" in spec and "console=True" in spec


def test_frozen_self_test_offscreen(bundle: Path, tmp_path: Path) -> None:
    env = _clean_env(tmp_path, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [str(bundle), "--self-test"], capture_output=True, text=True, env=env, timeout=180
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("self-test ok:"), result.stdout
    assert "SQLite 3." in result.stdout
    assert not (bundle.parent / "timeline.sqlite3").exists(), "user data never goes into the bundle"


def test_frozen_cli_loads_into_the_user_data_dir(bundle: Path, tmp_path: Path) -> None:
    env = _clean_env(tmp_path)
    result = subprocess.run(
        [str(bundle), "load"], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "user-data" / "timeline.sqlite3").exists()


def test_frozen_bundle_writes_a_deck(bundle: Path, tmp_path: Path) -> None:
    """python-pptx's template files travel in the bundle (build_installer.spec)."""
    env = _clean_env(tmp_path, QT_QPA_PLATFORM="offscreen")
    db = str(tmp_path / "deck.sqlite3")
    for args in (["load", "--db", db], ["views", "save", "All", "--db", db]):
        done = subprocess.run(
            [str(bundle), *args], capture_output=True, text=True, env=env, timeout=120
        )
        assert done.returncode == 0, done.stderr
    deck = tmp_path / "brief.pptx"
    result = subprocess.run(
        [str(bundle), "export-deck", "-o", str(deck), "--db", db],
        capture_output=True, text=True, env=env, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(deck) as pptx:
        assert "ppt/slides/slide1.xml" in pptx.namelist()


def test_frozen_import_reads_in_a_second_process(bundle: Path, tmp_path: Path) -> None:
    """An export big enough for the reading process (store.bulk.PARALLEL_MIN_BYTES):
    the frozen app must start its own executable as that child and import it all."""
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("the import reads in a second process only with two CPUs or more")
    export = tmp_path / "frozen.export.CSV"
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate_gdelt.py"), "--count", "120000",
         "--seed", "3", "-o", str(export)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    assert export.stat().st_size >= 32_000_000
    result = subprocess.run(
        [str(bundle), "import-gdelt", str(export), "--db", str(tmp_path / "t.sqlite3")],
        capture_output=True,
        text=True,
        env=_clean_env(tmp_path),
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "120000 events imported from 1 file(s)" in result.stdout, result.stdout
    assert "Traceback" not in result.stderr, result.stderr


@pytest.mark.skipif(
    shutil.which("Xvfb") is None or shutil.which("import") is None,
    reason="needs Xvfb and ImageMagick",
)
def test_frozen_window_under_xvfb(bundle: Path, tmp_path: Path) -> None:
    display = f":{90 + os.getpid() % 9}"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"])
    try:
        time.sleep(1.0)
        env = _clean_env(
            tmp_path, QT_QPA_PLATFORM="xcb", DISPLAY=display, TIMELINE_APP_STARTUP_REPORT="1"
        )
        app = subprocess.Popen(
            [str(bundle)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        try:
            line = ""
            deadline = time.monotonic() + 60
            seen = []
            while time.monotonic() < deadline and app.poll() is None:
                line = app.stdout.readline() if app.stdout else ""
                seen.append(line.split(" ")[0])
                if line.startswith("data-drawn-wall-time"):
                    break
            assert "first-paint-wall-time" in seen, f"the window never painted: {seen}"
            assert line.startswith("data-drawn-wall-time"), f"the seeds were never drawn: {seen}"
            time.sleep(0.5)
            shot = tmp_path / "frozen-xcb.png"
            subprocess.run(
                ["import", "-display", display, "-window", "root", str(shot)],
                check=True,
                timeout=30,
            )
            assert shot.stat().st_size > 20_000, "the screenshot is blank"
            keep = os.environ.get("TIMELINE_APP_KEEP_SCREENSHOT")
            if keep:
                shutil.copy(shot, keep)
        finally:
            app.terminate()
            app.wait(10)
    finally:
        xvfb.terminate()
        xvfb.wait(10)
