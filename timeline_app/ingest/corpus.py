"""Read and validate everything a load writes: actors, documents, curated events.

Nothing here touches the database. ``read_corpus`` returns a fully validated
``Corpus`` or raises ``ValidationFailed`` listing every problem found in one pass.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from timeline_app.dates import DateError, DateSpan
from timeline_app.domain import (
    ANALYST_DATASET,
    CURATED_DATASET,
    SCORE_MAX,
    SCORE_MIN,
    Actor,
    ActorKind,
    Category,
    Citation,
    Document,
    Event,
    Modality,
    Paragraph,
    Participant,
    Role,
    lanes_of,
)
from timeline_app.ingest.fields import FieldReader
from timeline_app.ingest.file_limits import FileRefused, read_bytes
from timeline_app.ingest.paragraphs import BoilerplateRules, normalise, split_paragraphs
from timeline_app.ingest.problems import Problem, ValidationFailed, display_name
from timeline_app.ingest.yaml_lines import Located, load_list_of_mappings

EVENT_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ACTOR_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class SourceDocument:
    document: Document
    body: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Corpus:
    actors: tuple[Actor, ...]
    documents: tuple[SourceDocument, ...]
    events: tuple[Event, ...]


@dataclass(frozen=True)
class CorpusPaths:
    seeds: Path
    events: Path
    resources: Path

    @property
    def manifest(self) -> Path:
        return self.seeds / "manifest.yaml"

    @property
    def actors(self) -> Path:
        return self.resources / "actors.yaml"

    @property
    def boilerplate(self) -> Path:
        return self.resources / "boilerplate.txt"

    @property
    def actor_names(self) -> Path:
        """Other names of the actors (demonyms, capitals), for ``timeline-app check``."""
        return self.resources / "actor_names.yaml"


E = TypeVar("E", Category, Modality, Role, ActorKind)


def _choice(reader: FieldReader, key: str, value: str, kind: type[E]) -> E | None:
    if not value:
        return None  # already reported as missing
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        reader.problem(key, f"{key!r} must be one of {allowed}; got {value!r}")
        return None


def read_actors(path: Path, problems: list[Problem]) -> dict[str, Actor]:
    entries, found = load_list_of_mappings(path)
    problems += found
    name = display_name(path)
    actors: dict[str, Actor] = {}
    for entry in entries:
        code = str(entry.value.get("code", "?"))
        reader = FieldReader(entry, name, f"actor {code!r}", problems)
        reader.refuse_unknown(["code", "name", "kind", "region", "colour", "x", "y"])
        code = reader.text("code")
        if code and not ACTOR_CODE_RE.match(code):
            reader.problem("code", f"code {code!r} must be 2-8 upper-case letters or digits")
        kind = _choice(reader, "kind", reader.text("kind"), ActorKind)
        colour = reader.text("colour")
        if colour and not COLOUR_RE.match(colour):
            reader.problem("colour", f"colour {colour!r} must be written #rrggbb")
        x, y = reader.number("x"), reader.number("y")
        name_text, region = reader.text("name"), reader.text("region")
        if code in actors:
            reader.problem("code", f"duplicate actor code {code!r}")
            continue
        if code and kind and x is not None and y is not None:
            actors[code] = Actor(code, name_text, kind, region, colour, x, y)
    return actors


def read_boilerplate(path: Path, problems: list[Problem]) -> BoilerplateRules:
    try:
        return BoilerplateRules.parse(read_bytes(path).decode("utf-8").splitlines())
    except (OSError, UnicodeDecodeError, FileRefused) as exc:
        problems.append(Problem(display_name(path), None, f"cannot read boilerplate rules: {exc}"))
        return BoilerplateRules(frozenset(), ())


def read_documents(
    paths: CorpusPaths, rules: BoilerplateRules, problems: list[Problem]
) -> list[SourceDocument]:
    entries, found = load_list_of_mappings(paths.manifest)
    problems += found
    name = display_name(paths.manifest)
    documents: list[SourceDocument] = []
    seen: set[str] = set()
    for entry in entries:
        file_name = str(entry.value.get("file", "?"))
        reader = FieldReader(entry, name, f"document {file_name!r}", problems)
        reader.refuse_unknown(
            [
                "file", "title", "title_supplied", "outlet", "published", "published_inferred",
                "published_note", "language", "sha256", "boilerplate",
            ]
        )  # fmt: skip
        file_name = reader.text("file")
        title, outlet = reader.text("title"), reader.text("outlet")
        language, expected_hash = reader.text("language"), reader.text("sha256")
        note = reader.text("published_note", required=False)
        inferred = reader.flag("published_inferred")
        published_text = reader.date_text("published")
        extra = reader.items("boilerplate", required=False)
        if not all(isinstance(n, int) for n in extra):
            reader.problem("boilerplate", "'boilerplate' must list paragraph numbers")
            extra = []
        if file_name in seen:
            reader.problem("file", f"{file_name!r} is listed twice")
            continue
        seen.add(file_name)
        if inferred and not note:
            reader.problem("published_note", "an inferred date must say how it was inferred")
        published = None
        if published_text:
            try:
                published = DateSpan.parse(published_text)
            except DateError as exc:
                reader.problem("published", str(exc))
        if not file_name or "/" in file_name or "\\" in file_name:
            reader.problem("file", f"{file_name!r} must be a file name inside the seeds folder")
            continue
        source = paths.seeds / file_name
        try:
            raw = read_bytes(source)
        except FileRefused as exc:
            reader.problem("file", f"{file_name!r}: {exc}")
            continue
        except OSError:
            reader.problem("file", f"{file_name!r} is not in {display_name(paths.seeds)}")
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if expected_hash and digest != expected_hash:
            reader.problem("sha256", f"{file_name!r} has changed: its sha256 is now {digest}")
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            reader.problem("file", f"{file_name!r} is not UTF-8 text (byte {exc.start})")
            continue
        paragraphs = split_paragraphs(file_name, body, rules, frozenset(extra))
        if published is None:
            continue
        document = Document(
            file_name, title, reader.flag("title_supplied"), outlet, published,
            inferred, note, language, digest,
        )  # fmt: skip
        documents.append(SourceDocument(document, body, tuple(paragraphs)))
    return documents


def read_events(
    path: Path,
    actors: Mapping[str, Actor],
    documents: list[SourceDocument],
    problems: list[Problem],
    taken: Mapping[str, str] | None = None,
) -> list[Event]:
    """The events of ``path``, validated. ``taken`` maps the ids of events already in
    the database outside the curated set (events made in the app) to their dataset: a
    curated event may not take such an id, and an exported analyst event (``dataset:
    analyst``) loads back as one."""
    taken = taken or {}
    entries, found = load_list_of_mappings(path)
    problems += found
    name = display_name(path)
    paragraphs = {(d.document.file_name, p.ordinal): p for d in documents for p in d.paragraphs}
    known_documents = {d.document.file_name for d in documents}
    events: list[Event] = []
    seen: dict[str, int] = {}
    for entry in entries:
        _accept_exchange_keys(entry)
        event_id = str(entry.value.get("id", "?"))
        reader = FieldReader(entry, name, f"event {event_id!r}", problems)
        before = len(problems)
        reader.refuse_unknown(
            [
                "id", "title", "summary", "date", "end", "approximate", "relative", "date_note",
                "actors", "category", "modality", "score", "sources", "dataset",
            ]
        )  # fmt: skip
        event_id = reader.text("id")
        dataset = reader.text("dataset", required=False) or CURATED_DATASET
        if dataset not in LOADABLE_DATASETS:
            reader.problem(
                "dataset", f"dataset {dataset!r} is not one a file can load (curated or analyst)"
            )
        elif event_id in taken and taken[event_id] != dataset:
            reader.problem(
                "id",
                f"id {event_id!r} is already used by an event made in the app; "
                "give this event another id",
            )
        if event_id and not EVENT_ID_RE.match(event_id):
            reader.problem("id", f"id {event_id!r} may hold only a-z, 0-9 and '-'")
        if event_id in seen:
            reader.problem("id", f"duplicate id {event_id!r} (first used on line {seen[event_id]})")
        elif event_id:
            seen[event_id] = entry.line_of("id")
        title, summary = reader.text("title"), reader.text("summary")
        when = _read_when(reader)
        participants = _read_participants(reader, actors)
        category = _choice(reader, "category", reader.text("category"), Category)
        modality = _choice(reader, "modality", reader.text("modality"), Modality)
        score = reader.number("score")
        if score is not None and not SCORE_MIN <= score <= SCORE_MAX:
            reader.problem("score", f"score {score:g} is outside {SCORE_MIN:g} to {SCORE_MAX:g}")
        citations = _read_citations(reader, paragraphs, known_documents)
        if len(problems) > before:
            continue
        assert when and category and modality and score is not None  # checked above
        events.append(
            Event(
                event_id, title, summary, when, participants, category, modality, score,
                citations, date_note=reader.text("date_note", required=False),
                dataset=dataset,
            )
        )  # fmt: skip
    return events


# The JSON exchange form (``export-events --format json``) names two fields
# differently and adds derived ones; JSON is valid YAML, so the same reader
# takes a shared JSON set, with line numbers.
_EXCHANGE_RENAMES = {"date_start": "date", "date_end": "end"}
_EXCHANGE_DERIVED = ("precision", "lanes")
# Datasets a file may hold: bulk events come from GDELT exports, never from this reader.
LOADABLE_DATASETS = (CURATED_DATASET, ANALYST_DATASET)


def _accept_exchange_keys(entry: Located) -> None:
    for old, new in _EXCHANGE_RENAMES.items():
        if old in entry.value and new not in entry.value:
            entry.value[new] = entry.value.pop(old)
            if old in entry.key_lines:
                entry.key_lines[new] = entry.key_lines.pop(old)
    for key in _EXCHANGE_DERIVED:
        entry.value.pop(key, None)  # recomputed from the date and the load
    if entry.value.get("date_note") == "":
        entry.value.pop("date_note")


def _read_when(reader: FieldReader) -> DateSpan | None:
    start = reader.date_text("date")
    end = reader.date_text("end", required=False)
    approximate, relative = reader.flag("approximate"), reader.flag("relative")
    if (approximate or relative) and not reader.text("date_note", required=False):
        reader.problem("date_note", "an approximate or relative date must say how in 'date_note'")
    if start is None:
        return None
    try:
        return DateSpan.parse(start, end, approximate=approximate, relative=relative)
    except DateError as exc:
        reader.problem("end" if end and "end" in str(exc) else "date", str(exc))
        return None


def _read_participants(reader: FieldReader, actors: Mapping[str, Actor]) -> tuple[Participant, ...]:
    participants: list[Participant] = []
    before = len(reader.problems)
    items = reader.mappings("actors")
    for item in items:
        sub = FieldReader(item, reader.file, reader.label, reader.problems)
        sub.refuse_unknown(["code", "role"])
        code = sub.text("code")
        role = _choice(sub, "role", sub.text("role"), Role)
        if code and code not in actors:
            sub.problem("code", f"unknown actor code {code!r} (see resources/actors.yaml)")
        elif any(p.code == code for p in participants):
            sub.problem("code", f"actor {code!r} is listed twice")
        elif code and role:
            participants.append(Participant(code, role))
    if items and len(reader.problems) == before:
        if len(participants) < 2:
            reader.problem("actors", "an event ties at least two different actors")
        elif not lanes_of(participants):
            roles = ", ".join(f"{p.code} {p.role.value}" for p in participants)
            reader.problem(
                "actors",
                f"the roles draw no lane ({roles}): an event needs an initiator with a "
                "recipient or participant, or two participants (docs/codebook.md)",
            )
    return tuple(participants)


def _read_citations(
    reader: FieldReader,
    paragraphs: dict[tuple[str, int], Paragraph],
    known_documents: set[str],
) -> tuple[Citation, ...]:
    citations: list[Citation] = []
    for item in reader.mappings("sources"):
        sub = FieldReader(item, reader.file, reader.label, reader.problems)
        sub.refuse_unknown(["document", "paragraph", "quote"])
        document, quote = sub.text("document"), sub.text("quote")
        ordinal = sub.number("paragraph")
        if not document or ordinal is None or not quote:
            continue
        if document not in known_documents:
            sub.problem("document", f"unknown document {document!r} (not in the manifest)")
            continue
        paragraph = paragraphs.get((document, int(ordinal)))
        if paragraph is None or ordinal != int(ordinal):
            sub.problem("paragraph", f"{document} has no paragraph {ordinal:g}")
            continue
        if paragraph.boilerplate:
            sub.problem("paragraph", f"paragraph {paragraph.ordinal} of {document} is boilerplate")
            continue
        if normalise(quote) not in paragraph.text:
            sub.problem(
                "quote",
                f"quote not found verbatim in paragraph {paragraph.ordinal} of {document}: "
                f"{quote[:60]!r}",
            )
            continue
        citations.append(Citation(document, paragraph.ordinal, normalise(quote)))
    return tuple(citations)


def read_corpus(paths: CorpusPaths) -> Corpus:
    """Everything a load needs, validated; raises ``ValidationFailed`` with all problems."""
    problems: list[Problem] = []
    actors = read_actors(paths.actors, problems)
    rules = read_boilerplate(paths.boilerplate, problems)
    documents = read_documents(paths, rules, problems)
    events = read_events(paths.events, actors, documents, problems)
    if problems:
        raise ValidationFailed(problems)
    return Corpus(tuple(actors.values()), tuple(documents), tuple(events))
