"""The data the views show now: the last query's snapshot and what is derived from it
(the search ranking, actors by code, the time indexes of ties and actors). One object
that the window's controllers share, so none of them reaches into another for it."""

from __future__ import annotations

from timeline_app.domain import Actor, Document, Event, Paragraph
from timeline_app.layout import actor_index, pair_index
from timeline_app.ui.window.snapshot import Snapshot


class ShownData:
    def __init__(self) -> None:
        self.snapshot: Snapshot | None = None
        self.ranking: list[str] = []  # the search's matches, best first
        self.actors: dict[str, Actor] = {}
        self.pair_index = pair_index([])
        self.actor_index = actor_index([])

    def show(self, snapshot: Snapshot, ranking: list[str] | None = None) -> None:
        self.snapshot = snapshot
        self.ranking = list(ranking or [])
        self.actors = {a.code: a for a in snapshot.actors}
        self.pair_index = pair_index(snapshot.events)
        self.actor_index = actor_index(snapshot.events)

    @property
    def events(self) -> list[Event]:
        return self.snapshot.events if self.snapshot is not None else []

    def event(self, event_id: str | None) -> Event | None:
        if not event_id:
            return None
        return next((e for e in self.events if e.id == event_id), None)

    def best_match(self) -> Event | None:
        return self.event(self.ranking[0]) if self.ranking else None

    def document(self, file_name: str) -> tuple[Document, list[Paragraph]] | None:
        return self.snapshot.documents.get(file_name) if self.snapshot else None
