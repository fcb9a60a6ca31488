"""Reading bulk events back: every column of a million rows as numpy arrays in one
query, and one event's details for a tooltip or the source pane.

No object per row: SQLite joins each column into one text and numpy parses it (see
``bulk_columns``); the views then work on the arrays in memory.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

import numpy as np
import numpy.typing as npt

from timeline_app.dates import from_day
from timeline_app.domain import Category, EventFilter, Modality, Pair
from timeline_app.filters import FilterRules, bulk_sql_where
from timeline_app.ingest.cameo import CAMEO_ROOTS

CATEGORIES = list(Category)  # category_id indexes this list
MODALITIES = list(Modality)  # modality_id indexes this list


@dataclass(frozen=True)
class BulkColumns:
    """Bulk events as parallel numpy arrays, sorted by day (then GLOBALEVENTID)."""

    day: npt.NDArray[np.int32]  # day number (days since 1970-01-01)
    pair_id: npt.NDArray[np.int32]  # index into ``pairs``
    category_id: npt.NDArray[np.int8]  # index into ``CATEGORIES``
    modality_id: npt.NDArray[np.int8]  # index into ``MODALITIES``
    score: npt.NDArray[np.float32]  # Goldstein, -10 to +10
    pk: npt.NDArray[np.int64]  # GLOBALEVENTID, for ``bulk_event``
    pairs: list[Pair]  # sorted

    def __len__(self) -> int:
        return len(self.day)


# Most frequent first in GDELT's mix (a CASE tries its branches in order): the order
# only changes speed, never the result.
_CATEGORY_ORDER = ("dialogue", "dispute", "partnership", "visit", "agreement", "sanctions",
                   "exercise", "arms_transfer", "training", "defence_industry", "grouping")  # fmt: skip
_MODALITY_ORDER = ("happened", "planned", "threatened", "agreed", "discussed")


def _case(column: str, values: Sequence[str], order: Sequence[str]) -> str:
    """SQL giving each value's index in ``values``. Our own enums, never user text,
    so they are safe to inline."""
    whens = " ".join(f"WHEN '{v}' THEN {values.index(v)}" for v in order)
    return f"CASE {column} {whens} END"


def _where(flt: EventFilter) -> tuple[str, list[object]]:
    return bulk_sql_where(FilterRules.of(flt))  # the one set of rules (filters.py)


def bulk_columns(conn: sqlite3.Connection, flt: EventFilter = EventFilter()) -> BulkColumns:
    """The bulk events that pass ``flt`` (either actor in ``flt.actors``), as columns.

    Fetching a million rows as Python tuples took several seconds here. Instead SQLite
    joins each column of all matching rows into one text (``group_concat``, in C) and
    numpy parses each text in one call; the aggregates run in one pass, so their rows
    line up. numpy then sorts by day.
    """
    where, params = _where(flt)
    category = _case("category", [c.value for c in CATEGORIES], _CATEGORY_ORDER)
    modality = _case("modality", [m.value for m in MODALITIES], _MODALITY_ORDER)
    # Category, modality and score travel packed in one integer (one aggregate less,
    # a third faster): (category * 8 + modality) * 4096 + score * 100 + 2048, where
    # score * 100 is -1000..1000 and modality < 8; CAST truncates the positive
    # ``score * 100 + 2048.5``, which rounds to the nearest hundredth.
    packed = f"(({category}) * 8 + ({modality})) * 4096 + CAST(score * 100 + 2048.5 AS INTEGER)"
    # The pair's two codes as two aggregates: joining them with || per row cost more.
    n, days, packs, pks, firsts, seconds = conn.execute(
        f"SELECT count(*), group_concat(day), group_concat({packed}), group_concat(global_id), "
        f"group_concat(pair_a), group_concat(pair_b) FROM bulk_events{where}",
        params,
    ).fetchone()

    def numbers(text: str | None, dtype: type[np.generic]) -> npt.NDArray[Any]:
        return np.fromstring(text or "", dtype=dtype, sep=",")  # text mode: not deprecated

    day, pack, pk = numbers(days, np.int32), numbers(packs, np.int32), numbers(pks, np.int64)
    pairs, pair_id = _pair_ids(firsts, seconds, n) if n else ([], np.empty(0, np.int32))
    # By day, then GLOBALEVENTID. A plain scan yields rows in GLOBALEVENTID order (the
    # rowid), and then a stable sort on day alone, much cheaper, gives the same order.
    in_id_order = bool((pk[1:] > pk[:-1]).all())
    order = np.argsort(day, kind="stable") if in_id_order else np.lexsort((pk, day))
    pack = pack[order]
    return BulkColumns(
        day=day[order],
        pair_id=pair_id[order],
        category_id=(pack >> 15).astype(np.int8),
        modality_id=((pack >> 12) & 7).astype(np.int8),
        score=(((pack & 4095) - 2048) / 100).astype(np.float32),
        pk=pk[order],
        pairs=pairs,
    )


def bulk_keys(conn: sqlite3.Connection, flt: EventFilter) -> npt.NDArray[np.int64]:
    """The GLOBALEVENTIDs of the bulk events passing ``flt``, in id order: what a filter
    the columns in memory cannot answer (a dataset) needs from SQL. One aggregate
    instead of ``bulk_columns``' five: about ten times faster at a million rows."""
    where, params = _where(flt)
    (keys,) = conn.execute(
        f"SELECT group_concat(global_id) FROM bulk_events{where}", params
    ).fetchone()
    return np.fromstring(keys or "", dtype=np.int64, sep=",")


