"""Page furniture: paragraphs that are part of the page, not of the reporting.

Boilerplate (site menus, "Show comments") is marked when the articles are split and may
not be cited at all. Some furniture reads like text and is kept citable, but an event
must not rest on it alone (docs/codebook.md, "Page furniture"): the article's own
headline (it compresses and overstates: "China is crying"), a photo caption, a dateline,
byline or subheading, and a teaser, the headline of another story dropped into the page
(004 paragraph 3: "India, France to expand defence, security partnership ...").
"""

from __future__ import annotations

import re

from timeline_app.domain import Document, Paragraph
from timeline_app.ingest.paragraphs import normalise

# "... Photo: Vietnamplus", "Photo: Indian Army": a credit ends a caption.
_PHOTO_CREDIT = re.compile(r"\b(?:Photo|Photograph|Image|File photo)\s*:\s*[^.:]{1,60}\.?$")
# Headlinese: names, then "to" + verb, with no verb before it ("India, France to
# expand ...", "Modi to visit Hanoi"). Prose says "India and France will expand".
_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"
# "Due to this deal" is prose: a preposition is no name, and a headline's "to" is
# followed by a verb, not by an article or a pronoun.
_NOT_NAMES = r"(?!(?:Due|Thanks|According|Owing|Next|Close|Prior|Up|Back|Contrary)\b)"
_NOT_VERBS = r"(?!(?:the|a|an|this|that|these|those|its|their|his|her|our|my|your|it)\b)"
_TEASER = re.compile(
    rf"^{_NOT_NAMES}{_NAME}(?:\s*(?:,|&|\band\b)\s*{_NAME})*\s+to\s+{_NOT_VERBS}[a-z]+\b"
)
_SENTENCE_END = re.compile(r"[.!?…\"”’)]\s*$")
_SHORT_LINE_WORDS = 8
_TEASER_MAX_WORDS = 30


def _fold(text: str) -> str:
    return normalise(text).rstrip(" .").casefold()


def furniture_kind(paragraph: Paragraph, document: Document) -> str | None:
    """What kind of page furniture ``paragraph`` is, in words for a message, or None."""
    text = paragraph.text.strip()
    words = len(text.split())
    if paragraph.boilerplate:
        return "boilerplate"
    if _PHOTO_CREDIT.search(text):
        return "a photo caption"
    title = _fold(document.title)
    if title and not document.title_supplied and (title == _fold(text) or title in _fold(text)):
        return "the article's headline"
    if words <= _SHORT_LINE_WORDS and not _SENTENCE_END.search(text):
        return "a dateline, byline or subheading"
    if words <= _TEASER_MAX_WORDS and _TEASER.match(text):
        return "a teaser (another story's headline)"
    return None
