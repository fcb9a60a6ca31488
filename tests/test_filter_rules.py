"""One set of filter rules: every filter, read from SQL and applied in memory to the
bulk events already read, gives the same events; the curated SQL read follows the
same rules; and an index filtered by rows keeps only those rows."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from timeline_app.domain import Category, EventFilter, Modality
from timeline_app.filters import FilterRules, bulk_rows_in_memory, curated_sql_where
from timeline_app.services import BulkData, Store, fetch_bulk
from timeline_app.store.bulk_read import CATEGORIES, MODALITIES

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "gdelt"
FILES = [
    FIXTURES / "20211206000000.export.CSV",
    FIXTURES / "20220608000000.export.CSV.zip",
    FIXTURES / "malformed.export.CSV",
]

FILTERS = {
    "none": EventFilter(),
    "one actor": EventFilter(actors=frozenset({"VNM"})),
    "two actors": EventFilter(actors=frozenset({"CHN", "USA"})),
    "category": EventFilter(categories=frozenset({Category.DIALOGUE})),
    "categories": EventFilter(categories=frozenset({Category.DISPUTE, Category.VISIT})),
    "modality": EventFilter(modalities=frozenset({Modality.THREATENED})),
    "modalities": EventFilter(modalities=frozenset({Modality.AGREED, Modality.PLANNED})),
    "from": EventFilter(start=date(2022, 1, 1)),
    "to": EventFilter(end=date(2021, 12, 6)),
    "a day": EventFilter(start=date(2021, 12, 6), end=date(2021, 12, 6)),
    "nothing in range": EventFilter(start=date(2030, 1, 1)),
    "dataset": EventFilter(datasets=frozenset({"20230101000000.export.CSV"})),
    # A search matches curated events only: words of the bulk events' URLs match none.
    "text in a URL": EventFilter(text="india"),
    "text and an actor": EventFilter(text="dialogue", actors=frozenset({"IND"})),
    "text and a dataset": EventFilter(text="news", datasets=frozenset({"gdelt"})),
    "all at once": EventFilter(
        actors=frozenset({"IND"}),
        categories=frozenset(Category) - {Category.GROUPING},
        modalities=frozenset({Modality.HAPPENED, Modality.AGREED}),
        start=date(2021, 1, 1),
        end=date(2022, 12, 31),
    ),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("rules") / "rules.sqlite3"
    # A second dataset: the first file's rows under new ids, a year later.
    later = path.parent / "20230101000000.export.CSV"
    with later.open("w", encoding="utf-8") as out:
        for line in FILES[0].read_text(encoding="utf-8").splitlines():
            gid, _day, *rest = line.split("\t")
            out.write("\t".join([str(int(gid) + 10**9), "20230101", *rest]) + "\n")
    store = Store.open(path)
    store.import_gdelt([*FILES, later])
    return store


def ids(pks: object) -> list[int]:
    return sorted(int(pk) for pk in np.asarray(pks))


@pytest.mark.parametrize("name", list(FILTERS))
def test_every_filter_gives_the_same_bulk_events_both_ways(store: Store, name: str) -> None:
    flt = FILTERS[name]
    from_sql = ids(store.bulk_columns(flt).pk)
    full, shown = fetch_bulk(store, flt)
    assert full is not None
    if shown is None:
        in_memory = []
    elif shown.rows is None:
        in_memory = ids(full.columns.pk)
    else:
        in_memory = ids(full.columns.pk[shown.rows])
    assert in_memory == from_sql
    # The lanes drawn (the index) hold the same events as the table lists.
    assert (0 if shown is None else len(shown.index)) == len(from_sql)


def test_the_filters_are_not_trivial(store: Store) -> None:
    everything = len(store.bulk_columns())
    counts = {name: len(store.bulk_columns(flt)) for name, flt in FILTERS.items()}
    assert counts["none"] == everything > 0
    searches = {name for name, flt in FILTERS.items() if flt.text}
    for name, count in counts.items():
        if name not in {"none", "nothing in range", *searches}:
            assert 0 < count < everything, name  # each filter keeps some and drops some
    assert counts["nothing in range"] == 0
    for name in searches:
        assert counts[name] == 0, name  # bulk events carry no text to search


def test_the_searched_words_are_in_the_bulk_urls(store: Store) -> None:
    """The searches above would match bulk events if URLs were searched: the test of
    "no bulk event passes a search" is not empty by accident."""
    with sqlite3.connect(store.path) as conn:
        for name, flt in FILTERS.items():
            if flt.text:
                (hits,) = conn.execute(
                    "SELECT count(*) FROM bulk_events WHERE instr(lower(source_url), ?) > 0",
                    (flt.text,),
                ).fetchone()
                assert hits > 0, name


def test_a_search_still_finds_curated_events(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "curated.sqlite3")
    store.ensure_seeded()
    store.import_gdelt(FILES[:1])
    found = store.events(EventFilter(text="India"))
    assert found and len(found) < len(store.events())
    full, shown = fetch_bulk(store, EventFilter(text="India"))
    assert full is not None and len(full) > 0 and shown is None
    assert len(store.bulk_columns(EventFilter(text="India"))) == 0


def test_the_memory_rules_pass_no_row_to_a_search() -> None:
    day = np.array([1, 2, 3])
    zeros = np.zeros(3, dtype=np.int8)
    rules = FilterRules.of(EventFilter(text="anything"))
    rows = bulk_rows_in_memory(rules, day, zeros, zeros, zeros, [], [], [])
    assert rows.tolist() == [] and not rules.bulk_may_pass


def test_the_memory_rules_read_modality() -> None:
    day = np.array([1, 2, 3, 4])
    pair_id = np.zeros(4, dtype=np.int32)
    category_id = np.zeros(4, dtype=np.int8)
    modality_id = np.array([0, 1, 2, 1], dtype=np.int8)
    modalities = [m.value for m in MODALITIES]
    rules = FilterRules.of(EventFilter(modalities=frozenset({MODALITIES[1]})))
    rows = bulk_rows_in_memory(
        rules, day, pair_id, category_id, modality_id, [], [c.value for c in CATEGORIES],
        modalities,
    )  # fmt: skip
    assert rows.tolist() == [1, 3]


def test_curated_sql_uses_the_same_day_numbers() -> None:
    rules = FilterRules.of(EventFilter(start=date(1970, 1, 2), end=date(1970, 1, 3)))
    where, params = curated_sql_where(rules, None)
    assert where == " WHERE e.end_day > ? AND e.start_day <= ?" and params == [1, 2]


def test_bulk_data_of_everything_is_the_unfiltered_view(store: Store) -> None:
    full, shown = fetch_bulk(store, EventFilter())
    assert isinstance(full, BulkData) and shown is full
