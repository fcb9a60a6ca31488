"""How much of the timeline reads without hovering, and what placing the titles costs.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/bench_labels.py [--size 1366x768]

Opens the real main window on the bundled seeds (a fresh database in a temporary
folder) and prints, for the first view and for one zoom into each month of 2021:
the events in the window, how many carry a readable title (the whole title, or at
least 12 characters of it, inside the window), how many drawn marks and titles
overlap (always 0), and the time one layout of every lane takes.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from machine import machine_line  # benchmarks/machine.py, beside this script


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1366x768")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="bench-labels-"))
    os.environ["TIMELINE_APP_DATA_DIR"] = str(folder)
    print(machine_line())

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from timeline_app.dates import to_day
    from timeline_app.mark_layout import in_window, readable_events
    from timeline_app.ui.timeline.marks_item import measure_for
    from timeline_app.ui.window.main_window import MainWindow

    window = MainWindow(folder / "seeds.sqlite3")
    window.resize(width, height)
    window.show()

    def spin(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    while window.snapshot is None or window.jobs.busy:
        spin(50)
    timeline = window.timeline

    def figures(label: str) -> float:
        spin(30)
        timeline._relayout()
        layout, events = timeline.marks_layout(), timeline.events()
        view = timeline.visible_range()
        shown = in_window(events, view)
        readable = readable_events(layout, events, view, measure_for(timeline.label_font()))
        rects = [r for m in layout.marks for r in layout.rects(m)]
        clashes = sum(
            a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
            for a, b in itertools.combinations(rects, 2)
        )
        times = []
        for _ in range(15):
            started = time.perf_counter()
            timeline._compute_layout()
            times.append((time.perf_counter() - started) * 1000)
        share = len(readable & shown) / max(len(shown), 1)
        print(
            f"{label:<22} {len(shown):>3} events in the window, {len(readable & shown):>3} "
            f"readable ({share:.0%}), {clashes} overlaps, "
            f"layout {statistics.median(times):.1f} ms (min {min(times):.1f})"
        )
        return share

    first = timeline.visible_range()
    print(f"window {width}x{height}, first view {first}")
    figures("first view")
    shares = []
    for month in range(1, 13):
        start = to_day(date(2021, month, 1))
        end = to_day(date(2021 + month // 12, month % 12 + 1, 1))
        timeline.set_visible_range(start, end)
        shares.append(figures(f"2021-{month:02d}"))
    print(
        f"months of 2021: readable share min {min(shares):.0%}, median {statistics.median(shares):.0%}"
    )
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
