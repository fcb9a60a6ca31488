"""Filters: what the user typed in the filter bar becomes an ``EventFilter``
(``build_filter``), and what an ``EventFilter`` means, for every reader of events
(``FilterRules`` and the functions after it).

Qt-free (the filter bar only gets and sets values), so every rule is unit-tested.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from timeline_app.dates import DateError, parse_iso, period_end, to_day
from timeline_app.domain import Category, EventFilter, Modality, Pair
from timeline_app.search_text import cap_search_text

if TYPE_CHECKING:  # numpy is imported by the one function that works on columns: every
    # command and the window's first paint read filters, and need not pay its import
    import numpy as np
    import numpy.typing as npt


@dataclass(frozen=True)
class FilterInput:
    text: str = ""
    actors: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    modalities: frozenset[str] = frozenset()
    date_from: str = ""
    date_to: str = ""


@dataclass(frozen=True)
class FilterResult:
    filter: EventFilter
    errors: dict[str, str]  # field name -> message, for fields that were ignored


def build_filter(raw: FilterInput) -> FilterResult:
    errors: dict[str, str] = {}
    start = end = None
    if raw.date_from.strip():
        try:
            start, _ = parse_iso(raw.date_from)
        except DateError as exc:
            errors["date_from"] = str(exc)
    if raw.date_to.strip():
        try:
            # "to 2022" means to the end of 2022: the typed precision sets the period.
            first, precision = parse_iso(raw.date_to)
            end = period_end(first, precision)
        except DateError as exc:
            errors["date_to"] = str(exc)
    if start and end and end < start:
        errors["date_to"] = "the end comes before the start"
        end = None
    text, cut = cap_search_text(raw.text.strip())  # a pasted page: its first words
    if cut:
        errors["text"] = cut
    flt = EventFilter(
        actors=frozenset(raw.actors),
        categories=frozenset(_members(Category, raw.categories)),
        modalities=frozenset(_members(Modality, raw.modalities)),
        start=start,
        end=end,
        text=text.strip(),
    )
    return FilterResult(flt, errors)


T = TypeVar("T", Category, Modality)


def _members(kind: type[T], values: Iterable[str]) -> list[T]:
    return [kind(v) for v in values if v in {m.value for m in kind}]


# --- What a filter means ----------------------------------------------------------
# One set of rules for every reader: the SQL reads of curated events (store/repo.py)
# and of bulk events (store/bulk_read.py), and the in-memory filter of bulk events
# already read (services.fetch_bulk). Each reader only says where its columns are.
#
# A text search matches curated events only: their own text and the paragraphs they
# cite (FTS5, store/fts.py). Bulk events carry no text (GDELT gives a source URL, not
# the article), so no bulk event passes a search, whichever reader asks. Matching
# words of the URLs instead was tried: a substring scan of a million URLs cost about
# 0.9 s per search (benchmarks/bench_filter_paths.py), and "ind" matched every URL
# with "india" or "indonesia" in it.


@dataclass(frozen=True)
class FilterRules:
    """An ``EventFilter`` in the terms every reader uses: day numbers (inclusive), and
    sorted tuples of plain values (SQL parameters in a stable order)."""

    start_day: int | None = None  # an event passes if it reaches this day or later
    end_day: int | None = None  # ... and starts on this day or earlier
    actors: tuple[str, ...] = ()  # either actor of a pair (any actor of an event)
    categories: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    datasets: tuple[str, ...] = ()  # a dataset's kind ("gdelt") or its own name
    text: str = ""  # a search (curated events only: see above)

    @classmethod
    def of(cls, flt: EventFilter) -> FilterRules:
        return cls(
            start_day=None if flt.start is None else to_day(flt.start),
            end_day=None if flt.end is None else to_day(flt.end),
            actors=tuple(sorted(flt.actors)),
            categories=tuple(sorted(c.value for c in flt.categories)),
            modalities=tuple(sorted(m.value for m in flt.modalities)),
            datasets=tuple(sorted(flt.datasets)),
            text=flt.text.strip(),
        )

    @property
    def bulk_may_pass(self) -> bool:
        """Whether any bulk event can pass: not with a text search."""
        return not self.text

    def pair_passes(self, a: str, b: str) -> bool:
        return not self.actors or a in self.actors or b in self.actors


def _placeholders(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


def bulk_sql_where(rules: FilterRules) -> tuple[str, list[object]]:
    """The rules as a WHERE clause over ``bulk_events`` (one day per event)."""
    clauses: list[str] = []
    params: list[object] = []

    def one_of(column: str, values: Sequence[object]) -> str:
        params.extend(values)
        return f"{column} IN ({_placeholders(values)})"

    if not rules.bulk_may_pass:
        return " WHERE 0", []  # no bulk event passes: skip the scan
    if rules.start_day is not None:
        clauses.append("day >= ?")
        params.append(rules.start_day)
    if rules.end_day is not None:
        clauses.append("day <= ?")
        params.append(rules.end_day)
    if rules.actors:
        clauses.append(f"({one_of('pair_a', rules.actors)} OR {one_of('pair_b', rules.actors)})")
    if rules.categories:
        clauses.append(one_of("category", rules.categories))
    if rules.modalities:
        clauses.append(one_of("modality", rules.modalities))
    if rules.datasets:
        clauses.append(
            f"dataset_pk IN (SELECT pk FROM datasets WHERE {one_of('kind', rules.datasets)} "
            f"OR {one_of('name', rules.datasets)})"
        )
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def curated_sql_where(
    rules: FilterRules, text_matches: Sequence[int] | None
) -> tuple[str, list[object]]:
    """The rules as a WHERE clause over curated events ``e`` (a span of days, from
    ``start_day`` to before ``end_day``); ``text_matches``: the event keys the full-text
    search found (``None`` when there is no text to search)."""
    clauses: list[str] = []
    params: list[object] = []

    def one_of(column: str, values: Sequence[object]) -> None:
        clauses.append(f"{column} IN ({_placeholders(values)})")
        params.extend(values)

    if rules.start_day is not None:
        clauses.append("e.end_day > ?")  # end_day is the day after the last
        params.append(rules.start_day)
    if rules.end_day is not None:
        clauses.append("e.start_day <= ?")
        params.append(rules.end_day)
    if rules.categories:
        one_of("e.category", rules.categories)
    if rules.modalities:
        one_of("e.modality", rules.modalities)
    if rules.datasets:
        one_of("e.dataset", rules.datasets)
    if rules.actors:
        clauses.append(
            "e.pk IN (SELECT event_pk FROM event_actors "
            f"WHERE actor_code IN ({_placeholders(rules.actors)}))"
        )
        params.extend(rules.actors)
    if text_matches is not None:
        one_of("e.pk", sorted(text_matches))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def bulk_rows_in_memory(
    rules: FilterRules,
    day: npt.NDArray[np.integer],
    pair_id: npt.NDArray[np.integer],
    category_id: npt.NDArray[np.integer],
    modality_id: npt.NDArray[np.integer],
    pairs: Sequence[Pair],
    categories: Sequence[str],
    modalities: Sequence[str],
) -> npt.NDArray[np.int64]:
    """Positions of the rows (``day`` sorted ascending) that pass ``rules``, as
    ``bulk_sql_where`` would pass them, without SQL: the date range is two
    ``searchsorted`` calls, actors, categories and modalities are lookups into small
    tables (milliseconds at a million rows). Datasets are not in memory: a caller with
    those asks SQL (``needs_sql``). A text search passes no row."""
    import numpy as np

    if not rules.bulk_may_pass:
        return np.empty(0, dtype=np.int64)
    lo, hi = 0, len(day)
    if rules.start_day is not None:
        lo = int(np.searchsorted(day, rules.start_day, side="left"))
    if rules.end_day is not None:
        hi = int(np.searchsorted(day, rules.end_day, side="right"))
    hi = max(lo, hi)
    keep = np.ones(hi - lo, dtype=bool)
    if rules.actors:
        pair_ok = np.array([rules.pair_passes(p.a, p.b) for p in pairs], dtype=bool)
        keep &= pair_ok[pair_id[lo:hi]] if len(pairs) else False
    for wanted, values, ids in (
        (rules.categories, categories, category_id),
        (rules.modalities, modalities, modality_id),
    ):
        if wanted:
            ok = np.array([value in wanted for value in values], dtype=bool)
            keep &= ok[ids[lo:hi]]
    return (np.flatnonzero(keep) + lo).astype(np.int64)


def needs_sql(rules: FilterRules) -> bool:
    """Whether the in-memory columns lack what ``rules`` ask about (datasets)."""
    return bool(rules.datasets) and rules.bulk_may_pass
