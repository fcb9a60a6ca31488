"""What the views show of the curated events: one query's result, read on the worker.

Qt-free: the main window hands a ``Snapshot`` to every view at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from timeline_app.domain import Actor, Document, Event, EventFilter, Paragraph
from timeline_app.services import Store

if TYPE_CHECKING:
    from timeline_app.ingest.corpus import Corpus


@dataclass(frozen=True)
class Snapshot:
    """Everything the views show, fetched in one background job."""

    events: list[Event]
    actors: list[Actor]
    documents: dict[str, tuple[Document, list[Paragraph]]]
    total_events: int
    filter: EventFilter


def fetch_snapshot(
    store: Store,
    flt: EventFilter,
    documents: dict[str, tuple[Document, list[Paragraph]]] | None = None,
) -> Snapshot:
    """The events passing ``flt``; the articles are read again only when not given
    (a filter change does not change them)."""
    if documents is None:
        documents = {}
        for document in store.documents():
            found = store.document(document.file_name)
            if found is not None:
                documents[document.file_name] = found
    return Snapshot(store.events(flt), store.actors(), documents, store.counts().events, flt)


def seeds_snapshot(seeds: Corpus) -> Snapshot:
    """The validated seeds as the database will return them once written (events by
    start day then id, actors by code): a first start shows them without waiting."""
    events = sorted(seeds.events, key=lambda e: (e.when.start_day, e.id))
    documents = {d.document.file_name: (d.document, list(d.paragraphs)) for d in seeds.documents}
    actors = sorted(seeds.actors, key=lambda a: a.code)
    return Snapshot(events, actors, documents, len(events), EventFilter())


def empty_message(snapshot: Snapshot) -> str:
    """Why the timeline is empty, and what to do about it."""
    if snapshot.total_events == 0:
        return (
            "This database holds no events yet.\n\n"
            "Load the curated seeds with File › Load / refresh curated seeds (F5)."
        )
    if not snapshot.filter.is_empty:
        return "No events match the filter.\n\nClear it with Esc or the Clear filters button."
    return "No events to show."


def describe_counts(events: list[Event], total: int) -> str:
    pairs = {p for e in events for p in e.pairs}
    sources = {c.document for e in events for c in e.citations}
    shown = f"{len(events)} of {total} events" if len(events) != total else f"{len(events)} events"
    return f"{shown}, {len(pairs)} pairs, {len(sources)} sources"
