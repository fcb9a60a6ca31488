"""The one table of the names articles use for each actor: ``resources/names.tsv``.

Built by ``scripts/make_names.py``: every ISO 3166-1 country (name, capital, demonym,
common alternative names) and the common groupings. The editor's actor suggestions
(``hints``) and the codebook lint (``ingest.actor_names``) both read it from here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from timeline_app.paths import resources_dir

TABLE_FILE = "names.tsv"


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
