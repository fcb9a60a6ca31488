"""Events made up for layout tests: a pair of actors, dates as ISO text, a score."""

from __future__ import annotations

from timeline_app.dates import DateSpan
from timeline_app.domain import Category, Citation, Event, Modality, Participant, Role


def make_event(
    event_id: str,
    start: str,
    end: str | None = None,
    actors: tuple[str, ...] = ("IND", "VNM"),
    score: float = 5.0,
    sources: int = 1,
    title: str | None = None,
) -> Event:
    return Event(
        id=event_id,
        title=title or event_id,
        summary="",
        when=DateSpan.parse(start, end),
        actors=tuple(Participant(code, Role.PARTICIPANT) for code in actors),
        category=Category.AGREEMENT,
        modality=Modality.HAPPENED,
        score=score,
        citations=tuple(Citation("a.txt", i + 1, "q") for i in range(sources)),
    )
