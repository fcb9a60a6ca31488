"""Bulk (GDELT) import and columnar reads, on temporary SQLite files."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from timeline_app.countries import REGION_COLOURS
from timeline_app.dates import to_day
from timeline_app.domain import Category, EventFilter, Modality, Pair
from timeline_app.export.events_io import to_json
from timeline_app.ingest.gdelt import MalformedRow, open_source
from timeline_app.services import Store, corpus_paths
from timeline_app.store import bulk
from timeline_app.store.bulk import ImportCancelled
from timeline_app.store.bulk_read import CATEGORIES, MODALITIES
from timeline_app.store.db import migrate
from timeline_app.store.migrations import MIGRATIONS, SCHEMA_VERSION

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "gdelt"
TAB = FIXTURES / "20211206000000.export.CSV"
HEADER = FIXTURES / "20211206000000.export.with-header.csv"
ZIP = FIXTURES / "20220608000000.export.CSV.zip"
MALFORMED = FIXTURES / "malformed.export.CSV"


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "t.sqlite3")


@pytest.fixture
def loaded(store: Store, corpus_dir: Path) -> Store:
    """A database holding the small curated corpus (IND, VNM, RUS, CHN ...)."""
    store.load(corpus_paths(sources=corpus_dir))
    return store


def test_import_writes_events_and_a_dataset(loaded: Store) -> None:
    report = loaded.import_gdelt([TAB])
    assert (report.total("rows"), report.total("imported")) == (13, 11)
    assert (report.total("domestic"), report.total("no_country")) == (1, 1)
    assert report.actors_added == ("GBR",)  # the others are in resources/actors.yaml
    assert not report.indexes_rebuilt  # since schema 3, bulk_events has no index
    path = loaded.path
    assert query(path, "SELECT count(*) FROM bulk_events") == [(11,)]
    assert query(
        path, "SELECT name, kind, file_name, countries, imported_rows, skipped_rows FROM datasets"
    ) == [(TAB.name, "gdelt", TAB.name, "", 11, 2)]
    (sha,) = query(path, "SELECT file_sha256 FROM datasets")[0]
    assert isinstance(sha, str) and len(sha) == 64
    assert query(path, "PRAGMA foreign_key_check") == []
    assert query(path, "PRAGMA foreign_keys") == [(0,)]  # a fresh connection: the default
    assert loaded.integrity_problems() == []
    # Stored types are exact: integers stay integers, the score a real.
    assert query(
        path,
        "SELECT DISTINCT typeof(global_id), typeof(day), typeof(num_sources), typeof(score) "
        "FROM bulk_events",
    ) == [("integer", "integer", "integer", "real")]
    indexes = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'bulk_events'"
    assert query(path, indexes) == []


def test_importing_the_same_file_twice_adds_nothing(loaded: Store) -> None:
    loaded.import_gdelt([TAB])
    before = dump(loaded.path)
    again = loaded.import_gdelt([TAB])
    assert [f.already_imported for f in again.files] == [True]
    assert dump(loaded.path) == before
    # The zip repeats four of those events: they are counted, not added twice.
    overlap = loaded.import_gdelt([ZIP])
    assert (overlap.total("rows"), overlap.total("imported"), overlap.total("duplicates")) == (
        4, 0, 4,
    )  # fmt: skip
    assert query(loaded.path, "SELECT count(*) FROM bulk_events") == [(11,)]
    assert query(loaded.path, "SELECT name FROM datasets WHERE pk = 2") == [
        (f"{ZIP.name}:20220608000000.export.CSV",)
    ]
    # The header CSV holds the same rows but is another file: read, nothing new.
    assert loaded.import_gdelt([HEADER]).total("duplicates") == 11


def test_a_file_given_twice_in_one_command_is_read_once(loaded: Store) -> None:
    report = loaded.import_gdelt([TAB, TAB])
    assert [f.already_imported for f in report.files] == [False, True]
    assert query(loaded.path, "SELECT count(*) FROM datasets") == [(1,)]


def test_countries_filter_is_part_of_what_was_imported(loaded: Store) -> None:
    first = loaded.import_gdelt([TAB], countries=frozenset({"IND", "VNM"}))
    assert first.total("imported") == 4 and first.total("outside") == 7
    # Another filter on the same file adds what the first left out ...
    second = loaded.import_gdelt([TAB], countries=frozenset({"IND", "RUS"}))
    assert second.total("imported") == 2
    assert not second.files[0].already_imported
    # ... the same filter again is already imported, and so is anything after a full import.
    assert loaded.import_gdelt([TAB], countries=frozenset({"VNM", "IND"})).files[0].already_imported
    assert loaded.import_gdelt([TAB]).total("imported") == 5
    assert loaded.import_gdelt([TAB], countries=frozenset({"CHN", "IND"})).files[0].already_imported


def test_strict_import_of_a_malformed_file_writes_nothing(loaded: Store) -> None:
    before = dump(loaded.path)
    with pytest.raises(MalformedRow, match=r"malformed\.export\.CSV:2: expected 61"):
        loaded.import_gdelt([TAB, MALFORMED], strict=True)  # the good first file too
    assert dump(loaded.path) == before


def test_lenient_import_skips_and_counts_malformed_rows(loaded: Store) -> None:
    report = loaded.import_gdelt([MALFORMED])
    assert (report.total("imported"), report.total("malformed")) == (2, 4)
    assert [p.line for p in report.problems] == [2, 3, 4, 5]
    assert query(loaded.path, "SELECT imported_rows, skipped_rows FROM datasets") == [(2, 4)]
    assert "4 malformed" in report.summary()


def test_curated_events_and_actors_are_untouched(loaded: Store) -> None:
    events_before = to_json(loaded.events())
    actors_before = loaded.actors()
    loaded.import_gdelt([TAB, ZIP])
    assert to_json(loaded.events()) == events_before
    after = {a.code: a for a in loaded.actors()}
    assert all(after[a.code] == a for a in actors_before)
    assert loaded.counts().events == 3  # bulk events are not curated events


def test_unknown_countries_become_actors(store: Store) -> None:
    store.import_gdelt([TAB])  # no curated load: every country is new here
    actors = {a.code: a for a in store.actors()}
    assert set(actors) == {"CHN", "GBR", "IND", "RUS", "USA", "VNM"}
    uk = actors["GBR"]
    # Stored with its real region and that region's colour (the panel's legend of regions).
    assert (uk.name, uk.kind.value, uk.region, uk.colour) == (
        "United Kingdom", "country", "Europe", REGION_COLOURS["Europe"],
    )  # fmt: skip
    assert actors["VNM"].region == "Southeast Asia" != actors["USA"].region


def test_curated_load_after_an_import_keeps_the_bulk_actors(
    loaded: Store, corpus_dir: Path
) -> None:
    loaded.import_gdelt([TAB])
    # The loader drops actors that no curated event uses; GBR and USA are used by bulk
    # events, so they stay (and the load does not trip over the foreign key).
    loaded.load(corpus_paths(sources=corpus_dir))
    assert {"GBR", "USA"} <= {a.code for a in loaded.actors()}
    assert loaded.integrity_problems() == []


def test_cancelling_from_the_progress_callback_writes_nothing(loaded: Store) -> None:
    before = dump(loaded.path)
    calls: list[tuple[int, int, int]] = []

    def on_progress(rows: int, done: int, total: int) -> bool:
        calls.append((rows, done, total))
        return len(calls) < 2

    with pytest.raises(ImportCancelled):
        loaded.import_gdelt([TAB, ZIP], on_progress=on_progress)
    assert dump(loaded.path) == before
    assert calls[0] == (0, 0, open_source(TAB).size + open_source(ZIP).size)


def test_progress_reaches_the_total(loaded: Store) -> None:
    calls: list[tuple[int, int, int]] = []

    def on_progress(rows: int, done: int, total: int) -> bool:
        calls.append((rows, done, total))
        return True

    loaded.import_gdelt([TAB, ZIP], on_progress=on_progress)
    rows, done, total = calls[-1]
    assert (rows, done) == (17, total)
    assert calls[0] == (0, 0, total)
    assert [c[1] for c in calls] == sorted(c[1] for c in calls)


def test_a_failure_halfway_leaves_the_database_unchanged(
    loaded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(loaded.path)

    def fail_after_first_chunk(rows_done: int) -> None:
        raise OSError("disk unplugged")

    monkeypatch.setattr(bulk, "_after_chunk", fail_after_first_chunk)
    conn = sqlite3.connect(loaded.path, isolation_level=None)
    with pytest.raises(OSError, match="disk unplugged"):
        bulk.import_gdelt(conn, [TAB], chunk_rows=3)
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (0,)  # restored as it was
    conn.close()
    assert dump(loaded.path) == before


def test_bulk_columns_are_sorted_by_day_with_the_documented_dtypes(loaded: Store) -> None:
    loaded.import_gdelt([TAB])
    cols = loaded.bulk_columns()
    assert len(cols) == 11
    assert (cols.day.dtype, cols.pair_id.dtype, cols.category_id.dtype) == (
        np.int32, np.int32, np.int8,
    )  # fmt: skip
    assert (cols.modality_id.dtype, cols.score.dtype, cols.pk.dtype) == (
        np.int8, np.float32, np.int64,
    )  # fmt: skip
    assert (np.diff(cols.day) >= 0).all()
    assert cols.pairs == sorted(cols.pairs)
    assert cols.pairs == [
        Pair("CHN", "IND"), Pair("GBR", "IND"), Pair("IND", "RUS"), Pair("IND", "USA"),
        Pair("IND", "VNM"),
    ]  # fmt: skip
    first = 0  # the Galwan clash, 16 June 2020, is the earliest event
    assert cols.day[first] == to_day(date(2020, 6, 16))
    assert cols.pairs[cols.pair_id[first]] == Pair("CHN", "IND")
    assert CATEGORIES[cols.category_id[first]] is Category.DISPUTE
    assert cols.score[first] == -10.0
    visit = int(np.flatnonzero(cols.pk == 1037731001)[0])
    assert CATEGORIES[cols.category_id[visit]] is Category.VISIT
    assert MODALITIES[cols.modality_id[visit]] is Modality.HAPPENED
    assert cols.score[visit] == pytest.approx(1.9)


def test_bulk_columns_filters(loaded: Store) -> None:
    loaded.import_gdelt([TAB])

    def ids(**kwargs: object) -> set[int]:
        return set(loaded.bulk_columns(EventFilter(**kwargs)).pk.tolist())  # type: ignore[arg-type]

    by_actor = loaded.bulk_columns(EventFilter(actors=frozenset({"IND"})))
    assert len(by_actor) == 11 and (np.diff(by_actor.day) >= 0).all()
    vnm = {1037731001, 1037731002, 1037731003, 1037731004}
    assert ids(actors=frozenset({"VNM"})) == vnm
    assert ids(actors=frozenset({"VNM", "GBR"})) == vnm | {1016880001}  # either actor
    assert ids(start=date(2022, 1, 1)) == vnm
    assert ids(end=date(2020, 12, 31)) == {936412001, 936412002, 936412003}
    assert ids(start=date(2021, 12, 7), end=date(2021, 12, 7)) == {1016880001}
    assert ids(categories=frozenset({Category.SANCTIONS})) == {1016873310}
    assert ids(modalities=frozenset({Modality.PLANNED})) == {1037731004, 1016880001}
    assert len(ids(datasets=frozenset({"gdelt"}))) == 11
    assert len(ids(datasets=frozenset({TAB.name}))) == 11  # one file's dataset, by name
    assert ids(datasets=frozenset({"curated"})) == set()
    assert ids(text="Galwan condemns") == set()  # bulk events carry no text to search
    empty = loaded.bulk_columns(EventFilter(actors=frozenset({"NOR"})))
    assert (len(empty), empty.pairs, empty.day.dtype) == (0, [], np.int32)


def test_bulk_columns_with_codes_of_other_lengths(store: Store) -> None:
    store.import_gdelt([TAB])
    with sqlite3.connect(store.path) as conn:  # as another bulk source might write them
        conn.execute("INSERT INTO actors VALUES ('QUAD', 'Quad', 'bloc', 'x', '#000000', 0, 0)")
        conn.execute(
            "UPDATE bulk_events SET pair_a = 'QUAD', actor2 = 'QUAD', pair_b = 'VNM' "
            "WHERE global_id = 1037731001"
        )
    cols = store.bulk_columns()
    assert Pair("QUAD", "VNM") in cols.pairs and len(cols) == 11


def test_bulk_event_has_what_a_tooltip_needs(loaded: Store) -> None:
    loaded.import_gdelt([TAB])
    event = loaded.bulk_event(1037731003)
    assert event is not None
    assert event["date"] == "2022-06-08"
    assert (event["actor1"], event["actor1_name"], event["actor2"]) == ("IND", "India", "VNM")
    assert (event["category"], event["event_code"], event["root_description"]) == (
        "agreement", "057", "Engage in diplomatic cooperation",
    )  # fmt: skip
    assert (event["score"], event["num_sources"], event["num_articles"]) == (8.0, 5, 24)
    assert event["source_url"] == (
        "https://asia.example.net/india-vietnam-sign-mutual-logistics-support-mou"
    )
    assert loaded.bulk_event(42) is None


def test_a_version_1_database_migrates_keeping_its_curated_data(
    tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_app.store import db as db_module

    path = tmp_path / "v1.sqlite3"
    monkeypatch.setattr(db_module, "MIGRATIONS", MIGRATIONS[:1])
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", 1)
    old = Store.open(path)
    old.load(corpus_paths(sources=corpus_dir))
    curated = to_json(old.events())
    old.close()
    monkeypatch.undo()
    assert migrate(path) == 1
    assert query(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    store = Store.open(path)
    assert to_json(store.events()) == curated
    assert store.import_gdelt([TAB]).total("imported") == 11


def test_a_version_2_database_migrates_keeping_its_bulk_events(
    tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_app.store import db as db_module

    path = tmp_path / "v2.sqlite3"
    monkeypatch.setattr(db_module, "MIGRATIONS", MIGRATIONS[:2])
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", 2)
    old = Store.open(path)
    old.load(corpus_paths(sources=corpus_dir))
    # Schema 2 had an index on bulk_events: the importer drops it for an empty table
    # and builds it again at the end.
    assert old.import_gdelt([TAB]).indexes_rebuilt
    old.close()
    index_sql = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'bulk_events'"
    assert query(path, index_sql) == [("ix_bulk_events_pair_day",)]
    rows = query(path, "SELECT * FROM bulk_events ORDER BY global_id")
    datasets = query(path, "SELECT * FROM datasets")
    monkeypatch.undo()

    assert migrate(path) == 2
    assert query(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert query(path, index_sql) == []
    assert query(path, "SELECT * FROM bulk_events ORDER BY global_id") == rows
    assert query(path, "SELECT * FROM datasets") == datasets and len(rows) == 11
    # The trigger still keeps every actor a bulk event names, on either side of its
    # pair (GBR only as pair_a, USA and VNM only as pair_b), and lets the others go.
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO actors VALUES ('ZZZ', 'Unused', 'country', 'x', '#000', 0, 0)")
        conn.execute("DELETE FROM actors WHERE code IN ('GBR', 'USA', 'VNM', 'ZZZ')")
    assert {code for (code,) in query(path, "SELECT code FROM actors")} >= {"GBR", "USA", "VNM"}
    assert query(path, "SELECT code FROM actors WHERE code = 'ZZZ'") == []
    store = Store.open(path)
    assert store.integrity_problems() == []
    # Later imports add to the kept rows.
    newer = tmp_path / "20211207000000.export.CSV"
    with newer.open("w", encoding="utf-8") as out:
        for line in TAB.read_text(encoding="utf-8").splitlines(keepends=True):
            first, rest = line.split("\t", 1)
            out.write(f"{int(first) + 1_000_000}\t{rest}")
    assert store.import_gdelt([newer]).total("imported") == 11
    assert len(store.bulk_columns()) == 22


def test_the_import_summary_names_only_the_reasons_that_skipped_rows() -> None:
    from timeline_app.store.bulk import FileReport, ImportReport

    def report(**counts: int) -> str:
        return ImportReport((FileReport("x.CSV", **counts),), (), (), 0.1).summary()

    clean = report(rows=5, imported=5)
    assert clean == "5 events imported from 1 file(s) (5 rows read)"
    some = report(rows=9, imported=5, malformed=4)
    assert some == "5 events imported from 1 file(s) (9 rows read; skipped: 4 malformed)"
    assert "0 " not in report(rows=9, imported=6, domestic=1, outside=2)
