"""Bulk-event use cases (GDELT): importing exports, reading every bulk event as numpy
columns (from a file cache when the data is unchanged), and filtering them in memory
for the views (``fetch_bulk``, run on the worker thread).

Kept apart from the curated events: bulk events carry no text and come by the
hundred thousand, so they are read as columns, never as domain objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from timeline_app import paths
from timeline_app.bulk_layout import BulkIndex
from timeline_app.domain import EventFilter
from timeline_app.filters import FilterRules, bulk_rows_in_memory, needs_sql
from timeline_app.services.database import OpenDatabase
from timeline_app.store import bulk_cache, bulk_read
from timeline_app.store.bulk_read import CATEGORIES, MODALITIES, BulkColumns, BulkEvent

if TYPE_CHECKING:  # the importer: not needed to view
    from timeline_app.store.bulk import ImportReport, ProgressCallback


class BulkEvents(OpenDatabase):
    """Importing and reading bulk events."""

    def import_gdelt(
        self,
        paths: Sequence[Path],
        *,
        countries: frozenset[str] | None = None,
        strict: bool = False,
        on_progress: ProgressCallback | None = None,
    ) -> ImportReport:
        """Import GDELT 2.0 exports in one transaction; see ``store.bulk.import_gdelt``.

        ``on_progress(rows_done, bytes_done, bytes_total)`` returning False cancels
        (``ImportCancelled``), leaving the database unchanged.
        """
        from timeline_app.store import bulk  # the importer: not needed to view

        with self.db.connect() as conn:
            return bulk.import_gdelt(
                conn, paths, countries=countries, strict=strict, on_progress=on_progress
            )

    def bulk_columns(self, flt: EventFilter = EventFilter()) -> BulkColumns:
        """Bulk events passing ``flt`` as numpy columns sorted by day (for the views)."""
        with self.db.connect() as conn:
            return bulk_read.bulk_columns(conn, flt)

    def all_bulk_columns(self) -> BulkColumns:
        """Every bulk event as columns, from the file cache when the data is unchanged."""
        with self.db.connect() as conn:
            path = bulk_cache.cache_path(
                paths.user_dir() / "cache", self.path, bulk_cache.bulk_signature(conn)
            )
            cached = bulk_cache.load(path) if path.exists() else None
            if cached is not None:
                return cached
            columns = bulk_read.bulk_columns(conn)
        if len(columns):
            bulk_cache.save(path, columns)
        return columns

    def bulk_event(self, pk: int) -> BulkEvent | None:
        """One bulk event's details (tooltip, source pane); ``pk`` is its GLOBALEVENTID."""
        with self.db.connect() as conn:
            return bulk_read.bulk_event(conn, pk)


@dataclass(frozen=True)
class BulkData:
    """Bulk events for the views: every column, the positions that pass the filter
    (``None``: all of them) and the lane index of those events."""

    columns: BulkColumns
    index: BulkIndex
    rows: npt.NDArray[np.int64] | None = None

    def __len__(self) -> int:
        return len(self.columns) if self.rows is None else len(self.rows)

    @classmethod
    def of(cls, columns: BulkColumns) -> BulkData:
        """Every event of ``columns``, with their lane index (keyed by GLOBALEVENTID)."""
        index = BulkIndex(
            columns.pairs,
            columns.day,
            columns.pair_id,
            columns.score,
            columns.category_id,
            row=columns.pk,
        )
        return cls(columns, index)


def fetch_bulk(
    store: BulkEvents, flt: EventFilter, full: BulkData | None = None
) -> tuple[BulkData | None, BulkData | None]:
    """Runs on the worker thread: (all bulk events, those passing ``flt``), or Nones.

    All bulk events are read once (from SQLite, or from the file cache) and kept; a
    new filter is then applied in memory, without copying columns or sorting again
    (see ``BulkIndex.filtered``). What the filter means is ``filters.FilterRules``
    (a text search passes no bulk event: they carry no text).
    """
    if full is None:
        columns = store.all_bulk_columns()
        if len(columns) == 0:
            return None, None
        full = BulkData.of(columns)
    rules = FilterRules.of(flt)
    if rules == FilterRules():
        return full, full
    columns = full.columns
    categories = [c.value for c in CATEGORIES]
    rows = bulk_rows_in_memory(
        rules, columns.day, columns.pair_id, columns.category_id, columns.modality_id,
        columns.pairs, categories, [m.value for m in MODALITIES],
    )  # fmt: skip
    if needs_sql(rules):  # datasets are not in memory: the database says which rows
        with store.db.connect() as conn:
            keys = bulk_read.bulk_keys(conn, flt)
        rows = rows[np.isin(columns.pk[rows], keys)]
    if len(rows) == 0:
        return full, None
    index = full.index
    if flt.actors:
        index = index.subset_lanes(
            [i for i, p in enumerate(index.pairs) if rules.pair_passes(p.a, p.b)]
        )
    if flt.start is not None or flt.end is not None or flt.categories:
        index = index.filtered(
            start_day=rules.start_day,
            end_day=rules.end_day,
            categories=[categories.index(c) for c in rules.categories] or None,
        )
    if rules.modalities or needs_sql(rules):  # the index holds no modality: by row
        index = index.filtered(rows=columns.pk[rows])
    return full, BulkData(columns, index, rows)
