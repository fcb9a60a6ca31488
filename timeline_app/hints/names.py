"""The names table (``resources/names.tsv``, built by ``scripts/make_names.py``):
every ISO 3166-1 country and the common groupings, with the names articles use."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from timeline_app.paths import resources_dir

TABLE_FILE = "names.tsv"
# Places whose names hold an actor's name but are no actor: "the South China Sea" is
# not China, "the Indian Ocean" not India. Matched like names (longest first) and then
# dropped, so the shorter name inside never matches there.
PLACE_NAMES = (
    "South China Sea", "East China Sea", "Indian Ocean", "Indian Ocean Region",
    "Sea of Japan", "Gulf of Guinea", "New Guinea", "Gulf of Mexico", "New Mexico",
    "Jordan River", "Jordan Valley", "Korean Peninsula", "Philippine Sea",
    "Gulf of Oman", "Arabian Sea", "Sea of Azov", "Gulf of Aden", "Strait of Malacca",
    "Irish Sea", "Malay Peninsula", "Sinai Peninsula",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class NamedActor:
    code: str
    kind: str  # country | organisation | bloc
    names: tuple[str, ...]  # the first is the usual name

    @property
    def name(self) -> str:
        return self.names[0] if self.names else self.code


@functools.cache
def names_table() -> dict[str, NamedActor]:
    """Every row of the table by code."""
    table: dict[str, NamedActor] = {}
    text = (resources_dir() / TABLE_FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("code\t"):
            continue
        code, kind, names = line.split("\t")
        table[code] = NamedActor(code, kind, tuple(n for n in names.split("|") if n))
    return table
