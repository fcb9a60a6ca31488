"""What each way of filtering bulk events costs on a large database.

Usage:
  python benchmarks/bench_filter_paths.py --db big.sqlite3 [--runs 5]

With every bulk event already in memory (as the window keeps them), prints the median
time of:
  * a filter the columns answer (an actor): ``bulk_rows_in_memory`` alone;
  * a filter only SQL answers (a dataset): the SQL read of the matching events (all
    their columns, and their keys alone, what ``fetch_bulk`` reads), the ``np.isin``
    that maps them onto the rows in memory, and the whole ``fetch_bulk``;
  * a text search: the whole ``fetch_bulk`` (bulk events carry no text, so nothing is
    read), and for comparison what matching words of the source URLs in SQL costs
    (``instr`` over every URL), the meaning the filter rules do not take.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import numpy as np
from machine import machine_line, timed_ms  # benchmarks/machine.py, beside this script


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(machine_line())
    from timeline_app.domain import EventFilter
    from timeline_app.services import BulkData, Store, fetch_bulk
    from timeline_app.store import bulk_read

    store = Store.open(args.db, create=False)
    full = BulkData.of(store.bulk_columns())
    pk = full.columns.pk
    with store.db.connect() as conn:
        dataset = conn.execute("SELECT name FROM datasets ORDER BY pk LIMIT 1").fetchone()[0]
    print(f"database {args.db}: {len(full):,} bulk events; dataset {dataset}")

    def store_keys(flt: EventFilter) -> Any:
        with store.db.connect() as conn:
            return bulk_read.bulk_keys(conn, flt)

    actor = EventFilter(actors=frozenset({"IND"}))
    by_dataset = EventFilter(datasets=frozenset({dataset}))
    print(
        "actor, in memory (fetch_bulk):      ",
        timed_ms(lambda: fetch_bulk(store, actor, full), args.runs),
    )
    from_sql = store.bulk_columns(by_dataset).pk
    print(
        f"dataset, SQL read of {len(from_sql):,} events:",
        timed_ms(lambda: store.bulk_columns(by_dataset), args.runs),
    )
    print(
        "dataset, SQL read of their keys only:",
        timed_ms(lambda: store_keys(by_dataset), args.runs),
    )
    print(
        "dataset, np.isin onto the rows:     ", timed_ms(lambda: np.isin(pk, from_sql), args.runs)
    )
    print(
        "dataset, whole fetch_bulk:          ",
        timed_ms(lambda: fetch_bulk(store, by_dataset, full), args.runs),
    )
    text = EventFilter(text="ind")
    print(
        "text, whole fetch_bulk:             ",
        timed_ms(lambda: fetch_bulk(store, text, full), args.runs),
    )
    with store.db.connect() as conn:
        query = "SELECT global_id FROM bulk_events WHERE instr(lower(source_url), ?) > 0"

        def url_words() -> None:
            found = np.array([row[0] for row in conn.execute(query, ("ind",))], dtype=np.int64)
            np.isin(pk, found)

        print("URL words in SQL + np.isin (unused):", timed_ms(url_words, args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
