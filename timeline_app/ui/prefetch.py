"""Reading the database while the views are still being imported.

Importing pyqtgraph and building the main window keeps the GUI thread busy for most
of a second after the first window appears. Opening the database and reading every
bulk event meanwhile is mostly SQLite and file reads, which release the GIL, so on
a second core the two overlap: with a million bulk events this brings the fully
drawn window forward by about the time of that read (README, Performance).

On a first start the database is built from the bundled seeds; the validated seeds
are handed over (``seeds``) before they are written, so the first screen does not
wait for the write and for the ORM's import.

Nothing here touches Qt; the thread hands plain data to the main window's first
jobs, which wait for it, so jobs still never overlap.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline_app.ingest.corpus import Corpus
    from timeline_app.services import BulkData, Store


_MAX_HOLD_SECONDS = 5.0


class Prefetch(threading.Thread):
    """Opens (creating and seeding if need be) the database at ``path`` and reads
    every bulk event, in the background."""

    def __init__(self, path: Path, *, hold_seed_write: bool = False) -> None:
        """``hold_seed_write``: on a first start, write the seeds only once ``go_on``
        is called (the window has drawn them), or after a few seconds at most: the
        write holds the GIL for most of a second and would slow the first paint."""
        super().__init__(name="prefetch", daemon=True)
        self.path = path
        self._go_on = threading.Event()
        if not hold_seed_write:
            self._go_on.set()
        self._store: Store | None = None
        self._bulk: BulkData | None = None
        self._error: Exception | None = None
        self._seeds: Corpus | None = None
        self._seeds_known = threading.Event()  # the seeds were validated, or none needed
        self._opened = threading.Event()  # the store is open (or failed to open)
        self.start()

    def run(self) -> None:
        try:
            from timeline_app.domain import EventFilter
            from timeline_app.services import Store, fetch_bulk

            store = Store.open(self.path)
            store.ensure_seeded(on_validated=self._validated)
            self._seeds_known.set()
            self._store = store
            self._opened.set()
            self._bulk, _ = fetch_bulk(store, EventFilter())
        except Exception as exc:  # re-raised by ``store``, or read again by the window
            self._error = exc
        finally:
            self._seeds_known.set()
            self._opened.set()

    def _validated(self, seeds: Corpus) -> None:
        self._seeds = seeds
        self._seeds_known.set()
        self._go_on.wait(timeout=_MAX_HOLD_SECONDS)

    def go_on(self) -> None:
        """The first screen is drawn: the seeds may be written now."""
        self._go_on.set()

    def seeds(self) -> Corpus | None:
        """On a first start, the validated seeds being written to the new database, as
        soon as they are read; otherwise ``None`` (once the database is known not
        to need them)."""
        self._seeds_known.wait()
        return self._seeds

    def store(self) -> Store:
        """The open store, as soon as it is open (the bulk read goes on); raises what
        opening the database raised."""
        self._opened.wait()
        if self._store is None:
            assert self._error is not None
            raise self._error
        return self._store

    def bulk(self) -> BulkData | None:
        """Every bulk event (``None``: there are none, or the read failed and the
        caller should read them itself)."""
        self.join()
        return self._bulk
