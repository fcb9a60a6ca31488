"""``timeline-app export-image`` as a user runs it: a subprocess without a display."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from timeline_app.dates import to_day
from timeline_app.domain import Pair
from timeline_app.services import Store

from .test_render import svg_texts


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "seeds.sqlite3"
    store = Store.open(path)
    store.ensure_seeded()
    store.close()
    return path


def export_image(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # No display and no platform chosen: the command must pick offscreen by itself.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    env["TIMELINE_APP_DATA_DIR"] = str(cwd / "user-data")
    return subprocess.run(
        [sys.executable, "-m", "timeline_app", "export-image", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=180,
    )


def test_png_with_graph_and_sources_is_written_headless(seeded_db: Path, tmp_path: Path) -> None:
    done = export_image(
        "-o", "brief.png", "--db", str(seeded_db), "--from", "2013", "--to", "2022",
        "--pairs", "IND-VNM,IND-RUS", "--with-graph", "--with-sources", "--scale", "2",
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Wrote brief.png (3840x2160 px" in done.stderr and "2 lanes" in done.stderr
    data = (tmp_path / "brief.png").read_bytes()
    assert data.startswith(b"\x89PNG")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (3840, 2160)


def test_svg_and_pdf_follow_the_extension(seeded_db: Path, tmp_path: Path) -> None:
    svg = export_image("-o", "b.svg", "--db", str(seeded_db), "--size", "1600x900",
                       "--title", "My brief", cwd=tmp_path)  # fmt: skip
    assert svg.returncode == 0, svg.stderr
    text = (tmp_path / "b.svg").read_text(encoding="utf-8")
    assert "<svg" in text and ">My brief</text>" in text and 'viewBox="0 0 1600 900"' in text
    pdf = export_image("-o", "b.pdf", "--db", str(seeded_db), "--preset", "a4", "--theme", "dark",
                       cwd=tmp_path)  # fmt: skip
    assert pdf.returncode == 0, pdf.stderr
    data = (tmp_path / "b.pdf").read_bytes()
    box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert data.startswith(b"%PDF") and box is not None
    assert (round(float(box[1])), round(float(box[2]))) == (842, 595)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.jpg"], "'.jpg' is not an image format"),
        (["-o", "x"], "no extension is not an image format"),
        (["-o", "x.png", "--size", "16x"], "--size: '16x' is not a size"),
        (["-o", "x.png", "--size", "0x100"], "--size: 0x100: each side must be between"),
        (["-o", "x.png", "--pairs", "INDVNM"], "--pairs: a pair is written like IND-VNM"),
        (["-o", "x.png", "--pairs", "IND-XYZ"], "--pairs: unknown actor code XYZ"),
        (["-o", "x.png", "--from", "2023", "--to", "2022"], "comes after the end"),
        (["-o", "x.png", "--from", "20x3"], "not a date"),
        (["-o", "x.png", "--scale", "4"], "--scale: scale '4': use 1, 2 or 3"),
        (["-o", "x.png", "--preset", "a4", "--size", "800x600"], "not allowed with"),
        (["-o", "x.png", "--preset", "poster"], "invalid choice"),
        (["--with-graph"], "required: -o/--output"),
        (["-o", "x.png", "--db", "missing.sqlite3"], "no database here yet"),
        (["-o", "no/such/dir/x.png"], "cannot write the PNG file"),
    ],
)
def test_bad_arguments_give_one_line_and_fail(
    seeded_db: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    if "--db" not in args:
        args = [*args, "--db", str(seeded_db)]
    done = export_image(*args, cwd=tmp_path)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("timeline-app export-image: error: ") and message in lines[0]
    assert not (tmp_path / "x.png").exists()


def test_the_main_help_mentions_export_image() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "timeline_app", "--help"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and "export-image" in done.stdout


def test_an_svg_of_the_december_2021_talks_carries_the_event_titles(
    seeded_db: Path, tmp_path: Path
) -> None:
    done = export_image(
        "-o", "f.svg", "--db", str(seeded_db), "--from", "2021-11-20", "--to", "2021-12-20",
        "--pairs", "IND-RUS", cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    texts = svg_texts(tmp_path / "f.svg")
    store = Store.open(seeded_db)
    lo, hi = to_day(date(2021, 11, 20)), to_day(date(2021, 12, 21))
    titles = [
        e.title
        for e in store.events()
        if Pair("IND", "RUS") in e.pairs and e.when.start_day < hi and e.when.end_day > lo
    ]
    store.close()
    # Every event of the window is written as text: its title, whole or shortened.
    written = {
        title
        for title in titles
        for text in texts
        if text == title or (text.endswith("…") and title.startswith(text[:-1].rstrip()))
    }
    assert len(titles) >= 15 and len(written) == len(titles), set(titles) - written


def test_a_window_without_events_is_refused_in_one_line(seeded_db: Path, tmp_path: Path) -> None:
    done = export_image(
        "-o", "empty.png", "--db", str(seeded_db), "--from", "1800", "--to", "1801",
        "--pairs", "IND-VNM", cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines == [
        "timeline-app export-image: error: no event of IND-VNM between 1 Jan 1800 and "
        "31 Dec 1801: nothing to export; widen the dates or choose other pairs"
    ]
    assert not (tmp_path / "empty.png").exists()
