"""Search and filter queries, panel recompute and memory with a large bulk database.

Usage:
  python benchmarks/bench_queries.py --db big.sqlite3 [--runs 7]

The database must hold bulk events (build one with benchmarks/generate_gdelt.py and
`timeline-app import-gdelt`). Prints one line per figure, the median of several runs:
  * filter queries: every bulk event is read from SQLite once, then each filter (whole
    span, one actor, one category, one year) is applied in memory, per-lane index
    included (what the views do); the same filters as SQL queries for comparison;
    and curated full-text search;
  * the relationship panel recompute for a new window (per-pair sorted arrays);
  * resident memory of a process holding the columns and their index.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from datetime import date
from pathlib import Path

from machine import machine_line, timed_ms  # benchmarks/machine.py, beside this script


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(machine_line())
    from timeline_app.domain import Category, EventFilter
    from timeline_app.services import BulkData, Store, fetch_bulk

    store = Store.open(args.db, create=False)
    columns = store.bulk_columns()
    n = len(columns)
    print(f"database {args.db}: {n:,} bulk events, {store.counts().events} curated events")
    filters = {
        "whole span": EventFilter(),
        "one actor (IND)": EventFilter(actors=frozenset({"IND"})),
        "one category (dispute)": EventFilter(categories=frozenset({Category.DISPUTE})),
        "one year (2020)": EventFilter(start=date(2020, 1, 1), end=date(2020, 12, 31)),
        "actor, category and year together": EventFilter(
            actors=frozenset({"IND"}),
            categories=frozenset({Category.DISPUTE}),
            start=date(2020, 1, 1),
            end=date(2020, 12, 31),
        ),
    }
    started = time.perf_counter()
    full, _ = fetch_bulk(store, EventFilter())
    read_ms = (time.perf_counter() - started) * 1000
    print(f"read every bulk event once (SQLite -> columns + index): {read_ms:.0f} ms")
    for label, flt in filters.items():
        _full, picked = fetch_bulk(store, flt, full)
        rows = len(picked) if picked else 0
        timing = timed_ms(lambda f=flt: fetch_bulk(store, f, full), args.runs)
        print(f"filter in memory, {label} ({rows:,} rows, index included): {timing}")
    for label, flt in filters.items():
        rows = len(store.bulk_columns(flt))
        timing = timed_ms(lambda f=flt: store.bulk_columns(f), 3)
        print(f"same filter as a SQL query, {label} ({rows:,} rows): {timing}")
    for text in ("Akash", "US-China", "defence cooperation"):
        flt = EventFilter(text=text)
        print(f"full-text search {text!r}: {timed_ms(lambda f=flt: store.events(f), args.runs)}")
    started = time.perf_counter()
    index = BulkData.of(columns).index  # built as the app builds it
    print(f"bulk index build ({n:,} events): {(time.perf_counter() - started) * 1000:.0f} ms")
    lo, hi = float(columns.day.min()), float(columns.day.max())
    span = hi - lo
    windows = [(lo + span * f, lo + span * f + span * 0.1) for f in (0.1, 0.3, 0.5, 0.7, 0.85)]
    state = {"i": 0}

    def recompute() -> None:
        a, b = windows[state["i"] % len(windows)]
        state["i"] += 1
        index.window(a, b)

    print(
        f"relationship panel recompute for a new window ({len(columns.pairs)} pairs): {timed_ms(recompute, args.runs * 3)}"
    )
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak resident memory with {n:,} events as columns + index: {peak_kb / 1024:.0f} MB")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
