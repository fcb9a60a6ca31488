"""Level of detail for bulk events: per-lane sorted columns, per-pixel bins, windows.

A million dyadic events cannot be drawn one mark at a time (one QPainterPath of 1M
marks took 36 s to draw here), so each lane keeps its events' days sorted with a
cumulative score sum, and a frame asks for per-pixel-column counts and mean scores:
two ``searchsorted`` calls and a ``diff`` per lane, whatever the number of events.
When a lane has few enough events in view, the view draws them one by one instead.

Pure numpy, unit-tested without Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from timeline_app.domain import Pair

IntArray = npt.NDArray[np.int64]
# Day numbers are shifted to be non-negative inside the packed keys (covers year 1 on).
_DAY_OFFSET = -800_000
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class LaneBins:
    """Per-column aggregates of one lane over ``edges`` (len(edges) = columns + 1)."""

    edges: FloatArray
    counts: IntArray
    mean_scores: FloatArray  # NaN where a column is empty


class BulkIndex:
    """Bulk events grouped by lane, sorted by day, with cumulative score sums.

    Built once per query result from flat columns (``day``, ``pair_id``, ``score``,
    ``category_id``, ``row``): ``row`` is whatever the caller uses to find an event
    again (its position in the columns, or a database key).
    """

    def __init__(
        self,
        pairs: list[Pair],
        day: npt.ArrayLike,
        pair_id: npt.ArrayLike,
        score: npt.ArrayLike,
        category_id: npt.ArrayLike,
        row: npt.ArrayLike | None = None,
    ) -> None:
        days = np.asarray(day, dtype=np.int64)
        pair_ids = np.asarray(pair_id, dtype=np.int64)
        scores = np.asarray(score, dtype=np.float64)
        categories = np.asarray(category_id, dtype=np.int8)
        rows = (
            np.arange(len(days), dtype=np.int64) if row is None else np.asarray(row, dtype=np.int64)
        )
        # Lexicographic sort (pair, day): each lane becomes one contiguous, day-sorted run.
        order = np.lexsort((days, pair_ids))
        self.pairs = list(pairs)
        self._days = days[order]
        self._scores = scores[order]
        self._categories = categories[order]
        self._rows = rows[order]
        sorted_pairs = pair_ids[order]
        self._starts = np.searchsorted(sorted_pairs, np.arange(len(pairs)), side="left")
        self._ends = np.searchsorted(sorted_pairs, np.arange(len(pairs)), side="right")
        # Cumulative score over the whole sorted array: the score sum of any run
        # [i, j) is cum[j] - cum[i].
        self._cum = np.concatenate([[0.0], np.cumsum(self._scores)])
        # (lane, day) packed in one sorted int64 key: one searchsorted answers for all lanes.
        self._keys = (sorted_pairs.astype(np.int64) << 32) + (self._days - _DAY_OFFSET)
        # Each lane's number inside the keys. A lane subset shares the arrays above and
        # only narrows the lanes, so its lane i is keyed by the parent's number.
        self._lane_key = np.arange(len(pairs), dtype=np.int64)
        self._is_view = False

    def __len__(self) -> int:
        return int((self._ends - self._starts).sum())

    def subset_lanes(self, lanes: Sequence[int]) -> BulkIndex:
        """An index of only these lanes (an actor filter), without copying: the arrays
        are shared and only the lane bookkeeping is new, so it costs microseconds."""
        keep = np.array(sorted(set(lanes)), dtype=np.int64)
        subset = self._copy_with(self._starts[keep], self._ends[keep], self._lane_key[keep])
        subset.pairs = [self.pairs[lane] for lane in keep.tolist()]
        subset._is_view = True
        return subset

    def filtered(
        self,
        start_day: int | None = None,
        end_day: int | None = None,
        categories: Sequence[int] | None = None,
        rows: npt.ArrayLike | None = None,
    ) -> BulkIndex:
        """Only the events from ``start_day`` to ``end_day`` (inclusive) in these category
        ids (and, given ``rows``, only those rows); lanes left empty are dropped. The arrays are already in (lane, day) order,
        so a boolean mask keeps that order: no sort, which is what keeps a filter
        change within a frame or two at a million events."""
        mask: npt.NDArray[np.bool_] | None = None

        def narrow(keep: npt.NDArray[np.bool_]) -> None:
            nonlocal mask
            mask = keep if mask is None else mask & keep

        if start_day is not None:
            narrow(self._days >= start_day)
        if end_day is not None:
            narrow(self._days <= end_day)
        if categories is not None:
            wanted = np.zeros(256, dtype=bool)  # category ids are int8
            wanted[list(categories)] = True
            narrow(wanted[self._categories.view(np.uint8)])
        if rows is not None:  # only these rows (as given at construction)
            narrow(np.isin(self._rows, np.asarray(rows, dtype=np.int64)))
        if mask is None:
            return self
        # Kept events per lane: sums over each lane's run [start, end) (reduceat needs
        # increasing bounds below the length, hence the padding and the empty-run fix).
        bounds = np.stack([self._starts, self._ends], axis=1).ravel()
        padded = np.concatenate([mask, [False]])
        counts = np.add.reduceat(padded, bounds, dtype=np.int64)[::2]
        counts[self._ends == self._starts] = 0
        lanes = np.flatnonzero(counts)
        if self._is_view:  # rows of lanes outside this view are not ours to keep
            mask = mask & _runs_mask(len(mask), self._starts[lanes], self._ends[lanes])
        ends = np.cumsum(counts[lanes])
        subset = self._copy_with(ends - counts[lanes], ends, self._lane_key[lanes])
        subset.pairs = [self.pairs[lane] for lane in lanes.tolist()]
        taken = np.flatnonzero(mask)
        subset._days = self._days[taken]
        subset._scores = self._scores[taken]
        subset._categories = self._categories[taken]
        subset._rows = self._rows[taken]
        subset._keys = self._keys[taken]
        subset._cum = np.concatenate([[0.0], np.cumsum(subset._scores)])
        subset._is_view = False  # the mask kept only this index's own lanes
        return subset

    def _copy_with(self, starts: IntArray, ends: IntArray, lane_key: IntArray) -> BulkIndex:
        other = BulkIndex.__new__(BulkIndex)
        other.__dict__.update(self.__dict__)
        other._starts, other._ends, other._lane_key = starts, ends, lane_key
        return other

    def day_span(self) -> tuple[float, float]:
        """First day and the day after the last, over all lanes."""
        full = self._ends > self._starts
        if not full.any():
            return (0.0, 0.0)
        first = self._days[self._starts[full]].min()
        last = self._days[self._ends[full] - 1].max()
        return float(first), float(last) + 1.0

    def lane_of(self, pair: Pair) -> int | None:
        try:
            return self.pairs.index(pair)
        except ValueError:
            return None

    def lane_size(self, lane: int) -> int:
        return int(self._ends[lane] - self._starts[lane])

    def _slice(self, lane: int, lo: float, hi: float) -> tuple[int, int]:
        start, end = int(self._starts[lane]), int(self._ends[lane])
        days = self._days[start:end]
        i = start + int(np.searchsorted(days, lo, side="left"))
        j = start + int(np.searchsorted(days, hi, side="left"))
        return i, j

    def count_in(self, lane: int, lo: float, hi: float) -> int:
        i, j = self._slice(lane, lo, hi)
        return j - i

    def bins(self, lane: int, lo: float, hi: float, columns: int) -> LaneBins:
        """Counts and mean scores of the lane's events in ``columns`` equal bins of [lo, hi)."""
        columns = max(int(columns), 1)
        edges = np.linspace(lo, hi, columns + 1)
        start, end = int(self._starts[lane]), int(self._ends[lane])
        positions = start + np.searchsorted(self._days[start:end], edges, side="left")
        counts = np.diff(positions)
        sums = np.diff(self._cum[positions])
        with np.errstate(invalid="ignore", divide="ignore"):
            means = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
        return LaneBins(edges, counts.astype(np.int64), means)

    def bins_many(
        self, lanes: Sequence[int], lo: float, hi: float, columns: int
    ) -> tuple[IntArray, FloatArray]:
        """``bins`` for several lanes at once: (counts, mean scores), each (lanes, columns).

        One ``searchsorted`` over the packed (lane, day) keys serves every lane; bin
        edges are rounded up to whole days, as days are whole numbers.
        """
        columns = max(int(columns), 1)
        if not lanes:
            return np.zeros((0, columns), dtype=np.int64), np.zeros((0, columns))
        edges = np.ceil(np.linspace(lo, hi, columns + 1) - _DAY_OFFSET).astype(np.int64)
        keyed = self._lane_key[np.asarray(lanes, dtype=np.int64)]
        # Queries in ascending order let numpy start each search from the last answer
        # (about a tenth faster here); the rows go back to the caller's lane order after.
        order = np.argsort(keyed, kind="stable")
        queries = (keyed[order][:, None] << 32) + edges[None, :]
        positions = np.empty(queries.shape, dtype=np.int64)
        positions[order] = np.searchsorted(self._keys, queries.ravel(), side="left").reshape(
            queries.shape
        )
        counts = np.diff(positions, axis=1)
        sums = np.diff(self._cum[positions], axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            means = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
        return counts.astype(np.int64), means

    def events_in(
        self, lane: int, lo: float, hi: float
    ) -> tuple[IntArray, FloatArray, npt.NDArray[np.int8], IntArray]:
        """(days, scores, category ids, rows) of the lane's events in [lo, hi)."""
        i, j = self._slice(lane, lo, hi)
        return self._days[i:j], self._scores[i:j], self._categories[i:j], self._rows[i:j]

    def top_categories(self, lane: int, lo: float, hi: float, n: int = 3) -> list[tuple[int, int]]:
        """The ``n`` commonest category ids in [lo, hi) with their counts."""
        i, j = self._slice(lane, lo, hi)
        if j <= i:
            return []
        counts = np.bincount(self._categories[i:j])
        order = np.argsort(-counts, kind="stable")[:n]
        return [(int(c), int(counts[c])) for c in order if counts[c] > 0]

    def window(self, lo: float, hi: float) -> dict[Pair, tuple[int, float]]:
        """Per lane (count, score sum) of events in [lo, hi): the relationship panel's weights."""
        result: dict[Pair, tuple[int, float]] = {}
        for lane, pair in enumerate(self.pairs):
            i, j = self._slice(lane, lo, hi)
            if j > i:
                result[pair] = (j - i, float(self._cum[j] - self._cum[i]))
        return result


def _runs_mask(n: int, starts: IntArray, ends: IntArray) -> npt.NDArray[np.bool_]:
    """True inside the runs [starts[i], ends[i]) of an array of length ``n``."""
    edges = np.zeros(n + 1, dtype=np.int32)
    np.add.at(edges, starts, 1)
    np.add.at(edges, ends, -1)
    return np.cumsum(edges[:-1]) > 0
