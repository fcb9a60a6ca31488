"""A page pasted into the search box: how long each search path takes with it.

Usage:
  python benchmarks/bench_pasted_search.py --db big.sqlite3 [--words 2000] [--runs 3]

The page is built from the bundled articles' own words (so FTS5 finds matches for
each of them), as long as ``--words``. The text goes through ``filters.build_filter``
as the filter bar's does, then to each search path the window runs: the curated
events (FTS5 over events and cited paragraphs), the ranking of matches, the
paragraph search, and the bulk events in SQL and in memory (a text search matches
curated events only, so both bulk paths should answer at once with nothing).
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from pathlib import Path

from bench_queries import median_ms  # benchmarks/bench_queries.py, beside this script
from machine import machine_line  # benchmarks/machine.py, beside this script


def pasted_page(words: int) -> str:
    from timeline_app.paths import seeds_dir

    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(seeds_dir().glob("*.txt")))
    vocabulary = re.findall(r"\w+", text)
    return " ".join(itertools.islice(itertools.cycle(vocabulary), words))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(machine_line())
    from timeline_app.filters import FilterInput, build_filter
    from timeline_app.services import Store, fetch_bulk

    store = Store.open(args.db, create=False)
    page = pasted_page(args.words)
    result = build_filter(FilterInput(text=page))
    flt = result.filter
    print(f"pasted {args.words} words ({len(page):,} characters); the search uses "
          f"{len(flt.text.split())} words; note: {result.errors.get('text', '(none)')}")  # fmt: skip
    full, _ = fetch_bulk(store, type(flt)())
    paths = {
        "curated events (FTS5)": lambda: store.events(flt),
        "ranking of matches": lambda: store.rank_matches(flt.text),
        "paragraph search": lambda: store.search_paragraphs(flt.text),
        "bulk events, SQL": lambda: store.bulk_columns(flt),
        "bulk events, in memory": lambda: fetch_bulk(store, flt, full),
    }
    for label, run in paths.items():
        print(f"{label}: {median_ms(run, args.runs)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
