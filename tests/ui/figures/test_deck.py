"""``timeline-app export-deck`` as a briefer runs it: two saved views, then a PowerPoint
deck and a PDF deck, each read back with a library that knows the format."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from timeline_app.saved_views import SavedView, filter_input
from timeline_app.services import Store

PIN = "ind-rus-2021-12-06-first-2plus2-dialogue"


def timeline_app(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # No display and no platform chosen: the command picks offscreen by itself.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    env["TIMELINE_APP_DATA_DIR"] = str(cwd / "user-data")
    return subprocess.run(
        [sys.executable, "-m", "timeline_app", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=180,
    )


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("deck") / "seeds.sqlite3"
    store = Store.open(path)
    store.ensure_seeded()
    store.close()
    return path


@pytest.fixture(scope="module")
def two_views(seeded: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The README's steps: two ``views save``, the second with a pinned event."""
    folder = tmp_path_factory.mktemp("two-views")
    db = folder / "views.sqlite3"
    db.write_bytes(seeded.read_bytes())
    for args in (
        ("India–Vietnam", "--from", "2016", "--to", "2018", "--pairs", "IND-VNM",
         "--caption", "Defence ties deepen after the 2016 partnership"),
        ("The December 2021 summit", "--from", "2021-11-25", "--to", "2021-12-15",
         "--pairs", "IND-RUS", "--caption", "Six agreements in one day", "--pin", PIN),
    ):  # fmt: skip
        done = timeline_app("views", "save", *args, "--db", str(db), cwd=folder)
        assert done.returncode == 0, done.stderr
    return db


def event_titles(db: Path, view_name: str) -> list[str]:
    store = Store.open(db, create=False)
    try:
        view = store.saved_view(view_name)
        assert view is not None
        events = store.events()
    finally:
        store.close()
    pairs = set(view.pairs)
    lo, hi = view.window or (0, 0)
    return [
        e.title
        for e in events
        if pairs & {p.key for p in e.pairs} and e.when.start_day < hi and e.when.end_day > lo
    ]


