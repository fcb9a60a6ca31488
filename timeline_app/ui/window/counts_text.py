"""The status bar's counts: how many events the window shows, of how many, whether the
file is read-only, and what the bulk layer adds (or why it shows nothing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline_app.ui.window.snapshot import describe_counts

if TYPE_CHECKING:
    from timeline_app.ui.window.main_window import MainWindow


def counts_text(window: MainWindow) -> str:
    """The counts line for what ``window`` shows now ("" before any data)."""
    if window.snapshot is None:
        return ""
    curated = describe_counts(window.snapshot.events, window.snapshot.total_events)
    read_only = (
        "Read-only (the file cannot be written) · "
        if window.store and window.store.read_only
        else ""
    )
    # A search covers curated events and articles only (filters.FilterRules): say
    # so, or an empty bulk layer looks like an empty database.
    searching = window.view.state.bulk_layer and bool(window.current_filter().text)
    bulk = " · bulk events hidden while searching" if searching else window.bulk.describe()
    return read_only + curated + bulk
