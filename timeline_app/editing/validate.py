"""Events checked with the loader's own rules, against what the database holds.

The rules live in ``ingest/corpus.read_events`` and are not restated here: an event
from the editor or a file for ``add-event`` goes through that same reader (the JSON
exchange form is valid YAML, so the reader keeps its line numbers), with the
database's documents and every actor an event may name. What the file loader cannot
know is added here: an id the database already holds is taken.
"""

from __future__ import annotations

import dataclasses
import json
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline_app.countries import places
from timeline_app.domain import ANALYST_DATASET, Actor, ActorKind, Event
from timeline_app.hints.names import names_table
from timeline_app.ingest.cameo import bulk_actor
from timeline_app.ingest.corpus import SourceDocument, read_events
from timeline_app.ingest.problems import Problem, ValidationFailed, display_name
from timeline_app.ingest.yaml_lines import load_list_of_mappings

_LABEL = re.compile(r"^event '.*?': ")


def new_actor(code: str) -> Actor | None:
    """The actor row for a code the database lacks: any ISO 3166-1 country (name,
    region, place and colour from resources/countries.tsv) or a grouping of the names
    table; None for a code neither knows."""
    place = places().get(code)
    if place is not None and place.kind == "country":
        return bulk_actor(code)
    named = names_table().get(code)
    if named is None:
        return None
    placed = bulk_actor(code)  # a stable place on the ring for a code the map lacks
    kind = ActorKind.BLOC if named.kind == "bloc" else ActorKind.ORGANISATION
    return dataclasses.replace(placed, name=named.name, kind=kind)


def known_actors(in_database: Iterable[Actor]) -> dict[str, Actor]:
    """Every actor an event may name: the database's, every country, every grouping."""
    known = {a.code: a for a in in_database}
    for code in [*places(), *names_table()]:
        if code not in known:
            actor = new_actor(code)
            if actor is not None:
                known[code] = actor
    return known


@dataclass(frozen=True)
class Reference:
    """What events are checked against."""

    actors: Mapping[str, Actor]
    documents: tuple[SourceDocument, ...]
    taken_ids: frozenset[str]


def _read(path: Path, shown_as: str, reference: Reference) -> tuple[list[Event], list[Problem]]:
    problems: list[Problem] = []
    events = read_events(path, dict(reference.actors), list(reference.documents), problems)
    entries, _ = load_list_of_mappings(path)
    if not entries and not problems:
        problems.append(Problem(shown_as, None, "no events in the file"))
    for entry in entries:
        event_id = entry.value.get("id")
        if isinstance(event_id, str) and event_id.strip() in reference.taken_ids:
            problems.append(
                Problem(
                    shown_as, entry.line_of("id"),
                    f"event {event_id.strip()!r}: id {event_id.strip()!r} is already in the database",
                )
            )  # fmt: skip
    problems = [Problem(shown_as, p.line, p.message) for p in problems]
    problems.sort(key=lambda p: p.line or 0)
    return [dataclasses.replace(e, dataset=ANALYST_DATASET) for e in events], problems


def check_file(path: Path, reference: Reference) -> list[Event]:
    """The events of a JSON (or YAML) file: one event or a list, in the exchange form.
    Raises ``ValidationFailed`` with file, line and reason of every problem."""
    shown_as = display_name(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValidationFailed(
            [Problem(shown_as, None, f"not UTF-8 text (byte {exc.start})")]
        ) from None
    except OSError as exc:
        raise ValidationFailed(
            [Problem(shown_as, None, f"cannot read the file ({exc.strerror})")]
        ) from None
    if text.lstrip().startswith("{"):  # one event: a list of one, on the same lines
        text = "[" + text + "\n]"
    with tempfile.TemporaryDirectory(prefix="timeline-add-") as folder:
        copy = Path(folder) / path.name
        copy.write_text(text, encoding="utf-8")
        events, problems = _read(copy, shown_as, reference)
    ids = [e.id for e in events]
    if problems:
        raise ValidationFailed(problems)
    assert len(set(ids)) == len(ids)  # duplicates are problems above
    return events


def check_record(
    record: Mapping[str, Any], reference: Reference
) -> tuple[Event | None, dict[str, list[str]]]:
    """One event from the editor, as an exchange record: the event, or what is wrong
    with it field by field (``""`` for the event as a whole)."""
    text = json.dumps([dict(record)], indent=2, ensure_ascii=False)
    with tempfile.TemporaryDirectory(prefix="timeline-edit-") as folder:
        path = Path(folder) / "event.json"
        path.write_text(text, encoding="utf-8")
        events, problems = _read(path, "event", reference)
        entries, _ = load_list_of_mappings(path)
    if not problems:
        return events[0], {}
    key_lines = sorted((line, key) for key, line in entries[0].key_lines.items()) if entries else []
    by_field: dict[str, list[str]] = {}
    for problem in problems:
        field = ""
        for line, key in key_lines:
            if problem.line is not None and line <= problem.line:
                field = key
        if problem.line == (entries[0].line if entries else None):
            field = _named_field(problem.message) or field
        by_field.setdefault(field, []).append(_LABEL.sub("", problem.message))
    return None, by_field


def _named_field(message: str) -> str:
    """A missing field is reported on the entry's line: its name is in the message."""
    found = re.search(r"missing field '(\w+)'", message)
    return found.group(1) if found else ""
