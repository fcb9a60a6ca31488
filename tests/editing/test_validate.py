"""Events from the editor and from add-event files are checked with the loader's rules."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from timeline_app.cli import run
from timeline_app.domain import ANALYST_DATASET, Category, Modality
from timeline_app.editing.validate import check_record
from timeline_app.editing.vocabulary import CATEGORY_DEFINITIONS, MODALITY_DEFINITIONS
from timeline_app.services import Store, corpus_paths


def record(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "isr-usa-visit",
        "title": "Israel's prime minister visits Washington",
        "summary": "A visit.",
        "date_start": "2021-12-06",
        "actors": [{"code": "ISR", "role": "initiator"}, {"code": "USA", "role": "recipient"}],
        "category": "visit",
        "modality": "happened",
        "score": 3,
        "sources": [{"document": "a.txt", "paragraph": 3, "quote": "signed a defence pact"}],
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


@pytest.fixture
def store(tmp_path: Path, corpus_dir: Path) -> Store:
    opened = Store.open(tmp_path / "v.sqlite3")
    opened.load(corpus_paths(sources=corpus_dir))
    return opened


def test_a_good_record_is_an_analyst_event_naming_any_country(store: Store) -> None:
    event, problems = check_record(record(), store.reference(["a.txt"]))
    assert problems == {}
    assert event is not None and event.dataset == ANALYST_DATASET
    assert event.actor_codes == ("ISR", "USA")  # neither is in the curated actors


def test_problems_are_given_field_by_field(store: Store) -> None:
    bad = record(
        id="ind-vnm-pact",  # taken by a curated event
        score=12,
        category="parade",
        title=None,
        sources=[{"document": "a.txt", "paragraph": 3, "quote": "signed a pact"}],
    )
    event, problems = check_record(bad, store.reference(["a.txt"]))
    assert event is None
    assert set(problems) == {"id", "score", "category", "title", "sources"}
    assert problems["score"] == ["score 12 is outside -10 to 10"]
    assert problems["title"] == ["missing field 'title'"]
    assert "not found verbatim in paragraph 3 of a.txt" in problems["sources"][0]
    assert "already in the database" in problems["id"][0]


def test_a_quote_is_verbatim_after_the_loaders_whitespace_normalisation(store: Store) -> None:
    spaced = record(
        sources=[{"document": "a.txt", "paragraph": 3, "quote": "signed  a\ndefence pact"}]
    )
    event, problems = check_record(spaced, store.reference(["a.txt"]))
    assert problems == {} and event is not None
    assert event.citations[0].quote == "signed a defence pact"


def test_add_event_adds_a_list_and_reports_every_problem_with_its_line(
    store: Store, tmp_path: Path
) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps([record(), record(id="isr-usa-second")], indent=2))
    assert run(["add-event", "--json", str(good), "--db", str(store.path)]) == 0
    added = store.event("isr-usa-visit")
    assert added is not None and added.dataset == ANALYST_DATASET
    assert [e.action for e in store.audit_log()] == ["add", "add"]


def test_add_event_writes_nothing_on_any_error(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = store.events()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(record(score="high", actors=[{"code": "XXX", "role": "initiator"},
                                                          {"code": "USA", "role": "host"}]), indent=2))  # fmt: skip
    assert run(["add-event", "--json", str(bad), "--db", str(store.path)]) == 1
    err = capsys.readouterr().err
    assert re.search(r"bad\.json:\d+: event 'isr-usa-visit': 'score' must be a number", err)
    assert "unknown actor code 'XXX'" in err and "'role' must be one of" in err
    assert store.events() == before and store.audit_log() == []


def test_add_event_refuses_an_empty_list_and_a_binary_file(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("[]")
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    assert run(["add-event", "--json", str(empty), "--db", str(store.path)]) == 1
    assert run(["add-event", "--json", str(binary), "--db", str(store.path)]) == 1
    err = capsys.readouterr().err
    assert "no events in the file" in err or "expected a list" in err
    assert "not UTF-8" in err


def test_the_editor_shows_the_codebooks_own_definitions() -> None:
    text = (REPO / "docs" / "data-model.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \| (.+?) \|$", text, flags=re.MULTILINE))
    for category, meaning in CATEGORY_DEFINITIONS.items():
        assert rows[category.value] == meaning
    for modality, meaning in MODALITY_DEFINITIONS.items():
        assert rows[modality.value] == meaning
    assert set(CATEGORY_DEFINITIONS) == set(Category)
    assert set(MODALITY_DEFINITIONS) == set(Modality)
