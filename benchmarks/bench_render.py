"""Timeline repaint and relationship-panel recompute with many bulk events.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/bench_render.py [--events 1000000] [--runs 15]

Prints one line per figure: the median (and min/max) of several runs. The bulk events
are synthetic (random days over 1990-2024 on 40 pairs with a Zipf-like popularity) and
live only in memory: this measures drawing, not loading. The curated seeds are drawn
over them with their titles and clusters, as in the window (``--no-curated`` leaves
them out).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date

import numpy as np
from machine import machine_line  # benchmarks/machine.py, beside this script


def synthetic(count: int, pairs: int, seed: int = 1) -> tuple:
    from timeline_app.dates import to_day
    from timeline_app.domain import Pair

    rng = np.random.default_rng(seed)
    codes = ["IND", "VNM", "RUS", "CHN", "USA", "JPN", "AUS", "PAK", "FRA", "KAZ"]
    all_pairs = [Pair.of(a, b) for i, a in enumerate(codes) for b in codes[i + 1 :]][:pairs]
    weights = 1.0 / np.arange(1, len(all_pairs) + 1)
    lo, hi = to_day(date(1990, 1, 1)), to_day(date(2024, 12, 31))
    return (
        all_pairs,
        rng.integers(lo, hi, count),
        rng.choice(len(all_pairs), count, p=weights / weights.sum()),
        rng.uniform(-10, 10, count).astype(np.float32),
        rng.integers(0, 11, count),
    )


def median_ms(samples: list[float]) -> str:
    ms = [s * 1000 for s in samples]
    return f"median {statistics.median(ms):7.2f} ms (min {min(ms):.2f}, max {max(ms):.2f}, n={len(ms)})"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--pairs", type=int, default=40)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--size", default="1563x900")
    parser.add_argument("--no-curated", action="store_true", help="bulk events only")
    args = parser.parse_args()
    print(machine_line())
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from timeline_app.bulk_layout import BulkIndex
    from timeline_app.ui.timeline.timeline_view import TimelineView

    pairs, days, pair_ids, scores, cats = synthetic(args.events, args.pairs)
    started = time.perf_counter()
    index = BulkIndex(pairs, days, pair_ids, scores, cats)
    print(
        f"bulk index build ({args.events:,} events): {(time.perf_counter() - started) * 1000:.1f} ms"
    )
    width, height = (int(v) for v in args.size.split("x"))
    view = TimelineView()
    view.resize(width, height)
    view.show()
    if args.no_curated:
        view.set_events([], {})
    else:
        from timeline_app.ingest.corpus import read_corpus
        from timeline_app.services import bundled_corpus_paths

        seeds = read_corpus(bundled_corpus_paths())
        view.set_events(seeds.events, {a.code: a for a in seeds.actors})
        print(f"curated events drawn with their titles: {len(seeds.events)}")
    view.set_bulk(index)
    view.fit_all()
    for _ in range(5):
        app.processEvents()

    def repaint_samples(pan: bool) -> list[float]:
        """Repaints with nothing moved (hover, selection: the last frame's bulk image is
        reused) or each after a pan by one aggregate column (everything binned again)."""
        samples = []
        lo, hi = view.visible_range()
        step = (hi - lo) / max(1, int(view.view_box.width() // 2))
        for k in range(args.runs):
            if pan:  # no event processing in between: the timed repaint is the first
                view.set_visible_range(lo + (k + 1) * step, hi + (k + 1) * step)
            view.marks.update()
            started = time.perf_counter()
            view.plot.viewport().repaint()
            samples.append(time.perf_counter() - started)
        view.set_visible_range(lo, hi)
        app.processEvents()
        return samples

    size = f"{args.events:,} events, {width}x{height}"
    print(f"timeline repaint after a pan, whole span, {size}: {median_ms(repaint_samples(True))}")
    print(
        f"timeline repaint, nothing moved, whole span, {size}: {median_ms(repaint_samples(False))}"
    )
    lo, hi = view.visible_range()
    centre = (lo + hi) / 2
    view.set_visible_range(centre - (hi - lo) * 0.005, centre + (hi - lo) * 0.005)
    for _ in range(5):
        app.processEvents()
    print(f"timeline repaint after a pan, zoomed to 1%, {size}: {median_ms(repaint_samples(True))}")
    print(
        f"timeline repaint, nothing moved, zoomed to 1%, {size}: {median_ms(repaint_samples(False))}"
    )

    def zoom_samples() -> list[float]:
        """A zoom step: the titles are laid out again for the new scale, then repainted."""
        samples = []
        for k in range(args.runs):
            lo, hi = view.visible_range()
            factor = 0.9 if k % 2 else 1 / 0.9
            centre, half = (lo + hi) / 2, (hi - lo) / 2 * factor
            view.set_visible_range(centre - half, centre + half)
            started = time.perf_counter()
            view._relayout()  # what the zoom's zero timer runs
            view.plot.viewport().repaint()
            samples.append(time.perf_counter() - started)
        return samples

    print(
        f"timeline zoom step (titles laid out, repaint), zoomed to 1%, {size}: {median_ms(zoom_samples())}"
    )
    view.fit_all()
    for _ in range(5):
        app.processEvents()
    print(
        f"timeline zoom step (titles laid out, repaint), whole span, {size}: {median_ms(zoom_samples())}"
    )

    samples = []
    rng = np.random.default_rng(2)
    for _ in range(args.runs):
        a = float(rng.uniform(lo, hi))
        started = time.perf_counter()
        index.window(a, a + (hi - lo) * 0.2)
        samples.append(time.perf_counter() - started)
    print(
        f"relationship panel weights for a new window, {args.events:,} events: {median_ms(samples)}"
    )
    view.close()
    view.deleteLater()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
