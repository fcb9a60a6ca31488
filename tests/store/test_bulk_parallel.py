"""The GDELT import with its reading in a second process (ingest/gdelt_process.py):
the same rows, counts, problems and guarantees as reading in one process."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from timeline_app.ingest.gdelt import GdeltError, MalformedRow, Source, open_source
from timeline_app.ingest.gdelt_process import ReaderProcess
from timeline_app.ingest.problems import Problem, display_name
from timeline_app.services import Store, corpus_paths
from timeline_app.store import bulk
from timeline_app.store.bulk import ImportCancelled, ImportReport

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "gdelt"
TAB = FIXTURES / "20211206000000.export.CSV"
HEADER = FIXTURES / "20211206000000.export.with-header.csv"
ZIP = FIXTURES / "20220608000000.export.CSV.zip"
MALFORMED = FIXTURES / "malformed.export.CSV"

# Everything an import writes, less the clock (datasets.created).
CONTENT = (
    "SELECT * FROM bulk_events ORDER BY global_id",
    "SELECT * FROM actors ORDER BY code",
    "SELECT pk, name, kind, file_name, file_size, file_sha256, countries, imported_rows, "
    "skipped_rows FROM datasets ORDER BY pk",
)


def content(path: Path) -> list[list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        return [conn.execute(sql).fetchall() for sql in CONTENT]


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def no_child_left() -> bool:
    return not [p for p in multiprocessing.active_children() if p.name == "gdelt-reader"]


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[ReaderProcess]:
    """Makes every import read in a second process, and lists the processes started."""
    monkeypatch.setattr(bulk, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(bulk, "_cpus", lambda: 2)
    processes: list[ReaderProcess] = []
    original = ReaderProcess.__init__

    def recording(self: ReaderProcess, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        processes.append(self)

    monkeypatch.setattr(ReaderProcess, "__init__", recording)
    return processes


def loaded_store(path: Path, corpus_dir: Path) -> Store:
    store = Store.open(path)
    store.load(corpus_paths(sources=corpus_dir))
    return store


def same_report(a: ImportReport, b: ImportReport) -> bool:
    return (a.files, a.problems, a.actors_added) == (b.files, b.problems, b.actors_added)


def test_two_processes_write_what_one_writes(
    tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [TAB, ZIP, HEADER, MALFORMED, TAB]  # the second TAB: already imported
    one = loaded_store(tmp_path / "one.sqlite3", corpus_dir)
    alone = one.import_gdelt(files, countries=frozenset({"IND", "VNM", "CHN", "GBR"}))
    again_alone = one.import_gdelt([TAB])  # a wider filter: more to import

    started = []
    monkeypatch.setattr(bulk, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(bulk, "_cpus", lambda: 2)
    original = ReaderProcess.batches

    def counting(self: ReaderProcess, source: Source):  # type: ignore[no-untyped-def]
        started.append(source.display)
        return original(self, source)

    monkeypatch.setattr(ReaderProcess, "batches", counting)
    two = loaded_store(tmp_path / "two.sqlite3", corpus_dir)
    paired = two.import_gdelt(files, countries=frozenset({"IND", "VNM", "CHN", "GBR"}))
    again_paired = two.import_gdelt([TAB])

    assert len(started) == 5  # four files read in the child, then TAB again
    assert same_report(paired, alone) and same_report(again_paired, again_alone)
    assert paired.total("malformed") == 4 and paired.total("imported") == 8
    assert [f.already_imported for f in paired.files] == [False, False, False, False, True]
    assert paired.problems[0] == Problem(
        display_name(MALFORMED), 2, "expected 61 tab-separated columns, found 60"
    )
    assert content(two.path) == content(one.path)
    assert no_child_left()


def test_strict_stops_at_the_first_malformed_row_and_writes_nothing(
    tmp_path: Path, corpus_dir: Path, started: list[ReaderProcess]
) -> None:
    store = loaded_store(tmp_path / "t.sqlite3", corpus_dir)
    before = dump(store.path)
    with pytest.raises(MalformedRow) as caught:
        store.import_gdelt([TAB, MALFORMED], strict=True)  # the good first file too
    assert caught.value.problem == Problem(
        display_name(MALFORMED), 2, "expected 61 tab-separated columns, found 60"
    )
    assert len(started) == 1
    assert dump(store.path) == before
    assert no_child_left()


def test_a_file_that_is_no_export_fails_the_import_from_the_child(
    tmp_path: Path, corpus_dir: Path, started: list[ReaderProcess]
) -> None:
    store = loaded_store(tmp_path / "t.sqlite3", corpus_dir)
    before = dump(store.path)
    prose = tmp_path / "notes.txt"
    prose.write_text("minutes of the meeting, in prose\n")
    with pytest.raises(GdeltError, match="neither a tab-separated GDELT export"):
        store.import_gdelt([TAB, prose])
    assert len(started) == 1 and dump(store.path) == before and no_child_left()


def test_cancel_stops_the_child_and_writes_nothing(
    tmp_path: Path, corpus_dir: Path, started: list[ReaderProcess]
) -> None:
    store = loaded_store(tmp_path / "t.sqlite3", corpus_dir)
    before = dump(store.path)
    calls: list[tuple[int, int, int]] = []

    def on_progress(rows: int, done: int, total: int) -> bool:
        calls.append((rows, done, total))
        return len(calls) < 2  # cancel after the first batch

    with pytest.raises(ImportCancelled):
        store.import_gdelt([TAB, ZIP], on_progress=on_progress)
    assert calls[1][0] == 13  # the first file was read, in one batch
    assert len(started) == 1 and dump(store.path) == before and no_child_left()


def test_progress_advances_to_the_total(
    tmp_path: Path, corpus_dir: Path, started: list[ReaderProcess]
) -> None:
    store = loaded_store(tmp_path / "t.sqlite3", corpus_dir)
    calls: list[tuple[int, int, int]] = []

    def on_progress(rows: int, done: int, total: int) -> bool:
        calls.append((rows, done, total))
        return True

    store.import_gdelt([TAB, ZIP], on_progress=on_progress)
    total = open_source(TAB).size + open_source(ZIP).size
    assert calls[0] == (0, 0, total) and calls[-1] == (17, total, total)
    assert [c[1] for c in calls] == sorted(c[1] for c in calls)
    assert len(started) == 1


def test_a_file_imported_before_is_recognised_and_not_read(
    tmp_path: Path, corpus_dir: Path, started: list[ReaderProcess]
) -> None:
    store = loaded_store(tmp_path / "t.sqlite3", corpus_dir)
    assert store.import_gdelt([TAB]).total("imported") == 11
    before = dump(store.path)
    again = store.import_gdelt([TAB])
    assert [f.already_imported for f in again.files] == [True]
    assert dump(store.path) == before
    assert len(started) == 1  # the second import hashed the file and read nothing


def test_a_failure_while_writing_stops_the_child_and_writes_nothing(
    tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = loaded_store(tmp_path / "t.sqlite3", corpus_dir)
    before = dump(store.path)

    def fail_after_first_chunk(rows_done: int) -> None:
        raise OSError("disk unplugged")

    monkeypatch.setattr(bulk, "_after_chunk", fail_after_first_chunk)
    conn = sqlite3.connect(store.path, isolation_level=None)
    with pytest.raises(OSError, match="disk unplugged"):
        bulk.import_gdelt(conn, [TAB], chunk_rows=3, parallel=True)
    conn.close()
    assert dump(store.path) == before and no_child_left()


def test_an_error_in_the_child_arrives_with_its_type(tmp_path: Path) -> None:
    with ReaderProcess(None, strict=False) as reader, pytest.raises(IsADirectoryError) as caught:
        list(reader.batches(Source(tmp_path, None, 0)))  # a folder, not a file
    assert "In the GDELT reading process" in "".join(caught.value.__notes__)
    assert no_child_left()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe")
def test_a_child_that_dies_is_reported_not_waited_for(tmp_path: Path) -> None:
    fifo = tmp_path / "never-written"
    os.mkfifo(fifo)  # the child blocks opening it: nobody ever writes
    with ReaderProcess(None, strict=False) as reader:
        batches = reader.batches(Source(fifo, None, 100))
        reader._process.kill()
        with pytest.raises(GdeltError, match="stopped unexpectedly"):
            next(batches)
    assert no_child_left()


def test_a_frozen_app_turns_into_the_child_first(monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline_app import __main__ as entry

    calls: list[str] = []
    monkeypatch.setattr(multiprocessing, "freeze_support", lambda: calls.append("freeze"))
    with pytest.raises(SystemExit):  # argparse's --version exits
        entry.main(["--version"])
    assert calls == []  # unfrozen: nothing to do
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    with pytest.raises(SystemExit):
        entry.main(["--version"])
    assert calls == ["freeze"]
