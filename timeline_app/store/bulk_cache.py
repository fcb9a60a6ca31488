"""A file cache of every bulk event as numpy columns, so a restart skips the SQLite read.

Reading a million bulk rows out of SQLite takes about two seconds; loading the same
columns from a ``.npz`` file takes a few tens of milliseconds. The cache is keyed by
the database file and a signature of its bulk data (every imported dataset and the
highest event key), so any import makes a new key and an old file is never used.
A cache that cannot be read or written is ignored: the database is the truth.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from pathlib import Path

import numpy as np

from timeline_app.domain import Pair
from timeline_app.store.bulk_read import BulkColumns

_ARRAYS = ("day", "pair_id", "category_id", "modality_id", "score", "pk")


def bulk_signature(conn: sqlite3.Connection) -> str:
    datasets = conn.execute(
        "SELECT group_concat(pk || ':' || file_sha256 || ':' || imported_rows, ',') "
        "FROM (SELECT * FROM datasets ORDER BY pk)"
    ).fetchone()[0]
    top = conn.execute("SELECT max(global_id) FROM bulk_events").fetchone()[0]
    return f"{datasets}|{top}"


def cache_path(folder: Path, db_path: Path, signature: str) -> Path:
    key = hashlib.sha256(f"{db_path.resolve()}\n{signature}".encode()).hexdigest()[:32]
    return folder / f"bulk-{key}.npz"


def load(path: Path) -> BulkColumns | None:
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in _ARRAYS}
            pairs = [Pair(str(a), str(b)) for a, b in data["pairs"]]
    except (OSError, KeyError, ValueError):
        return None
    return BulkColumns(pairs=pairs, **arrays)


def save(path: Path, columns: BulkColumns) -> None:
    """Write atomically (a temporary file renamed into place); failures are ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("bulk-*.npz"):
            if old != path:
                old.unlink(missing_ok=True)  # one cache per data folder is enough
        pairs = np.array([[p.a, p.b] for p in columns.pairs], dtype=str).reshape(-1, 2)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".npz")
        with os.fdopen(handle, "wb") as stream:
            np.savez(stream, pairs=pairs, **{name: getattr(columns, name) for name in _ARRAYS})
        os.replace(temporary, path)
    except OSError:
        pass