def test_a_pptx_deck_has_a_slide_per_view_with_text_title_caption_and_notes(
    two_views: Path, tmp_path: Path
) -> None:
    done = timeline_app("export-deck", "-o", "brief.pptx", "--db", str(two_views), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Wrote brief.pptx (2 slides)" in done.stderr
    deck = Presentation(str(tmp_path / "brief.pptx"))
    slides = list(deck.slides)
    assert len(slides) == 2
    titles = [s.shapes.title.text_frame.text for s in slides]
    assert titles == ["India–Vietnam", "The December 2021 summit"]
    texts = [[sh.text_frame.text for sh in s.shapes if sh.has_text_frame] for s in slides]
    assert any(t.startswith("Defence ties deepen after the 2016 partnership · 1 Jan 2016")
               for t in texts[0])  # fmt: skip
    assert any(t.startswith("Six agreements in one day") for t in texts[1])
    # The figure is one high-resolution picture covering the slide.
    pictures = [sh for sh in slides[0].shapes if sh.shape_type == 13]
    assert len(pictures) == 1 and pictures[0].image.size == (3840, 2160)
    assert pictures[0].width == deck.slide_width
    for slide, name in zip(slides, ["India–Vietnam", "The December 2021 summit"], strict=True):
        notes = slide.notes_slide.notes_text_frame.text
        expected = event_titles(two_views, name)
        assert expected, name
        # Every event of the slide, numbered or not, is in the notes with its outlet.
        for title in expected:
            assert title[:40] in notes, (name, title)
        assert "Sources of the numbered events:" in notes
    summit_notes = slides[1].notes_slide.notes_text_frame.text
    assert "First India-Russia 2+2 ministerial dialogue" in summit_notes.split("Other events")[0]


def test_a_pdf_deck_has_a_page_per_view_then_the_appendix(two_views: Path, tmp_path: Path) -> None:
    done = timeline_app(
        "export-deck", "-o", "brief.pdf", "--views", "The December 2021 summit,India–Vietnam",
        "--db", str(two_views), cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    reader = PdfReader(str(tmp_path / "brief.pdf"))
    # Words come out tab-separated and in drawing order: compare normalised text.
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert f"({len(pages)} pages (2 slides + appendix))" in done.stderr
    # The order of --views; title and caption are text on the page.
    assert "The December 2021 summit Six agreements in one day · 25 Nov 2021" in pages[0]
    assert "India–Vietnam Defence ties deepen after the 2016 partnership" in pages[1]
    assert "Sources:" not in pages[0] + pages[1]
    appendix = pages[2:]
    assert appendix and all("Sources: " in p for p in appendix)
    assert any("Sources: The December 2021 summit" in p for p in appendix)
    assert any("Sources: India–Vietnam" in p for p in appendix)
    assert reader.metadata is not None and "India–Vietnam" in (reader.metadata.title or "")


def test_no_views_unknown_view_and_unwritable_path_are_one_line_errors(
    seeded: Path, two_views: Path, tmp_path: Path
) -> None:
    empty = timeline_app("export-deck", "-o", "brief.pdf", "--db", str(seeded), cwd=tmp_path)
    assert empty.returncode == 1
    assert "there are no saved views" in empty.stderr and "views save NAME" in empty.stderr
    unknown = timeline_app(
        "export-deck", "-o", "b.pptx", "--views", "Nope", "--db", str(two_views), cwd=tmp_path
    )
    assert unknown.returncode == 2
    assert unknown.stderr.strip().splitlines() == [
        "timeline-app export-deck: error: no saved view called 'Nope'; "
        "saved: 'India–Vietnam', 'The December 2021 summit'"
    ]
    for name in ("missing/b.pptx", "missing/b.pdf"):
        done = timeline_app("export-deck", "-o", name, "--db", str(two_views), cwd=tmp_path)
        assert done.returncode == 1 and "does not exist" in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    wrong = timeline_app("export-deck", "-o", "b.png", "--db", str(two_views), cwd=tmp_path)
    assert wrong.returncode == 1 and "use .pptx or .pdf" in wrong.stderr
    assert not list(tmp_path.glob("b.*"))


def test_a_view_whose_window_holds_no_event_is_refused_by_name(
    seeded: Path, tmp_path: Path
) -> None:
    db = tmp_path / "empty-view.sqlite3"
    db.write_bytes(seeded.read_bytes())
    store = Store.open(db, create=False)
    store.save_view(SavedView("Nothing", filter=filter_input(date_from="1900", date_to="1901")))
    store.close()
    done = timeline_app("export-deck", "-o", "b.pdf", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 1
    assert "saved view 'Nothing': no event between" in done.stderr
    assert not (tmp_path / "b.pdf").exists()


def test_a_deck_never_writes_over_a_database_and_a_failed_write_keeps_the_old_file(
    two_views: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file named like a deck that is a database (a renamed copy): refused, untouched.
    disguised = tmp_path / "brief.pdf"
    disguised.write_bytes(two_views.read_bytes())
    done = timeline_app("export-deck", "-o", str(disguised), "--db", str(two_views), cwd=tmp_path)
    assert done.returncode == 1 and "SQLite" in done.stderr
    assert disguised.read_bytes() == two_views.read_bytes()
    # A disk that fills while the deck is written: the old deck stays, no temporary file.
    from timeline_app.ui.figures import deck_cli

    old = tmp_path / "old.pptx"
    old.write_bytes(b"the old deck")
    real_write = os.write

    def disk_full(fd: int, data: bytes) -> int:
        if fd > 2:
            raise OSError(28, os.strerror(28))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", disk_full)
    monkeypatch.setenv("TIMELINE_APP_DATA_DIR", str(tmp_path / "user-data"))
    status = deck_cli.run(["-o", str(old), "--db", str(two_views)])
    monkeypatch.undo()
    assert status == 1
    assert old.read_bytes() == b"the old deck"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "user-data") == [
        "brief.pdf",
        "old.pptx",
    ]
