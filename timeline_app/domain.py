"""Domain objects and pure rules: no Qt, no SQLAlchemy.

Everything the views and the command line see is one of these frozen dataclasses;
ORM rows never leave ``timeline_app.store``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import combinations

from timeline_app.dates import DateSpan


class Category(enum.StrEnum):
    """The fixed vocabulary of event categories (documented in docs/data-model.md)."""

    AGREEMENT = "agreement"
    VISIT = "visit"
    DIALOGUE = "dialogue"
    TRAINING = "training"
    ARMS_TRANSFER = "arms_transfer"
    DEFENCE_INDUSTRY = "defence_industry"
    EXERCISE = "exercise"
    PARTNERSHIP = "partnership"
    GROUPING = "grouping"
    DISPUTE = "dispute"
    SANCTIONS = "sanctions"


class Modality(enum.StrEnum):
    """How real the fact is: 'talks are in progress' is not a sale."""

    HAPPENED = "happened"
    AGREED = "agreed"  # announced or agreed to
    PLANNED = "planned"
    DISCUSSED = "discussed"  # under discussion, proposed
    THREATENED = "threatened"  # a reported threat


class Role(enum.StrEnum):
    """What an actor does in an event; the roles decide the event's lanes (``lanes_of``).

    See docs/codebook.md for when to use which.
    """

    INITIATOR = "initiator"  # acts: visits, offers, signs, threatens, criticises
    RECIPIENT = "recipient"  # is acted on: is visited, offered, threatened
    PARTICIPANT = "participant"  # takes part as an equal: talks, a joint exercise
    # An actor the event is about but who takes no part in it: it draws no lane.
    SUBJECT = "subject"


class ActorKind(enum.StrEnum):
    COUNTRY = "country"
    ORGANISATION = "organisation"
    BLOC = "bloc"


# Cooperation-conflict score: the Goldstein scale, -10 (most conflictual) to +10
# (most cooperative). Chosen because bulk dyadic data (GDELT) uses the same scale.
SCORE_MIN = -10.0
SCORE_MAX = 10.0

CURATED_DATASET = "curated"
# Events made or edited in the app; a load of the curated files never touches them.
ANALYST_DATASET = "analyst"


@dataclass(frozen=True, slots=True)
class Actor:
    code: str
    name: str
    kind: ActorKind
    region: str
    colour: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Document:
    file_name: str
    title: str
    title_supplied: bool
    outlet: str
    published: DateSpan
    published_inferred: bool
    published_note: str
    language: str
    content_hash: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    document: str  # file name of the document
    ordinal: int  # 1-based, counts every non-empty block, boilerplate included
    text: str  # whitespace-normalised text
    start: int  # offset of the block's first character in the original text
    end: int  # offset just past the block's last character
    boilerplate: bool


@dataclass(frozen=True, slots=True)
class Citation:
    document: str
    paragraph: int
    quote: str


@dataclass(frozen=True, slots=True)
class Participant:
    code: str
    role: Role


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    title: str
    summary: str
    when: DateSpan
    actors: tuple[Participant, ...]
    category: Category
    modality: Modality
    score: float
    citations: tuple[Citation, ...]
    date_note: str = ""
    dataset: str = CURATED_DATASET

    @property
    def actor_codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.actors)

    @property
    def pairs(self) -> tuple[Pair, ...]:
        """The event's lanes, from its actors' roles (see ``lanes_of``). Read in every
        layout and filter pass, so the answer for a set of actors is kept (an event is
        frozen, and its actors a tuple)."""
        return _lanes_of_tuple(self.actors)


@dataclass(frozen=True, slots=True, order=True)
class Pair:
    """An unordered pair of actors; ``a < b`` always, so a pair has one spelling."""

    a: str
    b: str

    @classmethod
    def of(cls, x: str, y: str) -> Pair:
        if x == y:
            raise ValueError(f"a pair needs two different actors, got {x!r} twice")
        return cls(*sorted((x, y)))

    @property
    def key(self) -> str:
        return f"{self.a}-{self.b}"

    @classmethod
    def parse(cls, key: str) -> Pair:
        parts = key.strip().upper().split("-")
        if len(parts) != 2 or not all(parts):
            raise ValueError(f"a pair is written like IND-VNM, got {key!r}")
        return cls.of(parts[0], parts[1])


def pairs_of(codes: tuple[str, ...] | list[str]) -> tuple[Pair, ...]:
    """Each unordered pair of distinct codes (every pair among equal participants)."""
    distinct = sorted(set(codes))
    return tuple(Pair(a, b) for a, b in combinations(distinct, 2))


def lanes_of(actors: tuple[Participant, ...] | list[Participant]) -> tuple[Pair, ...]:
    """The lanes an event draws, by the codebook (docs/codebook.md):

    * every initiator with every recipient (who acted on whom);
    * every pair of participants (equals who acted together);
    * every initiator with every participant (an initiator acts with them too);
    * never a subject (talked about, not a party), never two initiators or two
      recipients with each other, never a recipient with a participant: the text
      ties them to the initiator, not to each other.

    Sorted, each pair once.
    """

    def codes(role: Role) -> list[str]:
        return [p.code for p in actors if p.role is role]

    initiators, recipients = codes(Role.INITIATOR), codes(Role.RECIPIENT)
    participants = codes(Role.PARTICIPANT)
    lanes = set(pairs_of(participants))
    for initiator in initiators:
        for other in recipients + participants:
            if other != initiator:
                lanes.add(Pair.of(initiator, other))
    return tuple(sorted(lanes))


@lru_cache(maxsize=65_536)  # distinct casts of actors and roles: few, even in a big collection
def _lanes_of_tuple(actors: tuple[Participant, ...]) -> tuple[Pair, ...]:
    return lanes_of(actors)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What the timeline, the panel and the list all show. Empty means 'no limit'."""

    actors: frozenset[str] = frozenset()
    categories: frozenset[Category] = frozenset()
    modalities: frozenset[Modality] = frozenset()
    start: date | None = None
    end: date | None = None
    text: str = ""
    datasets: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return self == EventFilter()

    def describe(self) -> list[str]:
        """Human-readable lines naming each active filter, for captions and chips."""
        parts: list[str] = []
        if self.actors:
            parts.append("actors: " + ", ".join(sorted(self.actors)))
        if self.categories:
            parts.append("categories: " + ", ".join(sorted(c.value for c in self.categories)))
        if self.modalities:
            parts.append("modality: " + ", ".join(sorted(m.value for m in self.modalities)))
        if self.start or self.end:
            lo = self.start.isoformat() if self.start else "…"
            hi = self.end.isoformat() if self.end else "…"
            parts.append(f"dates: {lo} to {hi}")
        if self.text.strip():
            parts.append(f"search: {self.text.strip()}")
        return parts
