"""Property-based tests of the curated reader: whatever the text or the structure,
reading gives entries and problems, never an exception, and a refused load leaves
the database exactly as it was."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_app.ingest.corpus import read_corpus, read_events
from timeline_app.ingest.problems import Problem, ValidationFailed
from timeline_app.ingest.yaml_lines import load_list_of_mappings
from timeline_app.services import Store, corpus_paths

from ..conftest import ARTICLE_A, ARTICLE_B, EVENTS, _manifest_entry

FAST = settings(
    max_examples=60,
    deadline=5000,  # ms; generous: the machine is shared
    database=None,  # no example files written into the checkout
    suppress_health_check=[HealthCheck.too_slow],
)

# Pieces of YAML that have made PyYAML raise or run away: tags, anchors and aliases,
# timestamps that are no dates, special floats, flow and block syntax, directives.
FRAGMENTS = [
    "- ", "  ", "\n", ": ", "id: x", "date: ", "score: ", "paragraph: ", "sources:",
    "2021-02-30", "2021-02-03 12:99:00", "2021-12-06 12:30:00", "12:99", "1:59:59",
    ".nan", ".inf", "-.inf", "9" * 400, "0x_", "0b2", "!!int abc", "!!timestamp junk",
    "!!float x", "!!binary ***", "!!set {a}", "!!omap [a]", "!foo bar", "!<tag:x> y",
    "&a ", "*a", "&b [*a, *a, *a]", "<<: *a", "{", "}", "[", "]", ",", '"', "'", "#",
    "|", ">", "%YAML 1.1\n", "---\n", "...\n", "?", "\t", "\\", "\x00", "\ufeff", "é",
    "true", "null", "~", "- {code: IND, role: participant}",
]  # fmt: skip

yamlish = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=40).map("".join)

# Values PyYAML builds into something odd, or not at all.
HOSTILE_VALUES = [
    "2021-02-30", "2021-02-03 12:99:00", "2021-12-06 12:30:00", "9999-12-31", "0000",
    "12:99", "1:59:59", ".nan", ".inf", "-.inf", "9" * 400, "1" + ":59" * 2500, "0x_",
    "!!int abc", "!!timestamp junk", "!!float x", "!!str 3", "!foo bar", "!foo {a: 1}",
    "!!set {a}", "!!binary AAAA", "[]", "{}", "[1, [2, [3]]]", "~", "true", "-1", "1e400",
    "1.5", "3.0", '"4"', "*nowhere", "&x 1", "'x' 'y'", "{code: IND}", "- a",
]  # fmt: skip
_SLOTS = [i for i, line in enumerate(EVENTS.splitlines()) if ": " in line]


@st.composite
def hostile_events(draw: st.DrawFn) -> str:
    """The good events file with a few of its values replaced by hostile ones."""
    lines = EVENTS.splitlines()
    for index in draw(st.lists(st.sampled_from(_SLOTS), min_size=1, max_size=4)):
        value = draw(st.sampled_from(HOSTILE_VALUES) | st.text(max_size=6))
        key, _old = lines[index].rsplit(": ", 1)
        lines[index] = f"{key}: {value}" + ("}" if key.lstrip().startswith("- {") else "")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="props-curated-") as name:
        yield Path(name)


@FAST
@given(text=yamlish)
def test_any_yamlish_text_gives_problems_not_exceptions(folder: Path, text: str) -> None:
    path = folder / "any.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    entries, problems = load_list_of_mappings(path)
    assert all(isinstance(p, Problem) and p.file for p in problems)
    assert all(isinstance(e.value, dict) for e in entries)
    assert all(len(str(p)) < 2000 for p in problems)  # messages stay readable


scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**300), max_value=2**300)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.dates()
    | st.datetimes()
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = ["id", "title", "summary", "date", "end", "approximate", "relative", "date_note",
          "actors", "category", "modality", "score", "sources"]  # fmt: skip
entry = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=6), values, max_size=8)
participant = st.fixed_dictionaries({"code": scalars, "role": scalars})
source = st.fixed_dictionaries({"document": scalars, "paragraph": scalars, "quote": scalars})
event = st.builds(
    lambda base, actors, sources: {**base, "actors": actors, "sources": sources},
    entry, st.lists(participant, max_size=3), st.lists(source, max_size=2),
)  # fmt: skip


@FAST
@given(text=hostile_events())
def test_hostile_values_in_good_events_give_problems_not_exceptions(
    loaded: tuple[Store, Path, list[str]], text: str
) -> None:
    _store, seeds, _before = loaded
    path = seeds.parent / "hostile-events.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        read_corpus(corpus_paths(sources=seeds, events=path))
    except ValidationFailed as exc:
        assert exc.problems and all(len(str(p)) < 2000 for p in exc.problems)


@settings(FAST, max_examples=40)
@given(entries=st.lists(event, max_size=4))
def test_any_structure_of_events_gives_problems_not_exceptions(
    folder: Path, entries: list[dict[str, object]]
) -> None:
    path = folder / "events.yaml"
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    problems: list[Problem] = []
    events = read_events(path, {}, [], problems)
    assert problems or not entries or events == []  # no actor is known: nothing is valid
    for problem in problems:
        assert problem.file and (problem.line is None or problem.line >= 1)


def _dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


@pytest.fixture(scope="module")
def loaded(folder: Path) -> tuple[Store, Path, list[str]]:
    seeds = folder / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (seeds / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (seeds / "manifest.yaml").write_text(
        _manifest_entry("a.txt", ARTICLE_A, "2021-12-08")
        + _manifest_entry("b.txt", ARTICLE_B, "2021-12"),
        encoding="utf-8",
    )
    (seeds / "events.yaml").write_text(EVENTS, encoding="utf-8")
    store = Store.open(folder / "t.sqlite3")
    store.load(corpus_paths(sources=seeds))
    return store, seeds, _dump(store.path)


@settings(FAST, max_examples=25)
@given(text=hostile_events() | yamlish.map(lambda junk: EVENTS + junk))
def test_a_refused_load_writes_nothing(loaded: tuple[Store, Path, list[str]], text: str) -> None:
    store, seeds, _ = loaded
    # Taken now, not at the first load: reloading the good events after an accepted
    # example renumbers rows, which is no write by a refused load.
    before = _dump(store.path)
    # Hostile values, or hostile text after the good events: refused or still valid.
    (seeds / "events.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        store.load(corpus_paths(sources=seeds))
    except ValidationFailed as exc:
        assert exc.problems
        assert _dump(store.path) == before
    finally:
        (seeds / "events.yaml").write_text(EVENTS, encoding="utf-8")
        store.load(corpus_paths(sources=seeds))  # back to the start for the next example