def _pair_ids(firsts: str, seconds: str, n: int) -> tuple[list[Pair], npt.NDArray[np.int32]]:
    """Sorted distinct pairs and each row's index in them, from the rows' ``pair_a``
    and ``pair_b`` codes, each list joined by commas."""
    a, b = (firsts + ",").encode(), (seconds + ",").encode()
    if len(a) == len(b) == 4 * n:
        grid_a = np.frombuffer(a, dtype=np.uint8).reshape(n, 4)
        grid_b = np.frombuffer(b, dtype=np.uint8).reshape(n, 4)
        if (grid_a[:, 3] == ord(",")).all() and (grid_b[:, 3] == ord(",")).all():
            # GDELT's three-letter codes: each pair fits 8 bytes ("AAA BBB,"), read as
            # one big-endian integer, so integer order is the pairs' alphabetical order.
            grid = np.empty((n, 8), dtype=np.uint8)
            grid[:, :3], grid[:, 3], grid[:, 4:] = grid_a[:, :3], ord(" "), grid_b
            keys, inverse = np.unique(grid.view(">u8").ravel().astype(np.uint64),
                                      return_inverse=True)  # fmt: skip
            names = [key.to_bytes(8, "big").decode()[:7] for key in keys.tolist()]
            return [Pair(*name.split(" ")) for name in names], inverse.astype(np.int32)
    # Codes of other lengths: the general (slower) way.
    joined = [f"{x} {y}" for x, y in zip(firsts.split(","), seconds.split(","), strict=True)]
    unique, inverse = np.unique(np.array(joined), return_inverse=True)
    return [Pair(*str(name).split(" ")) for name in unique], inverse.reshape(-1).astype(np.int32)


class BulkEvent(TypedDict):
    """One bulk event, for a tooltip or the source pane."""

    pk: int
    date: str  # ISO day
    day: int
    actor1: str
    actor2: str
    actor1_name: str
    actor2_name: str
    category: str
    modality: str
    event_code: str
    root_code: str
    root_description: str  # CAMEO's name for the root code
    quad_class: int
    score: float
    num_sources: int
    num_articles: int
    source_url: str | None  # shown as text, never fetched
    dataset: str


def bulk_event(conn: sqlite3.Connection, pk: int) -> BulkEvent | None:
    row = conn.execute(
        "SELECT b.global_id, b.day, b.actor1, b.actor2, a1.name, a2.name, b.category, "
        "b.modality, b.event_code, b.root_code, b.quad_class, b.score, b.num_sources, "
        "b.num_articles, b.source_url, d.name FROM bulk_events b "
        "JOIN actors a1 ON a1.code = b.actor1 JOIN actors a2 ON a2.code = b.actor2 "
        "LEFT JOIN datasets d ON d.pk = b.dataset_pk WHERE b.global_id = ?",
        (pk,),
    ).fetchone()
    if row is None:
        return None
    (gid, day, actor1, actor2, name1, name2, category, modality, code, root, quad, score,
     sources, articles, url, dataset) = row  # fmt: skip
    return BulkEvent(
        pk=gid, date=from_day(day).isoformat(), day=day, actor1=actor1, actor2=actor2,
        actor1_name=name1, actor2_name=name2, category=category, modality=modality,
        event_code=code, root_code=root, root_description=CAMEO_ROOTS[int(root) - 1],
        quad_class=quad, score=score, num_sources=sources, num_articles=articles,
        source_url=url, dataset=dataset or "",
    )  # fmt: skip
