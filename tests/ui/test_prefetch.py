"""Reading the database while the window is built: what a first start shows at once
is exactly what the database returns once written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from timeline_app.domain import EventFilter
from timeline_app.services import Store
from timeline_app.ui.prefetch import Prefetch
from timeline_app.ui.window.main_window import MainWindow
from timeline_app.ui.window.snapshot import fetch_snapshot, seeds_snapshot

Factory = Callable[..., MainWindow]


def test_the_seeds_shown_first_equal_the_database_written(tmp_path: Path) -> None:
    prefetch = Prefetch(tmp_path / "new.sqlite3")
    seeds = prefetch.seeds()
    assert seeds is not None, "a new database is built from the seeds"
    store = prefetch.store()
    try:
        shown = seeds_snapshot(seeds)
        written = fetch_snapshot(store, EventFilter())
        assert len(shown.events) >= 40
        assert shown.events == written.events
        assert shown.actors == written.actors
        assert shown.documents == written.documents
        assert shown.total_events == written.total_events
    finally:
        store.close()


def test_an_existing_database_is_not_seeded_again(tmp_path: Path) -> None:
    path = tmp_path / "existing.sqlite3"
    store = Store.open(path)
    store.ensure_seeded()
    store.close()
    prefetch = Prefetch(path)
    assert prefetch.seeds() is None
    assert prefetch.store().counts().events > 0


def test_a_first_start_shows_the_seeds_then_the_database(
    open_window: Factory, tmp_path: Path
) -> None:
    path = tmp_path / "first.sqlite3"
    window = open_window(path, prefetch=Prefetch(path))
    assert window.store is not None and window.store.counts().events > 0
    assert window.snapshot is not None
    assert len(window.snapshot.events) == window.store.counts().events
    assert len(window.timeline.events()) == len(window.snapshot.events)
