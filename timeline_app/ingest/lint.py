"""Lint a validated curated set by the codebook (docs/codebook.md): warnings, not errors.

The loader refuses what cannot be right (a quote not in its paragraph, an unknown
code); these checks flag what is probably coded wrong and needs an analyst's eye. Each
warning names the events file, the line of the field at fault, the event and the reason:

    seeds/events.yaml:212: warning: event 'x': ... [kind]

``lint_events`` takes the validated ``Corpus`` and reads the events file once more only
for its line numbers.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline_app.dates import Precision, format_human
from timeline_app.domain import Event, Modality, Pair, Paragraph, Role, pairs_of
from timeline_app.ingest.actor_names import ActorNames
from timeline_app.ingest.corpus import Corpus, SourceDocument
from timeline_app.ingest.furniture import furniture_kind
from timeline_app.ingest.problems import display_name
from timeline_app.ingest.yaml_lines import Located, load_list_of_mappings


class LintKind(enum.StrEnum):
    MIXED_PRECISION = "mixed-precision"
    HAPPENED_AFTER_ARTICLE = "happened-after-article"
    SPAN_AFTER_ARTICLE = "span-after-article"
    ACTOR_NOT_QUOTED = "actor-not-quoted"
    FURNITURE_ONLY = "furniture-only"
    ALL_PAIRS_LANES = "all-pairs-lanes"


@dataclass(frozen=True, slots=True)
class LintWarning:
    file: str
    line: int | None
    event_id: str
    kind: LintKind
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: warning: event {self.event_id!r}: {self.message} [{self.kind}]"


# Categories where everyone present deals with everyone: a meeting, a joint exercise, a
# grouping's own action. Only there may three or more participants all share lanes.
JOINT_CATEGORIES = frozenset({"dialogue", "exercise", "grouping"})


def lint_events(corpus: Corpus, events_path: Path, names: ActorNames) -> list[LintWarning]:
    """Every warning for the corpus's curated events, in file order."""
    entries, _problems = load_list_of_mappings(events_path)  # already validated
    located = {str(e.value.get("id")): e for e in entries}
    documents = {d.document.file_name: d for d in corpus.documents}
    file = display_name(events_path)
    warnings: list[LintWarning] = []
    for event in corpus.events:
        entry = located.get(event.id)
        for kind, key, message in _event_findings(event, documents, names):
            line = _line(entry, key)
            warnings.append(LintWarning(file, line, event.id, kind, message))
    return sorted(warnings, key=lambda w: (w.line or 0, w.kind))


def _line(entry: Located | None, key: str) -> int | None:
    """The line of ``key`` ("actors.2" is the third actor's line) in the entry."""
    if entry is None:
        return None
    field_name, _, index = key.partition(".")
    if index:
        items = entry.children.get(field_name, [])
        item = items[int(index)] if int(index) < len(items) else None
        if item is not None:
            return item.line
    return entry.line_of(field_name)


Finding = tuple[LintKind, str, str]


def _event_findings(
    event: Event, documents: Mapping[str, SourceDocument], names: ActorNames
) -> Iterable[Finding]:
    yield from _mixed_precision(event)
    yield from _after_article(event, documents)
    yield from _actors_not_quoted(event, names)
    yield from _furniture_only(event, documents)
    yield from _all_pairs_lanes(event, names)


# -- dates ---------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_FIRST = re.compile(rf"(?i)\b(?P<day>\d{{1,2}})\s+{_MONTH}(?:\s*,?\s*(?P<year>\d{{4}}))?\b")
_MONTH_FIRST = re.compile(
    rf"(?i)\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*,?\s*(?P<year>\d{{4}}))?"
)
_ISO_DAY = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_MONTH_YEAR = re.compile(rf"(?i)\b{_MONTH}\s+(?P<year>\d{{4}})\b")


def _finer_dates(text: str, year: int) -> Iterable[tuple[date, Precision, str]]:
    """Days and months written in ``text``, a missing year read as ``year``."""
    for pattern in (_DAY_FIRST, _MONTH_FIRST, _ISO_DAY):
        for m in pattern.finditer(text):
            month = m["month"]
            number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
            try:
                found = date(int(m["year"] or year), number, int(m["day"]))
            except ValueError:
                continue
            yield found, Precision.DAY, m.group(0)
    for m in _MONTH_YEAR.finditer(text):
        yield date(int(m["year"]), _MONTHS[m["month"].lower()], 1), Precision.MONTH, m.group(0)


def _mixed_precision(event: Event) -> Iterable[Finding]:
    """A span whose start is known more finely than it is written: the start was cut to
    the end's precision ("date: 2021, end: 2031" for talks on 6 December 2021)."""
    when = event.when
    if when.end is None or when.precision is Precision.DAY:
        return
    texts = [event.date_note, *(c.quote for c in event.citations)]
    for text in texts:
        for found, precision, written in _finer_dates(text, when.start.year):
            within = found.year == when.start.year and (
                when.precision is Precision.YEAR or found.month == when.start.month
            )
            if within and precision is not when.precision:
                yield (
                    LintKind.MIXED_PRECISION,
                    "date",
                    f"date and end of different precision: the start is known to the "
                    f"{precision.value} ({written!r}) but written {when.start_text!r} to match "
                    f"the end {when.end_text!r}; date the happening as known and leave out "
                    "an end that is not the happening's own (a programme's term belongs in "
                    "the summary)",
                )
                return


