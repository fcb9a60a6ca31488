"""Use cases: the only caller of ``timeline_app.store``.

The command line and the GUI both go through ``Store``; every method opens its
own connection (one per user action), so a background job can call it safely from
a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from timeline_app import paths
from timeline_app.bulk_layout import BulkIndex
from timeline_app.domain import Actor, Document, Event, EventFilter, Paragraph
from timeline_app.filters import FilterRules, bulk_rows_in_memory, needs_sql
from timeline_app.saved_views import SavedView
from timeline_app.store import bulk_cache, bulk_read, repo, views
from timeline_app.store.bulk_read import CATEGORIES, MODALITIES, BulkColumns, BulkEvent
from timeline_app.store.db import Database, DataVersionWatch, open_database, translated
from timeline_app.store.repo import AuditEntry, Counts, ParagraphHit

if TYPE_CHECKING:  # imported where used: the YAML reader and the ORM are not needed to view
    from timeline_app.articles import ArticleMeta, MetaOverrides
    from timeline_app.editing.changes import Change, StoredArticle
    from timeline_app.editing.validate import Reference
    from timeline_app.ingest.corpus import Corpus, CorpusPaths
    from timeline_app.store.bulk import ImportReport, ProgressCallback
    from timeline_app.store.collection import ArticleImport, MergeReport, OnConflict
    from timeline_app.store.loader import LoadReport


@dataclass(frozen=True)
class Changes:
    """What a use case changed; views refresh from this one value (one change channel)."""

    events: bool = False
    documents: bool = False
    actors: bool = False
    database: bool = False  # a different file was opened
    filter: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def anything(self) -> bool:
        return self.events or self.documents or self.actors or self.database or self.filter


def bundled_corpus_paths() -> CorpusPaths:
    from timeline_app.ingest.corpus import CorpusPaths

    seeds = paths.seeds_dir()
    return CorpusPaths(seeds=seeds, events=seeds / "events.yaml", resources=paths.resources_dir())


def corpus_paths(events: Path | None = None, sources: Path | None = None) -> CorpusPaths:
    from timeline_app.ingest.corpus import CorpusPaths

    bundled = bundled_corpus_paths()
    seeds = sources or bundled.seeds
    return CorpusPaths(
        seeds=seeds,
        events=events or seeds / "events.yaml",
        resources=bundled.resources,
    )


class _AnyCountry(dict[str, Actor]):
    """The actors an event may name: those given, and any ISO 3166-1 country or common
    grouping (``editing.validate.new_actor``), looked up on first mention only, so a
    load of the seeds does not build rows for every country of the world."""

    def __init__(self, known: dict[str, Actor]) -> None:
        super().__init__(known)
        self.first_named: list[str] = []

    def __contains__(self, code: object) -> bool:
        if dict.__contains__(self, code):
            return True
        if not isinstance(code, str):
            return False
        from timeline_app.editing.validate import new_actor

        actor = new_actor(code)
        if actor is None:
            return False
        self[code] = actor
        self.first_named.append(code)
        return True


class Store:
    """An open database and the use cases on it."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @classmethod
    def open(
        cls, path: Path | None = None, *, create: bool = True, read_only: bool = False
    ) -> Store:
        """Open the database (see ``store.db.open_database``): a file the user cannot
        write opens read-only; ``read_only`` asks for that (``check`` never writes)."""
        return cls(
            open_database(path or paths.default_db_path(), create=create, read_only=read_only)
        )

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    def watch(self) -> DataVersionWatch:
        """Notices changes committed to the file by any other connection or process."""
        return DataVersionWatch(self.path)

    def close(self) -> None:
        self.db.dispose()

    # -- loading -----------------------------------------------------------
    def load(
        self,
        corpus: CorpusPaths | None = None,
        on_validated: Callable[[Corpus], None] | None = None,
    ) -> LoadReport:
        """Validate everything first, then write it in one transaction.

        ``on_validated`` gets the validated seeds before they are written: a first
        start shows them at once instead of waiting for the write (and for the ORM's
        import, most of a second).
        """
        validated = self._read_corpus(corpus or bundled_corpus_paths())
        if on_validated is not None:
            on_validated(validated)
        from timeline_app.store.loader import write_corpus  # the ORM: after the callback

        if not self.is_empty():  # a load replaces events and articles: keep them first
            self.backup_before("before-load")
        with translated(self.path):
            return write_corpus(self.db, validated)

    def backup_before(self, reason: str) -> Path | None:
        """A backup of the database before an operation that replaces or deletes data
        (``store.backup.backup_before``); the path written, or None for an empty file."""
        from timeline_app.store.backup import backup_before

        return backup_before(self.path, reason)

    def _read_corpus(self, paths: CorpusPaths) -> Corpus:
        """The curated files, validated; their events may also cite articles imported
        into this database and name the actors it knows (an exported collection loads
        back). Only the curated actors and documents are written by the load."""
        from timeline_app.ingest.corpus import (
            Corpus,
            read_actors,
            read_boilerplate,
            read_documents,
            read_events,
        )
        from timeline_app.ingest.problems import Problem, ValidationFailed
        from timeline_app.store.imported_read import (
            imported_documents,
            known_actors,
            non_curated_ids,
        )

        with self.db.connect() as conn:
            imported, actors_here = imported_documents(conn), known_actors(conn)
            taken = non_curated_ids(conn)
        problems: list[Problem] = []
        actors = read_actors(paths.actors, problems)
        rules = read_boilerplate(paths.boilerplate, problems)
        documents = read_documents(paths, rules, problems)
        citable = _AnyCountry({a.code: a for a in actors_here} | actors)
        events = read_events(paths.events, citable, documents + imported, problems, taken)
        if problems:
            raise ValidationFailed(problems)
        # Countries and groupings first named by these events (an exported collection
        # loaded into a new database) are written with the curated actors.
        here = {a.code for a in actors_here}
        new = [citable[c] for c in citable.first_named if c not in here and c not in actors]
        return Corpus((*actors.values(), *new), tuple(documents), tuple(events))

    def is_empty(self) -> bool:
        counts = self.counts()
        return counts.sources == 0 and counts.events == 0

    def ensure_seeded(
        self, on_validated: Callable[[Corpus], None] | None = None
    ) -> LoadReport | None:
        """First run: build the database from the bundled seeds (see ``load``)."""
        return self.load(on_validated=on_validated) if self.is_empty() else None

    # -- reading -----------------------------------------------------------
    def counts(self) -> Counts:
        with self.db.connect() as conn:
            return repo.counts(conn)

    def actors(self) -> list[Actor]:
        with self.db.connect() as conn:
            return repo.all_actors(conn)

    def documents(self) -> list[Document]:
        with self.db.connect() as conn:
            return repo.all_documents(conn)

    def events(self, flt: EventFilter = EventFilter()) -> list[Event]:
        with self.db.connect() as conn:
            return repo.events(conn, flt)

    def event(self, event_id: str) -> Event | None:
        with self.db.connect() as conn:
            return repo.event_by_id(conn, event_id)

    def document(self, file_name: str) -> tuple[Document, list[Paragraph]] | None:
        with self.db.connect() as conn:
            return repo.document_with_paragraphs(conn, file_name)

    def rank_matches(self, user_text: str) -> list[str]:
        """Ids of the events a search matches, best first (see ``repo.rank_matches``)."""
        with self.db.connect() as conn:
            return repo.rank_matches(conn, user_text)

    def search_paragraphs(self, user_text: str, limit: int = 50) -> list[ParagraphHit]:
        with self.db.connect() as conn:
            return repo.search_paragraphs(conn, user_text, limit)

    def integrity_problems(self) -> list[str]:
        with self.db.connect() as conn:
            return repo.integrity_problems(conn)

    # -- saved views -------------------------------------------------------
    def saved_views(self) -> list[SavedView]:
        """Every saved view, in the order the analyst arranged them."""
        with self.db.connect() as conn:
            return views.list_views(conn)

    def saved_view(self, name: str) -> SavedView | None:
        with self.db.connect() as conn:
            return views.get_view(conn, name)

    def save_view(self, view: SavedView) -> bool:
        """Save ``view`` under its name; saving a name again updates that view in place
        (same position). True if the name was new."""
        with self.db.connect() as conn:
            return views.save_view(conn, view)

    def rename_view(self, old: str, new: str) -> None:
        with self.db.connect() as conn:
            views.rename_view(conn, old, new)

    def move_view(self, name: str, index: int) -> None:
        """Move one view to ``index`` in the list (0 = first)."""
        with self.db.connect() as conn:
            views.move_view(conn, name, index)

    def reorder_views(self, names: Sequence[str]) -> None:
        """Set the whole order at once; ``names`` must name every saved view once."""
        with self.db.connect() as conn:
            views.reorder_views(conn, names)

    def delete_view(self, name: str) -> None:
        with self.db.connect() as conn:
            views.delete_view(conn, name)

    # -- making and editing events (timeline_app/editing) ---------------------
    def apply_change(self, change: Change, *, undo: bool = False, redo: bool = False) -> None:
        """Write one change (or its reverse) and its audit rows in one transaction."""
        from timeline_app.editing.changes import apply_change

        with self.db.connect() as conn:
            apply_change(conn, change, undo=undo, redo=redo)

    def reference(self, documents: Sequence[str] | None = None) -> Reference:
        """What a new or edited event is checked against: every actor an event may name,
        the documents ``documents`` names (all when None), the ids already taken."""
        from timeline_app.editing.validate import Reference, known_actors
        from timeline_app.ingest.corpus import SourceDocument

        with self.db.connect() as conn:
            names = documents if documents is not None else [
                d.file_name for d in repo.all_documents(conn)
            ]  # fmt: skip
            sources = []
            for name in dict.fromkeys(names):
                found = repo.document_with_paragraphs(conn, name)
                if found is not None:
                    sources.append(SourceDocument(found[0], "", tuple(found[1])))
            return Reference(
                known_actors(repo.all_actors(conn)), tuple(sources),
                frozenset(repo.event_ids(conn)),
            )  # fmt: skip

    def add_events_from_file(self, path: Path) -> list[Event]:
        """``add-event``: check every event of the file, then add them all as one change
        (nothing is written when any is wrong: ``ValidationFailed``)."""
        from timeline_app.editing.changes import Change, EventChange
        from timeline_app.editing.validate import check_file

        events = check_file(path, self.reference())
        label = f"Add {len(events)} event(s) from {path.name}"
        self.apply_change(Change(label, tuple(EventChange(None, e) for e in events)))
        return events

    def audit_log(self, event_id: str | None = None) -> list[AuditEntry]:
        with self.db.connect() as conn:
            return repo.audit_entries(conn, event_id)

    def stored_article(self, file_name: str) -> StoredArticle | None:
        from timeline_app.editing.changes import StoredArticle

        with self.db.connect() as conn:
            found = repo.document_with_paragraphs(conn, file_name)
            body = repo.document_body(conn, file_name)
        if found is None or body is None:
            return None
        return StoredArticle(found[0], body, tuple(found[1]))

    def events_citing(self, file_name: str) -> list[Event]:
        with self.db.connect() as conn:
            return repo.events_citing(conn, file_name)

    # -- the analyst's collection: imported articles, packages ------------------
    def import_article(self, path: Path, overrides: MetaOverrides | None = None) -> ArticleImport:
        """Read one file and add it in one transaction; the same bytes twice are
        reported as a duplicate and nothing is written (``ArticleError`` on refusal)."""
        from timeline_app.articles import MetaOverrides
        from timeline_app.store import collection

        return collection.import_article(self.db, path, overrides or MetaOverrides())

    def correct_article(self, key: str, overrides: MetaOverrides) -> ArticleMeta:
        """Set an imported article's title, outlet, URL or publication date."""
        from timeline_app.store import collection

        return collection.correct_article(self.db, key, overrides)

    def article_url(self, key: str) -> str:
        with self.db.connect() as conn:
            row = conn.execute(
                "SELECT f.url FROM document_files f JOIN documents d ON d.pk = f.document_pk "
                "WHERE d.file_name = ?",
                (key,),
            ).fetchone()
        return "" if row is None else str(row[0])

    def export_package(self, target: Path) -> tuple[int, int]:
        """Write imported articles and non-curated events to a package; (articles, events)."""
        from timeline_app.store import collection

        return collection.export_package(self.db, target)

    def import_package(self, path: Path, on_conflict: OnConflict | None = None) -> MergeReport:
        """Merge a package in one transaction; ``PackageConflicts`` when ids clash and
        no choice was given, ``PackageError``/``ValidationFailed`` when it is not intact."""
        from timeline_app.store import collection

        return collection.import_package(self.db, path, on_conflict)

    # -- bulk events (GDELT) -------------------------------------------------
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


# -- bulk events for the views ---------------------------------------------------------


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
    store: Store, flt: EventFilter, full: BulkData | None = None
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
