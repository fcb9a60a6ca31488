"""The file cache of bulk columns: used when the data is unchanged, never when stale."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from timeline_app.services import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "gdelt"
TAB = FIXTURES / "20211206000000.export.CSV"


def new_events_file(folder: Path) -> Path:
    """The fixture's rows under other GLOBALEVENTIDs: new events, another file."""
    rows = []
    for line in TAB.read_text(encoding="utf-8").splitlines():
        first, rest = line.split("\t", 1)
        rows.append(f"{int(first) + 1_000_000}\t{rest}")
    path = folder / "20211207000000.export.CSV"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def same(a: object, b: object) -> bool:
    names = ("day", "pair_id", "category_id", "modality_id", "score", "pk")
    return a.pairs == b.pairs and all(
        np.array_equal(getattr(a, n), getattr(b, n)) and getattr(a, n).dtype == getattr(b, n).dtype
        for n in names
    )


def test_the_cache_is_written_reused_and_replaced_after_an_import(
    tmp_path: Path, isolated_user_data: Path
) -> None:
    store = Store.open(tmp_path / "b.sqlite3")
    store.import_gdelt([TAB])
    first = store.all_bulk_columns()
    files = list((isolated_user_data / "cache").glob("bulk-*.npz"))
    assert len(files) == 1
    assert same(store.all_bulk_columns(), first)
    assert same(first, store.bulk_columns())
    store.import_gdelt([new_events_file(tmp_path)])
    after = store.all_bulk_columns()
    assert len(after) > len(first), "a new import is never hidden by the cache"
    assert same(after, store.bulk_columns())
    assert [p.name for p in (isolated_user_data / "cache").glob("bulk-*.npz")] != [files[0].name]


def test_an_unreadable_cache_falls_back_to_the_database(
    tmp_path: Path, isolated_user_data: Path
) -> None:
    store = Store.open(tmp_path / "b.sqlite3")
    store.import_gdelt([TAB])
    store.all_bulk_columns()
    (cache,) = (isolated_user_data / "cache").glob("bulk-*.npz")
    cache.write_bytes(b"not a zip")
    assert same(store.all_bulk_columns(), store.bulk_columns())
