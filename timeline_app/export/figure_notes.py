"""The numbered notes under a figure and the sources appendix of a PDF: Qt-free.

A note tells a reader what happened and where it was reported: the event's date and
title, then the outlet, the article's date and a short quote. When a figure shows more
events than notes fit, the events that matter get them: the ones the user selected,
then the ones they pinned, then the most significant (strongest score, then most
sources). The chosen notes are
numbered in date order, so the numbers on the marks rise from left to right. A PDF
lists every shown event's sources on appendix pages, so nothing is dropped.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from timeline_app.dates import DateSpan, Precision
from timeline_app.domain import Citation, Document, Event

NOTE_LIMIT = 12  # more numbered notes than this no longer fit under a slide
QUOTE_CHARS = 70
TITLE_CHARS = 60
APPENDIX_QUOTE_CHARS = 400


def truncate_quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """Whitespace normalised; cut at a word boundary near ``limit`` with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:.–-") + "…"


def short_date(span: DateSpan) -> str:
    """``6 Dec 2021``, ``Sep 2016``, ``2016``; a span ``2021–2031``; ``c.`` if implied."""

    def one(d: date) -> str:
        month = calendar.month_abbr[d.month]
        if span.precision is Precision.YEAR:
            return str(d.year)
        if span.precision is Precision.MONTH:
            return f"{month} {d.year}"
        return f"{d.day} {month} {d.year}"

    text = one(span.start) + (f"–{one(span.end)}" if span.end is not None else "")
    return f"c. {text}" if span.approximate else text


def citation_text(citation: Citation, documents: Mapping[str, Document], quote_chars: int) -> str:
    """``The Times of India, Jan 2017: 'Talks are in progress'``; an unknown document
    is named by its file."""
    doc = documents.get(citation.document)
    where = f"{doc.outlet}, {short_date(doc.published)}" if doc else citation.document
    return f"{where}: '{truncate_quote(citation.quote, quote_chars)}'"


def event_heading(event: Event, title_chars: int = TITLE_CHARS) -> str:
    return f"{short_date(event.when)} · {truncate_quote(event.title, title_chars)}"


@dataclass(frozen=True, slots=True)
class SourceNote:
    number: int
    event_id: str
    text: str  # "[3] 6 Dec 2021 · Title — The Times of India, Dec 2021: 'Talks…'"


@dataclass(frozen=True, slots=True)
class SourceFooter:
    notes: tuple[SourceNote, ...]
    more: int  # events shown without a note

    @property
    def more_text(self) -> str:
        if not self.more:
            return ""
        return f"… and {self.more} more event{'s' if self.more != 1 else ''}"

    def more_text_for(self, pdf: bool) -> str:
        """The line under the notes, saying where the other events' sources are."""
        if not self.more:
            return ""
        where = "on the appendix pages" if pdf else "in a PDF export of this figure"
        return f"{self.more_text}: their sources are {where}"

    def number_of(self, event_id: str) -> int | None:
        return next((n.number for n in self.notes if n.event_id == event_id), None)


def note_priority(
    events: Sequence[Event], selected: Sequence[str] = (), pinned: Sequence[str] = ()
) -> list[Event]:
    """The events in the order they earn a note: pinned ones (in pin order: an analyst
    pins what a briefing must show), then selected ones, then by the strength of the
    score, then by the number of sources, then by date."""
    rank = {event_id: i for i, event_id in enumerate(dict.fromkeys([*pinned, *selected]))}
    chronological = {e.id: i for i, e in enumerate(events)}
    return sorted(
        events,
        key=lambda e: (
            rank.get(e.id, len(rank)),
            -abs(e.score),
            -len(e.citations),
            chronological[e.id],
        ),
    )


def source_footer(
    events: Sequence[Event],
    documents: Mapping[str, Document],
    limit: int = NOTE_LIMIT,
    quote_chars: int = QUOTE_CHARS,
    selected: Sequence[str] = (),
    pinned: Sequence[str] = (),
) -> SourceFooter:
    """Notes for the ``limit`` events that matter most (``events`` in date order),
    numbered in date order: each event's heading and its first citation."""
    chosen = {e.id for e in note_priority(events, selected, pinned)[: max(limit, 0)]}
    notes: list[SourceNote] = []
    for event in (e for e in events if e.id in chosen):
        number = len(notes) + 1
        text = f"[{number}] {event_heading(event)}"
        if not event.citations:
            notes.append(SourceNote(number, event.id, f"{text} (no source)"))
            continue
        text += " — " + citation_text(event.citations[0], documents, quote_chars)
        if len(event.citations) > 1:
            text += f" (+{len(event.citations) - 1} more)"
        notes.append(SourceNote(number, event.id, text))
    return SourceFooter(tuple(notes), max(len(events) - len(notes), 0))


@dataclass(frozen=True, slots=True)
class AppendixEntry:
    label: str  # "[3]" for a numbered event, else ""
    heading: str  # "6 Dec 2021 · India and Vietnam sign a defence pact"
    sources: tuple[str, ...]  # every citation, with a longer quote


def appendix_entries(
    events: Sequence[Event],
    documents: Mapping[str, Document],
    footer: SourceFooter | None = None,
    quote_chars: int = APPENDIX_QUOTE_CHARS,
) -> list[AppendixEntry]:
    """Every event of the figure (date order) with all its sources."""
    entries = []
    for event in events:
        number = footer.number_of(event.id) if footer is not None else None
        sources = tuple(citation_text(c, documents, quote_chars) for c in event.citations)
        entries.append(
            AppendixEntry(
                f"[{number}]" if number is not None else "",
                event_heading(event, title_chars=200),
                sources or ("(no source)",),
            )
        )
    return entries
