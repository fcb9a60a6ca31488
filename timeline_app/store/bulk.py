"""Bulk dyadic events (GDELT): a fast, atomic importer (reads: ``store/bulk_read.py``).

It writes on the raw ``sqlite3`` connection, not the ORM: measured on this project's
2-core machine, inserting a million rows took 70-90 s with ORM objects, about 7 s with
SQLAlchemy Core and about 3 s with ``executemany`` on the raw connection. Parsing the
export costs about as much again, so a large import reads it in a second process
(``ingest/gdelt_process.py``) while this one writes: the two overlap on two cores.

Imports are atomic: one transaction for the whole command, so a malformed row under
``--strict``, a cancel from the progress callback or any error leaves the database
exactly as it was. Curated tables are never written, except that a country code the
actor table lacks is added as a new actor (existing actors are never changed).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from timeline_app.ingest.cameo import bulk_actor
from timeline_app.ingest.gdelt import (
    Batch,
    BatchDecoder,
    GdeltError,
    GdeltReader,
    ReadStats,
    Source,
    open_source,
)
from timeline_app.ingest.gdelt_process import ReaderProcess
from timeline_app.ingest.problems import Problem

# on_progress(rows_done, bytes_done, bytes_total) -> keep going?
ProgressCallback = Callable[[int, int, int], bool]

DATASET_KIND = "gdelt"
_FILE_SAVEPOINT = "gdelt_file"
# Below this much export text, reading in a second process is not worth starting one
# (about a quarter of a second here): 32 MB is about 110,000 rows.
PARALLEL_MIN_BYTES = 32_000_000


class ImportCancelled(Exception):
    """The progress callback asked to stop; nothing was written."""


@dataclass(frozen=True)
class FileReport:
    name: str
    already_imported: bool = False
    rows: int = 0  # rows read
    imported: int = 0  # rows written
    duplicates: int = 0  # events already in the database (same GLOBALEVENTID)
    no_country: int = 0
    domestic: int = 0
    outside: int = 0  # not both actors in --countries
    malformed: int = 0

    @property
    def skipped(self) -> int:
        return self.rows - self.imported


@dataclass(frozen=True)
class ImportReport:
    files: tuple[FileReport, ...]
    problems: tuple[Problem, ...]  # the first malformed rows, with file and line
    actors_added: tuple[str, ...]
    seconds: float
    indexes_rebuilt: bool = False

    def total(self, name: str) -> int:
        return sum(int(getattr(f, name)) for f in self.files)

    def summary(self) -> str:
        done = [f for f in self.files if not f.already_imported]
        if not done:
            return "nothing new: every file was imported before"
        # Only the reasons that skipped something: a list of zeros reads as noise.
        reasons = (
            ("no_country", "without a country"),
            ("domestic", "domestic"),
            ("outside", "outside --countries"),
            ("duplicates", "already present"),
            ("malformed", "malformed"),
        )
        skipped = [f"{self.total(key)} {words}" for key, words in reasons if self.total(key)]
        read = f"{self.total('rows')} rows read"
        text = (
            f"{self.total('imported')} events imported from {len(done)} file(s) "
            f"({read}; skipped: {', '.join(skipped)})"
            if skipped
            else f"{self.total('imported')} events imported from {len(done)} file(s) ({read})"
        )
        if self.actors_added:
            shown = ", ".join(self.actors_added[:12])
            more = f" and {len(self.actors_added) - 12} more" if len(self.actors_added) > 12 else ""
            text += f"; {len(self.actors_added)} new actor(s): {shown}{more}"
        return text


# Test hook: called after each chunk is written, so a test can fail an import halfway.
def _no_hook(_rows_done: int) -> None:
    return None


_after_chunk: Callable[[int], None] = _no_hook


def import_gdelt(
    conn: sqlite3.Connection,
    paths: Sequence[Path],
    *,
    countries: frozenset[str] | None = None,
    strict: bool = False,
    on_progress: ProgressCallback | None = None,
    chunk_rows: int = 10_000,
    parallel: bool | None = None,
) -> ImportReport:
    """Import GDELT 2.0 exports in one transaction (``conn`` is in autocommit mode).

    Raises ``GdeltError`` for a file that cannot be read, ``MalformedRow`` under
    ``strict``, ``ImportCancelled`` when ``on_progress`` returns False; in every
    such case nothing is written.

    ``parallel``: read the files in a second process while this one writes (see
    ``ingest/gdelt_process.py``); by default, when there are two CPUs or more and
    at least ``PARALLEL_MIN_BYTES`` to read. The result is the same either way.
    """
    started = time.perf_counter()
    sources = [open_source(p) for p in paths]  # every path checked before any work
    if parallel is None:
        parallel = _cpus() >= 2 and sum(s.size for s in sources) >= PARALLEL_MIN_BYTES
    importer = _Importer(conn, sources, countries, strict, on_progress, chunk_rows, parallel)
    # Foreign keys are guaranteed by construction (each actor is added before the first
    # row that names it; each dataset row is written with its file); checking them again
    # for every row made the insert a third slower. The pragma cannot change inside a
    # transaction, hence before BEGIN, and it is restored whatever happens.
    fk_was_on = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            files = importer.run()
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        importer.close()
        conn.execute(f"PRAGMA foreign_keys = {'ON' if fk_was_on else 'OFF'}")
    return ImportReport(
        files=tuple(files),
        problems=tuple(importer.stats.problems),
        actors_added=tuple(sorted(importer.actors_added)),
        seconds=time.perf_counter() - started,
        indexes_rebuilt=importer.rebuilt,
    )


@dataclass
class _Importer:
    conn: sqlite3.Connection
    sources: list[Source]
    countries: frozenset[str] | None
    strict: bool
    on_progress: ProgressCallback | None
    chunk_rows: int
    parallel: bool
    actors_added: set[str] = field(default_factory=set)
    rebuilt: bool = False

    def __post_init__(self) -> None:
        # Batches come from a reader here or in a second process; either way the
        # decoder turns them into rows and totals their counts.
        self.reader: GdeltReader | ReaderProcess | None = None
        self.decoder = BatchDecoder()
        self.stats: ReadStats = self.decoder.stats
        self.filter_key = ",".join(sorted(self.countries)) if self.countries else ""
        self.bytes_total = sum(s.size for s in self.sources)
        self.bytes_done = 0

    def batches(self, source: Source) -> Iterator[Batch]:
        if self.reader is None:  # at the first file read, not before (one may be enough)
            kind = ReaderProcess if self.parallel else GdeltReader
            self.reader = kind(self.countries, strict=self.strict, chunk_rows=self.chunk_rows)
        return self.reader.batches(source)

    def close(self) -> None:
        """Stop a reading process, if any (at once when it is still busy)."""
        if isinstance(self.reader, ReaderProcess):
            self.reader.close()
        self.reader = None

    def run(self) -> list[FileReport]:
        conn = self.conn
        # A big cache keeps the index pages of a million-row insert in memory; it only
        # lasts as long as this connection and does not touch durability.
        conn.execute("PRAGMA cache_size = -262144")  # KiB: 256 MiB at most
        self._progress()
        index_sql = self._drop_indexes_if_empty()
        reports = [self._import_file(source) for source in self.sources]
        self.close()  # the reading is done: let a reading process go before the index work
        for sql in index_sql:
            conn.execute(sql)
        return reports

    def _drop_indexes_if_empty(self) -> list[str]:
        """Into an empty table, building the indexes once afterwards (a sort) beats
        updating them row by row in random order. DDL is transactional in SQLite, so
        a failed import restores them. Returns the statements that recreate them."""
        if self.conn.execute("SELECT 1 FROM bulk_events LIMIT 1").fetchone():
            return []
        rows = self.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'bulk_events' AND sql IS NOT NULL"
        ).fetchall()
        for name, _sql in rows:
            self.conn.execute(f'DROP INDEX "{name}"')
        self.rebuilt = bool(rows)
        return [sql for _name, sql in rows]

    def _import_file(self, source: Source) -> FileReport:
        conn, decoder = self.conn, self.decoder
        # Same name and size: probably a re-import, and hashing first (a second or so)
        # beats reading it all.
        if self._same_name_and_size(source) and self._already_imported(
            _Sha256Thread(source.path).result()
        ):
            return self._skip(source)
        hasher = _Sha256Thread(source.path)  # hashes while we parse
        dataset_pk = conn.execute("SELECT coalesce(max(pk), 0) + 1 FROM datasets").fetchone()[0]
        insert = (
            f"INSERT OR IGNORE INTO bulk_events (dataset_pk, global_id, day, actor1, actor2, "
            f"pair_a, pair_b, event_code, root_code, quad_class, category, modality, score, "
            f"num_sources, num_articles, source_url) "
            f"VALUES ({int(dataset_pk)}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        before = _counts(self.stats)
        known = {code for (code,) in conn.execute("SELECT code FROM actors")}
        added: set[str] = set()
        conn.execute(f"SAVEPOINT {_FILE_SAVEPOINT}")
        try:
            written = kept = 0
            for batch in self.batches(source):
                records = decoder.rows(batch)
                new = decoder.countries_seen - known
                if new:
                    self._add_actors(new)
                    known |= new
                    added |= new
                if batch.count:
                    written += conn.executemany(insert, records).rowcount
                    kept += batch.count
                _after_chunk(self.stats.rows)
                self._progress(self.bytes_done + batch.position)
            self.bytes_done += source.size
            digest = hasher.result()
        except BaseException:
            hasher.stop()
            raise
        if self._already_imported(digest):
            conn.execute(f"ROLLBACK TO {_FILE_SAVEPOINT}")
            conn.execute(f"RELEASE {_FILE_SAVEPOINT}")
            return self._skip(source, counted=True)
        after = _counts(self.stats)
        rows, *skips = (a - b for a, b in zip(after, before, strict=True))
        created = datetime.now(UTC).isoformat(timespec="seconds")
        conn.execute(
            "INSERT INTO datasets (pk, name, kind, file_name, file_size, file_sha256, countries, "
            "imported_rows, skipped_rows, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (dataset_pk, _dataset_name(source), DATASET_KIND, source.path.name,
             source.path.stat().st_size, digest, self.filter_key, written, rows - written, created),
        )  # fmt: skip
        conn.execute(f"RELEASE {_FILE_SAVEPOINT}")
        self.actors_added |= added
        return FileReport(source.display, False, rows, written, kept - written, *skips)

    def _add_actors(self, codes: set[str]) -> None:
        # OR IGNORE: an existing (curated) actor is never changed.
        self.conn.executemany(
            "INSERT OR IGNORE INTO actors (code, name, kind, region, colour, x, y) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (a.code, a.name, a.kind.value, a.region, a.colour, a.x, a.y)
                for a in map(bulk_actor, sorted(codes))
            ],
        )

    def _same_name_and_size(self, source: Source) -> bool:
        return bool(
            self.conn.execute(
                "SELECT 1 FROM datasets WHERE file_name = ? AND file_size = ?",
                (source.path.name, source.path.stat().st_size),
            ).fetchone()
        )

    def _already_imported(self, digest: str) -> bool:
        # Imported before with no filter, or with this same filter.
        return bool(
            self.conn.execute(
                "SELECT 1 FROM datasets WHERE file_sha256 = ? AND countries IN ('', ?)",
                (digest, self.filter_key),
            ).fetchone()
        )

    def _skip(self, source: Source, *, counted: bool = False) -> FileReport:
        if not counted:
            self.bytes_done += source.size
            self._progress()
        return FileReport(source.display, already_imported=True)

    def _progress(self, bytes_done: int | None = None) -> None:
        if self.on_progress is None:
            return
        done = self.bytes_done if bytes_done is None else bytes_done
        if not self.on_progress(self.stats.rows, done, self.bytes_total):
            raise ImportCancelled("import cancelled; the database was not changed")


def _dataset_name(source: Source) -> str:
    # The file's own name (and the export's, for a zip): stable whatever the folder.
    return f"{source.path.name}:{source.member}" if source.member else source.path.name


def _counts(s: ReadStats) -> tuple[int, int, int, int, int]:
    return s.rows, s.no_country, s.domestic, s.outside, s.malformed


def _cpus() -> int:
    """CPUs this process may run on (a container or ``taskset`` may allow fewer)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Windows or macOS
        return os.cpu_count() or 1


class _Sha256Thread(threading.Thread):
    """The file's SHA-256, computed beside the parse. Hashing alone runs at about
    220 MB/s here (over a second for a million rows); hashlib and file reads release
    the GIL, so where a second core is free it overlaps the parse."""

    def __init__(self, path: Path) -> None:
        super().__init__(name="gdelt-sha256", daemon=True)
        self.path = path
        self._halt = threading.Event()
        self._digest: str | None = None
        self._error: GdeltError | None = None
        self.start()

    def run(self) -> None:
        digest = hashlib.sha256()
        try:
            with self.path.open("rb") as raw:
                while not self._halt.is_set() and (block := raw.read(1 << 20)):
                    digest.update(block)
        except OSError as exc:
            self._error = GdeltError(f"{self.path}: cannot read ({exc.strerror})")
        self._digest = digest.hexdigest()

    def stop(self) -> None:
        self._halt.set()

    def result(self) -> str:
        self.join()
        if self._error is not None:
            raise self._error
        assert self._digest is not None
        return self._digest
