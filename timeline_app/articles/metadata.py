"""An article's metadata: what the file says, what was inferred, what the analyst set.

The publication date matters beyond display: relative dates in the text ("on
Monday", "last October") are resolved against it. So every date says whether it
was printed (a page's publication tag), inferred (a dateline in the text, or the
import day as a stand-in) and how, and the analyst can correct any field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from timeline_app.dates import DateError, DateSpan, Precision, format_human

_MONTH_NAMES = (
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec"),
)  # fmt: skip
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# "14 March 2022", "March 14, 2022", "Sep 12, 2023", "2022-03-14": the forms a
# dateline or a byline prints.
_WRITTEN_DATES = (
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
)
# How far into an article a dateline is looked for.
DATELINE_PARAGRAPHS = 4


@dataclass(frozen=True)
class ArticleMeta:
    title: str
    outlet: str
    url: str
    published: DateSpan
    inferred: bool  # False only when the file itself states the publication date
    note: str  # where each value came from, in a sentence or two


@dataclass(frozen=True)
class MetaOverrides:
    """Values the analyst gives (command-line flags or the metadata dialog)."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD

    def apply(self, meta: ArticleMeta) -> ArticleMeta:
        """``meta`` with the given values; raises ``DateError`` for a bad date."""
        changed = replace(
            meta,
            title=meta.title if self.title is None else self.title.strip(),
            outlet=meta.outlet if self.outlet is None else self.outlet.strip(),
            url=meta.url if self.url is None else self.url.strip(),
        )
        if self.published is None:
            return changed
        return replace(
            changed,
            published=DateSpan.parse(self.published.strip()),
            inferred=False,
            note="Publication date set by the analyst.",
        )


def parse_published(value: str) -> DateSpan | None:
    """A date from a page's publication tag (ISO 8601, time and zone ignored)."""
    match = re.match(r"\s*((?:19|20)\d\d)-(\d\d)-(\d\d)", value)
    if not match:
        return None
    try:
        return DateSpan(date(*(int(g) for g in match.groups())), Precision.DAY)
    except (ValueError, DateError):
        return None


def find_written_date(text: str) -> tuple[DateSpan, str] | None:
    """The first date written out in ``text``, with the words it was read from."""
    found: list[tuple[int, DateSpan, str]] = []
    for pattern in _WRITTEN_DATES:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"].lower()]
            try:
                day = date(int(parts["year"]), month, int(parts["day"]))
            except ValueError:
                continue
            found.append((match.start(), DateSpan(day, Precision.DAY), match.group(0)))
            break
    if not found:
        return None
    _, span, words = min(found, key=lambda item: item[0])
    return span, words


def infer_date(paragraphs: Sequence[str], today: date) -> tuple[DateSpan, str]:
    """A dateline in the first paragraphs, or the import day as a stand-in; with a note."""
    for number, text in enumerate(paragraphs[:DATELINE_PARAGRAPHS], start=1):
        found = find_written_date(text)
        if found is not None:
            span, words = found
            return (
                span,
                f'Date read from paragraph {number} ("{words}"); check it is the publication date.',
            )
    return (
        DateSpan(today, Precision.DAY),
        f"No publication date found; the import day ({format_human(today, Precision.DAY)}) "
        "stands in until it is corrected.",
    )


def check_form(
    title: str, outlet: str, url: str, published: str
) -> tuple[MetaOverrides | None, dict[str, str]]:
    """The metadata dialog's values as overrides, or what is wrong, field by field."""
    problems: dict[str, str] = {}
    if not title.strip():
        problems["title"] = "A title is needed."
    if url.strip() and not re.match(r"^https?://\S+$", url.strip()):
        problems["url"] = "A web address starts with http:// or https://."
    try:
        DateSpan.parse(published.strip())
    except DateError as exc:
        problems["published"] = f"Write the date as YYYY, YYYY-MM or YYYY-MM-DD ({exc})."
    if problems:
        return None, problems
    return MetaOverrides(title, outlet, url, published), {}