def _after_article(event: Event, documents: Mapping[str, SourceDocument]) -> Iterable[Finding]:
    """Nothing reported as done can end after the last article that reports it."""
    cited = [documents[c.document].document for c in event.citations if c.document in documents]
    if not cited:
        return
    latest = max(cited, key=lambda d: d.published.last_day)
    published = latest.published.last_day
    when = event.when
    # The earliest day the end can stand for: "2017" may end on 1 January 2017.
    earliest_end = when.end or when.start
    if earliest_end <= published:
        return
    end_text = format_human(earliest_end, when.precision)
    article = (
        f"{format_human(latest.published.start, latest.published.precision)} ({latest.file_name})"
    )
    if event.modality is Modality.HAPPENED:
        yield (
            LintKind.HAPPENED_AFTER_ARTICLE,
            "end" if when.end else "date",
            f"a happened event ends {end_text}, after the latest article citing it, "
            f"published {article}; end it where the sources do",
        )
    elif when.end is not None and event.modality is not Modality.PLANNED:
        yield (
            LintKind.SPAN_AFTER_ARTICLE,
            "end",
            f"{_a(event.modality.value)} event's span runs to {end_text}, past its article "
            f"of {article}, which reports it as already said or done; date it when it "
            "was said or done (a planned follow-up is an event of its own)",
        )


# -- actors and citations --------------------------------------------------------------


def _actors_not_quoted(event: Event, names: ActorNames) -> Iterable[Finding]:
    quotes = [c.quote for c in event.citations]
    for index, participant in enumerate(event.actors):
        if any(names.named_in(participant.code, quote) for quote in quotes):
            continue
        known = names.of(participant.code)
        listed = ", ".join(known[:4]) + (", ..." if len(known) > 4 else "")
        yield (
            LintKind.ACTOR_NOT_QUOTED,
            f"actors.{index}",
            f"{participant.code} ({participant.role.value}) is named in no quote of the "
            f"event (looked for {listed or 'its code only'}); cite the words that name it",
        )


def _furniture_only(event: Event, documents: Mapping[str, SourceDocument]) -> Iterable[Finding]:
    kinds: list[str] = []
    for citation in event.citations:
        source = documents.get(citation.document)
        paragraph = _paragraph(source, citation.paragraph) if source else None
        if source is None or paragraph is None:
            return
        kind = furniture_kind(paragraph, source.document)
        if kind is None:
            return
        kinds.append(f"{citation.document} ¶{citation.paragraph}: {kind}")
    if kinds:
        yield (
            LintKind.FURNITURE_ONLY,
            "sources",
            f"cites only page furniture ({'; '.join(kinds)}); cite the reporting paragraph, "
            "or leave the event out if the article does not report it",
        )


def _paragraph(source: SourceDocument, ordinal: int) -> Paragraph | None:
    return next((p for p in source.paragraphs if p.ordinal == ordinal), None)


def _all_pairs_lanes(event: Event, names: ActorNames) -> Iterable[Finding]:
    """Three or more actors, all participants: every pair becomes a lane. Only a joint
    activity (a meeting, an exercise) whose quotes name each pair together supports that."""
    codes = [p.code for p in event.actors]
    if len(codes) < 3 or any(p.role is not Role.PARTICIPANT for p in event.actors):
        return
    quotes = [c.quote for c in event.citations]

    def named_together(pair: Pair) -> bool:
        return any(names.named_in(pair.a, q) and names.named_in(pair.b, q) for q in quotes)

    lanes = pairs_of(codes)
    unsupported = [p for p in lanes if not named_together(p)]
    if event.category.value in JOINT_CATEGORIES and not unsupported:
        return
    shown = unsupported or list(lanes)
    why = (
        f"{_a(event.category.value)} is no joint activity of all of them"
        if event.category.value not in JOINT_CATEGORIES
        else "no quote names these pairs together"
    )
    yield (
        LintKind.ALL_PAIRS_LANES,
        "actors",
        f"{len(codes)} actors, all participants, draw {len(lanes)} lanes, and {why}: "
        f"{', '.join(p.key for p in shown)}; give initiator/recipient roles, make a topic "
        "a subject, or split it into dyadic events",
    )


def _a(word: str) -> str:
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def count_by_kind(warnings: Iterable[LintWarning]) -> dict[LintKind, int]:
    counts = dict.fromkeys(LintKind, 0)
    for warning in warnings:
        counts[warning.kind] += 1
    return {kind: n for kind, n in counts.items() if n}
