"""Reading the database while the views are still being imported.

Importing pyqtgraph and building the main window keeps the GUI thread busy for most
of a second after the first window appears. Opening the database and reading every
bulk event meanwhile is mostly SQLite and file reads, which release the GIL, so on
a second core the two overlap: with a million bulk events this brings the fully
drawn window forward by about the time of that read (README, Performance).

Nothing here touches Qt; the thread hands plain data to the main window's first
job, which waits for it (``result``), so jobs still never overlap.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline_app.services import BulkData, Store


class Prefetch(threading.Thread):
    """Opens (creating and seeding if need be) the database at ``path`` and reads
    every bulk event, in the background."""

    def __init__(self, path: Path) -> None:
        super().__init__(name="prefetch", daemon=True)
        self.path = path
        self._store: Store | None = None
        self._bulk: BulkData | None = None
        self._error: Exception | None = None
        self._opened = threading.Event()  # the store is open (or failed to open)
        self.start()

    def run(self) -> None:
        try:
            from timeline_app.domain import EventFilter
            from timeline_app.services import Store, fetch_bulk

            store = Store.open(self.path)
            store.ensure_seeded()
            self._store = store
            self._opened.set()
            self._bulk, _ = fetch_bulk(store, EventFilter())
        except Exception as exc:  # re-raised by ``store``, or read again by the window
            self._error = exc
        finally:
            self._opened.set()

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
