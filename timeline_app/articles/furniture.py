"""Which paragraphs of an imported article are page furniture.

Furniture is kept and numbered but marked, like the seeds' boilerplate, so the
article reads whole and the ordinals never move. The seeds' rules
(``resources/boilerplate.txt``) and the imported pages' own list
(``resources/article_furniture.txt``) both apply, plus shapes a word list cannot
hold: weather lines ("New Delhi 31°C Haze"), photo credits ("(PTI Photo)",
"Credit: APP"), a bare dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from timeline_app.ingest.paragraphs import BoilerplateRules

_PATTERNS = (
    # A weather widget: a place, a temperature, a word or two of sky.
    re.compile(r"^[\w .,'’-]{0,40}-?\d{1,3}\s?°\s?[CF]\b[\w ,/-]{0,30}$", re.IGNORECASE),
    # Photo credits and captions that end in one.
    re.compile(r"\((?:[\w./ -]{0,30} )?(?:photo|file photo|image|pic)s?\)$", re.IGNORECASE),
    re.compile(r"\b(?:photo|image|picture)\s?(?:credit)?s?:\s?[\w./ &-]{1,40}$", re.IGNORECASE),
    re.compile(r"\bcredit:\s?[\w./ &-]{1,40}$", re.IGNORECASE),
    # Share widgets that run their buttons together ("ShareFacebookTwitterWhatsApp").
    re.compile(r"^share\b.{0,60}(?:facebook|twitter|whatsapp|linkedin|email)", re.IGNORECASE),
    # Copyright lines in footers.
    re.compile(r"^(?:copyright\s*)?(?:©|\(c\))\s?(?:19|20)\d\d\b.{0,120}$", re.IGNORECASE),
)


@dataclass(frozen=True)
class FurnitureRules:
    lists: tuple[BoilerplateRules, ...]

    def matches(self, text: str) -> bool:
        return any(rules.matches(text) for rules in self.lists) or any(
            pattern.search(text) for pattern in _PATTERNS
        )

    @classmethod
    def from_files(cls, *files: Path) -> FurnitureRules:
        return cls(
            tuple(BoilerplateRules.parse(f.read_text(encoding="utf-8").splitlines()) for f in files)
        )


def bundled_rules() -> FurnitureRules:
    from timeline_app import paths

    resources = paths.resources_dir()
    return FurnitureRules.from_files(
        resources / "boilerplate.txt", resources / "article_furniture.txt"
    )
