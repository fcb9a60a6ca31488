"""Reading use cases: the counts, actors, articles and events the views show, and the
searches over them. Nothing here writes."""

from __future__ import annotations

from timeline_app.domain import Actor, Document, Event, EventFilter, Paragraph
from timeline_app.services.database import OpenDatabase
from timeline_app.store import repo
from timeline_app.store.repo import Counts, ParagraphHit


class Reading(OpenDatabase):
    """What the database holds, for the views and the command line."""

    def counts(self) -> Counts:
        with self.db.connect() as conn:
            return repo.counts(conn)

    def is_empty(self) -> bool:
        counts = self.counts()
        return counts.sources == 0 and counts.events == 0

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
