"""Existing events a new one looks like: same lane, overlapping dates, shared words.

Offered in the editor so that a second article about the same fact becomes a second
citation of one event, not a duplicate event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from timeline_app.domain import Event

# Words that say nothing about which fact it is.
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "its",
        "their",
        "his",
        "her",
        "it",
        "this",
        "that",
        "these",
        "those",
        "two",
        "both",
        "said",
        "says",
        "will",
        "would",
        "after",
        "over",
        "into",
        "about",
        "than",
        "also",
        "not",
        "new",
    ]
)
_WORD = re.compile(r"[^\W\d_]{3,}")
WORD_OVERLAP_MIN = 0.2  # Jaccard similarity of content words
DATE_SLACK_DAYS = 3  # reports of one fact often differ by a day or two


@dataclass(frozen=True)
class Likeness:
    event: Event
    shared_words: tuple[str, ...]
    overlap: float  # 0..1

    def describe(self) -> str:
        words = ", ".join(self.shared_words[:6])
        return f"same pair, overlapping dates; shared words: {words}"


def content_words(event: Event) -> frozenset[str]:
    text = " ".join([event.title, *(c.quote for c in event.citations)])
    return frozenset(w for w in (m.casefold() for m in _WORD.findall(text)) if w not in _STOP)


def _dates_overlap(a: Event, b: Event) -> bool:
    return (
        a.when.start_day <= b.when.end_day + DATE_SLACK_DAYS
        and b.when.start_day <= a.when.end_day + DATE_SLACK_DAYS
    )


def similar_events(candidate: Event, existing: Iterable[Event]) -> list[Likeness]:
    """Events sharing a pair of actors with ``candidate``, overlapping its dates (give
    or take a few days) and sharing enough words, most alike first."""
    pairs = set(candidate.pairs)
    words = content_words(candidate)
    found: list[Likeness] = []
    for event in existing:
        if event.id == candidate.id or not pairs & set(event.pairs):
            continue
        if not _dates_overlap(candidate, event):
            continue
        theirs = content_words(event)
        union = words | theirs
        overlap = len(words & theirs) / len(union) if union else 0.0
        if overlap >= WORD_OVERLAP_MIN:
            found.append(Likeness(event, tuple(sorted(words & theirs)), overlap))
    return sorted(found, key=lambda f: -f.overlap)
