"""What the relationship panel costs: its first layout, and each new time window after.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/bench_panel.py [--windows 30]

For the bundled seeds and for synthetic bulk ties (the curated actors and 40 imported
countries, 300 Zipf-like ties with India and a few powers as hubs, as in GDELT), at the
panel's size in a 1366x768 window (410x280) and in a 1024x600 one (305x237), prints:

* first: the first layout of a data set (placing every node, routing every tie);
* window: one window change, as ``set_weights`` runs on every pan and zoom, its
  min/median/max over ``--windows`` windows: for the seeds a ten-year window moved
  by two months at a time; for bulk ties every tie's count varied by up to 50% and a
  tenth of the ties left out (so the strongest ties drawn change from window to
  window);
* paint: one repaint of the panel after a window change (median).

A window's figure is the recompute (``set_weights`` and laying out what it asks for);
the repaint is given apart.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from machine import machine_line  # benchmarks/machine.py, beside this script

SIZES = ((410, 280), (305, 237))
HUBS = ("IND", "USA", "CHN", "RUS", "PAK", "GBR")


def bulk_data(ties: int = 300, seed: int = 1, sample: int = 5) -> tuple[list[Any], dict[Any, Any]]:
    """The curated actors, 40 imported countries and ``ties`` Zipf-like ties."""
    from timeline_app.countries import places
    from timeline_app.domain import Pair
    from timeline_app.ingest.cameo import bulk_actor
    from timeline_app.ingest.corpus import read_actors
    from timeline_app.layout import EdgeWeight
    from timeline_app.paths import resources_dir

    curated = list(read_actors(resources_dir() / "actors.yaml", []).values())
    known = {a.code for a in curated}
    countries = [c for c, p in sorted(places().items()) if p.kind == "country" and c not in known]
    actors = curated + [bulk_actor(c) for c in random.Random(sample).sample(countries, 40)]
    rng, codes = random.Random(seed), [a.code for a in actors]
    weights: dict[Any, Any] = {}
    while len(weights) < ties:
        a = rng.choice(HUBS) if rng.random() < 0.8 else rng.choice(codes)
        b = rng.choice(codes)
        if a != b:
            weights[Pair.of(a, b)] = EdgeWeight(int(5000 / (len(weights) + 1)), rng.uniform(-6, 6))
    return actors, weights


def seed_data() -> tuple[list[Any], Callable[[int], dict[Any, Any]]]:
    """The seeds' actors, and their ties in the k-th ten-year window (two months apart)."""
    from timeline_app.dates import to_day
    from timeline_app.layout import pair_index
    from timeline_app.services import Store

    store = Store.open(Path(tempfile.mkdtemp(prefix="bench-panel-")) / "seeds.sqlite3")
    store.ensure_seeded()
    actors, events = store.actors(), store.events()
    store.close()
    index, start = pair_index(events), to_day(date(2013, 1, 1))
    return actors, lambda k: index.window(start + 60 * k, start + 60 * k + 3650)


def spread(times: Sequence[float]) -> str:
    return (
        f"min {min(times):6.1f}  median {statistics.median(times):6.1f}  max {max(times):6.1f} ms"
    )


def measure(
    app: Any, size: tuple[int, int], actors: list[Any], window: Callable[[int], Any], runs: int
) -> tuple[float, list[float], list[float]]:
    from timeline_app.ui.relations.relation_view import RelationView

    view = RelationView()
    view.resize(*size)
    view.show()
    app.processEvents()
    view.set_actors(actors)
    started = time.perf_counter()
    view.set_weights(window(0), "window")
    view.edge_items()  # runs the pending layout
    first = (time.perf_counter() - started) * 1000
    app.processEvents()
    recompute, paint = [], []
    for k in range(1, runs + 1):
        weights = window(k)
        started = time.perf_counter()
        view.set_weights(weights, "window")
        view.edge_items()
        recompute.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        view.viewport().repaint()
        paint.append((time.perf_counter() - started) * 1000)
    view.close()
    return first, recompute, paint


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--windows", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(machine_line())
    from PySide6.QtWidgets import QApplication

    from timeline_app.layout import EdgeWeight

    app = QApplication(sys.argv[:1])
    seeds, seed_window = seed_data()
    actors, full = bulk_data()

    def bulk_window(k: int) -> dict[Any, Any]:
        if k == 0:
            return full
        rng = random.Random(k)
        return {
            p: EdgeWeight(max(1, int(w.count * rng.uniform(0.5, 1.5))), w.score_sum)
            for p, w in full.items()
            if rng.random() > 0.1
        }

    for name, data, window in (
        ("seeds", seeds, seed_window),
        ("bulk ", actors, bulk_window),
    ):
        for size in SIZES:
            first, recompute, paint = measure(app, size, data, window, args.windows)
            label = f"{name} {size[0]}x{size[1]}"
            print(f"{label}  first {first:6.1f} ms")
            print(f"{label}  window {spread(recompute)}")
            print(f"{label}  paint  median {statistics.median(paint):6.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
