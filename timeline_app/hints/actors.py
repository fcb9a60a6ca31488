"""Actors named in a paragraph, and the roles simple verb patterns suggest for them.

Names are matched as whole words (a name's ends may not touch a letter or digit), case
as written (proper nouns: "Turkey" the country, not "turkey"), longest first, so
"South Sudan" is South Sudan and never Sudan, and "Papua New Guinea" never Guinea.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from timeline_app.domain import Role
from timeline_app.hints.names import PLACE_NAMES, NamedActor, names_table


@dataclass(frozen=True, slots=True)
class NameMatch:
    code: str
    words: str  # as written in the paragraph
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ActorHint:
    """An actor the paragraph names: where first, with every distinct spelling used."""

    code: str
    name: str
    words: tuple[str, ...]
    first: int
    role: Role
    rule: str  # why this role ("named in the paragraph" when no pattern applies)


_NAME_EDGE = r"(?<![\w])(?:{})(?![\w])"
# X <verb> ... Y: X acts, Y receives. Kept short: a suggestion, not a parser.
_DIRECTED_VERBS = (
    r"visit(?:s|ed|ing)?|arriv(?:es|ed) in|travel(?:s|led|ed) to|(?:a |his |her )?trip to"
    r"|host(?:s|ed)?|receiv(?:es|ed)|welcom(?:es|ed)|invit(?:es|ed)"
    r"|offer(?:s|ed)?|s(?:ells|old)|suppl(?:ies|ied)|deliver(?:s|ed)|export(?:s|ed)"
    r"|sanction(?:s|ed)|accus(?:es|ed)|warn(?:s|ed)|threaten(?:s|ed)|condemn(?:s|ed)"
    r"|attack(?:s|ed)|urg(?:es|ed)|call(?:s|ed) on|ask(?:s|ed)|recogni[sz](?:es|ed)"
)
_DIRECTED = re.compile(rf"\b(?P<verb>{_DIRECTED_VERBS})\b")
# "about Y", "on Y": what a talk is about. Only right before the name.
_ABOUT = re.compile(
    r"\b(?P<verb>talk(?:s|ed)? (?:about|on|over)|discuss(?:es|ed|ing)?|about|on|over"
    r"|regarding|concerning)\s+(?:the\s+)?$"
)
_AND = re.compile(r"^\s*(?:and|,)\s*$")
_SENTENCE_END = re.compile(r"[.!?;]\s")


@functools.cache
def _pattern(codes_and_names: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern[str]:
    names = sorted({n for _c, ns in codes_and_names for n in ns}, key=lambda n: (-len(n), n))
    return re.compile(_NAME_EDGE.format("|".join(re.escape(n) for n in names)))


def find_names(paragraph: str, table: Mapping[str, NamedActor] | None = None) -> list[NameMatch]:
    """Every name of the table in ``paragraph``, in reading order, longest first.

    A place named after an actor ("South China Sea") is read as the place: no match.
    """
    table = table if table is not None else names_table()
    by_name = {n: code for code, entry in table.items() for n in entry.names}
    places = ("", PLACE_NAMES)  # the empty code marks a place, dropped below
    key = tuple(sorted([(code, entry.names) for code, entry in table.items()] + [places]))
    return [
        NameMatch(by_name[m.group(0)], m.group(0), m.start(), m.end())
        for m in _pattern(key).finditer(paragraph)
        if m.group(0) in by_name
    ]


def _same_sentence(paragraph: str, start: int, end: int) -> bool:
    return _SENTENCE_END.search(paragraph, start, end) is None


def _roles(paragraph: str, matches: list[NameMatch]) -> dict[str, tuple[Role, str]]:
    roles: dict[str, tuple[Role, str]] = {}
    for i, a in enumerate(matches):
        before = paragraph[max(0, a.start - 40) : a.start]
        about = _ABOUT.search(before)
        if about and a.code not in roles:
            roles[a.code] = (Role.SUBJECT, f"'{about['verb']} {a.words}': what it is about")
        for b in matches[i + 1 :]:
            if b.code == a.code or not _same_sentence(paragraph, a.end, b.start):
                continue
            between = paragraph[a.end : b.start]
            if len(between) > 80:
                break
            verb = _DIRECTED.search(between)
            if verb and not _ABOUT.search(paragraph[max(0, b.start - 40) : b.start]):
                rule = f"'{a.words} … {verb['verb']} … {b.words}'"
                roles.setdefault(a.code, (Role.INITIATOR, f"{rule}: {a.words} acts"))
                roles.setdefault(b.code, (Role.RECIPIENT, f"{rule}: {b.words} receives"))
            elif _AND.match(between):
                rule = f"'{a.words} and {b.words}' together"
                roles.setdefault(a.code, (Role.PARTICIPANT, rule))
                roles.setdefault(b.code, (Role.PARTICIPANT, rule))
    return roles


def suggest_actors(
    paragraph: str, table: Mapping[str, NamedActor] | None = None
) -> list[ActorHint]:
    """The actors ``paragraph`` names, in order of first mention, each with a role."""
    table = table if table is not None else names_table()
    matches = find_names(paragraph, table)
    roles = _roles(paragraph, matches)
    hints: dict[str, ActorHint] = {}
    for m in matches:
        found = hints.get(m.code)
        if found is None:
            role, rule = roles.get(m.code, (Role.PARTICIPANT, "named in the paragraph"))
            hints[m.code] = ActorHint(m.code, table[m.code].name, (m.words,), m.start, role, rule)
        elif m.words not in found.words:
            hints[m.code] = ActorHint(
                found.code, found.name, (*found.words, m.words), found.first, found.role,
                found.rule,
            )  # fmt: skip
    return list(hints.values())
