"""Is an actor named in a quote? By its name, a demonym, its capital or an office-holder.

The names come from ``resources/actors.yaml`` (the actor's name), ``resources/names.tsv``
(the one names table: every ISO country's name, capital, demonym and other names, and
the common groupings; the editor's suggestions read it too) and
``resources/actor_names.yaml`` (only what that table lacks: office-holders such as
"Rajnath" or "Shoigu", historical states, short forms).
Matching is by whole word, case-insensitive, with an optional plural "s" ("Indians",
"Central Asians"); a short form written in capitals ("US", "UN") matches only as written,
so the pronoun "us" never names the United States.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from timeline_app.domain import Actor
from timeline_app.ingest.problems import Problem, display_name
from timeline_app.names_file import names_table

NAMES_FILE = "actor_names.yaml"
_SHORT_FORM = re.compile(r"^[A-Z][A-Z.&]{1,5}$")


def _pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    folded: list[str] = []
    exact: list[str] = []
    for name in sorted(set(names), key=len, reverse=True):
        words = r"\s+".join(re.escape(word) for word in name.split())
        (exact if _SHORT_FORM.match(name) else folded).append(words)
    parts = [f"(?i:{'|'.join(folded)})"] if folded else []
    parts += exact
    if not parts:
        return None
    return re.compile(rf"(?<![\w.])(?:{'|'.join(parts)})(?:s|es)?(?!\w)")


@dataclass(frozen=True)
class ActorNames:
    """The names each actor code goes by; ``named_in`` tells whether a text names it."""

    names: Mapping[str, tuple[str, ...]]
    _patterns: dict[str, re.Pattern[str] | None] = field(default_factory=dict, compare=False)

    def named_in(self, code: str, text: str) -> bool:
        if code not in self._patterns:
            self._patterns[code] = _pattern(self.names.get(code, ()))
        pattern = self._patterns[code]
        return pattern is not None and pattern.search(text) is not None

    def of(self, code: str) -> tuple[str, ...]:
        return self.names.get(code, ())


def actor_names(actors: Iterable[Actor], extra: Mapping[str, Iterable[str]]) -> ActorNames:
    # Every code of the table has its names, an actor of the codebook or not: an event
    # may name any country (patterns are built only for the codes asked about).
    names = {code: list(row.names) for code, row in names_table().items()}
    for actor in actors:
        names[actor.code] = [actor.name, *names.get(actor.code, [])]
    for code, others in extra.items():
        names.setdefault(code, []).extend(others)
    return ActorNames({code: tuple(dict.fromkeys(found)) for code, found in names.items()})


def read_actor_names(path: Path, actors: Iterable[Actor], problems: list[Problem]) -> ActorNames:
    """The names of ``actors``, with the other names listed in ``path`` (optional file)."""
    extra: dict[str, list[str]] = {}
    if path.is_file():
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            problems.append(Problem(display_name(path), None, f"cannot read actor names: {exc}"))
            data = {}
        if not isinstance(data, dict) or not all(
            isinstance(v, list) and all(isinstance(n, str) for n in v) for v in data.values()
        ):
            problems.append(
                Problem(display_name(path), None, "expected CODE: [name, ...] on each line")
            )
            data = {}
        extra = {str(code): list(values) for code, values in data.items()}
    return actor_names(actors, extra)
