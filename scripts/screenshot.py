"""Render the main window offscreen on the bundled seeds and save screenshots.

Usage: QT_QPA_PLATFORM=offscreen python scripts/screenshot.py OUTPUT_DIR [--size 1366x768]

Regenerates the README images: it builds a fresh database from the bundled seeds
in a temporary folder (your own data is never touched), selects an event with
several sources, and saves light and dark renders of the first view the window opens
on, or of the window given with ``--from``/``--to`` (``2021-11-20``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("output", type=Path)
    parser.add_argument("--size", default="1366x768")
    parser.add_argument(
        "--event", default="", help="event id to select (default: a multi-source one)"
    )
    parser.add_argument(
        "--db", type=Path, help="an existing database (default: built from the seeds)"
    )
    parser.add_argument("--name", default="main-window", help="file name prefix")
    parser.add_argument("--from", dest="date_from", default="", help="first day shown")
    parser.add_argument("--to", dest="date_to", default="", help="last day shown")
    parser.add_argument("--themes", default="light,dark")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    tmp = Path(tempfile.mkdtemp(prefix="timeline-shot-"))
    os.environ["TIMELINE_APP_DATA_DIR"] = str(tmp)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from timeline_app.ui.theme import THEMES
    from timeline_app.ui.window.main_window import MainWindow

    window = MainWindow(args.db or tmp / "seeds.sqlite3")
    window.resize(width, height)
    window.show()
    deadline = time.monotonic() + 60
    while (window.snapshot is None or window.jobs.busy) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    assert window.snapshot is not None, "the seeds did not load"
    events = window.snapshot.events
    chosen = (
        args.event
        or max(events, key=lambda e: (len({c.document for c in e.citations}), e.when.start_day)).id
    )
    window.select_event(chosen)
    if args.date_from and args.date_to:
        from timeline_app.dates import parse_iso, period_end, to_day

        first, _ = parse_iso(args.date_from)
        last = period_end(*parse_iso(args.date_to))
        window.timeline.set_visible_range(to_day(first), to_day(last) + 1)
    window.timeline.lanes_scroller.show(0.0)
    args.output.mkdir(parents=True, exist_ok=True)
    for name in args.themes.split(","):
        window.set_theme(THEMES[name])
        for _ in range(5):
            app.processEvents()
        path = args.output / f"{args.name}-{name}-{width}x{height}.png"
        window.grab().save(str(path))
        print(path)
    window.close()
    window.deleteLater()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
