"""Split a source document into paragraphs, deterministically.

Rules (documented in docs/data-model.md):

* Each non-blank line is a paragraph, numbered from 1 in reading order.
* A line that ends in whitespace and is followed by a non-blank line continues
  into it: in the seeds this is where a hyperlink was removed and the text was
  wrapped at the gap ("sale of the indigenously developed ⏎ to ,").
* Blank or whitespace-only lines separate paragraphs and are not paragraphs.
* Inside a paragraph, runs of whitespace (non-breaking spaces included) become
  one space and the ends are trimmed. Gaps left by removed links are kept as a
  single space: the text is never repaired or completed.
* ``start``/``end`` are offsets into the original text of the paragraph's first
  and last non-space characters, so the source can always be checked.
* Boilerplate (site menus, "Show comments", "Spread the love" ...) is kept and
  numbered but marked, so ordinals do not move when the boilerplate list changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from timeline_app.domain import Paragraph

_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    """Lines that are page furniture rather than article text."""

    exact: frozenset[str]  # compared case-insensitively after normalising
    prefixes: tuple[str, ...]  # lower-case prefixes, e.g. "read: "

    def matches(self, text: str) -> bool:
        folded = text.casefold()
        return folded in self.exact or folded.startswith(self.prefixes)

    @classmethod
    def parse(cls, lines: Iterable[str]) -> BoilerplateRules:
        """One rule a line; ``prefix:`` starts a prefix rule; ``#`` starts a comment."""
        exact: set[str] = set()
        prefixes: list[str] = []
        for raw in lines:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("prefix:"):
                prefixes.append(normalise(line.removeprefix("prefix:")).casefold() + " ")
            else:
                exact.add(normalise(line).casefold())
        return cls(frozenset(exact), tuple(prefixes))


NO_BOILERPLATE = BoilerplateRules(frozenset(), ())


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each line, without its line break."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        spans.append((pos, pos + len(body)))
        pos += len(line)
    return spans


def split_paragraphs(
    document: str,
    text: str,
    rules: BoilerplateRules = NO_BOILERPLATE,
    extra_boilerplate: frozenset[int] = frozenset(),
) -> list[Paragraph]:
    """Paragraphs of ``text``; ``extra_boilerplate`` marks ordinals named by the manifest."""
    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for start, end in _line_spans(text):
        line = text[start:end]
        if not line.strip():
            if current:
                blocks.append(current)
                current = []
            continue
        current.append((start, end))
        if line == line.rstrip():  # a hard line end closes the paragraph
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)

    paragraphs: list[Paragraph] = []
    for ordinal, block in enumerate(blocks, start=1):
        raw = text[block[0][0] : block[-1][1]]
        body = normalise(raw)
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw) - len(raw.rstrip())
        paragraphs.append(
            Paragraph(
                document=document,
                ordinal=ordinal,
                text=body,
                start=block[0][0] + lead,
                end=block[-1][1] - trail,
                boilerplate=rules.matches(body) or ordinal in extra_boilerplate,
            )
        )
    return paragraphs
