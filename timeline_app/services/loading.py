"""Loading use cases: where the curated files are, and building the database from them
(validate everything first, then write it in one transaction).

The YAML readers and the ORM are imported inside the methods: viewing an existing
database needs neither.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from timeline_app import paths
from timeline_app.domain import Actor
from timeline_app.services.reading import Reading
from timeline_app.store.db import translated

if TYPE_CHECKING:
    from timeline_app.ingest.corpus import Corpus, CorpusPaths
    from timeline_app.store.loader import LoadReport


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


class Loading(Reading):
    """Building the database from the curated files (a load replaces what they wrote)."""

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

    def ensure_seeded(
        self, on_validated: Callable[[Corpus], None] | None = None
    ) -> LoadReport | None:
        """First run: build the database from the bundled seeds (see ``load``)."""
        return self.load(on_validated=on_validated) if self.is_empty() else None
