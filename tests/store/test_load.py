from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from timeline_app.domain import EventFilter
from timeline_app.services import Store, corpus_paths
from timeline_app.store import loader


def _dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "t.sqlite3")


def test_load_writes_everything(store: Store, corpus_dir: Path) -> None:
    report = store.load(corpus_paths(sources=corpus_dir))
    assert (report.events, report.added, report.documents, report.citations) == (3, 3, 2, 4)
    # IND-VNM, IND-RUS and IND-CHN: the recipient RUS and the participant CHN share no lane.
    assert store.counts().describe() == "3 events, 3 pairs, 2 sources"
    programme = store.event("ind-rus-programme")
    assert programme is not None
    assert [c.document for c in programme.citations] == ["b.txt", "a.txt"]
    assert programme.when.describe() == "2021 to 2031"


def test_loading_twice_changes_nothing(store: Store, corpus_dir: Path) -> None:
    store.load(corpus_paths(sources=corpus_dir))
    first = _dump(store.path)
    report = store.load(corpus_paths(sources=corpus_dir))
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 3)
    assert _dump(store.path) == first


def test_edited_file_updates_what_changed(store: Store, corpus_dir: Path) -> None:
    store.load(corpus_paths(sources=corpus_dir))
    events = corpus_dir / "events.yaml"
    text = events.read_text(encoding="utf-8")
    text = text.replace("India and Vietnam plan a joint exercise", "India and Vietnam plan drills")
    # Drop the pact event (the first entry) entirely.
    text = text[text.index("- id: ind-vnm-exercise") :]
    events.write_text(text, encoding="utf-8")
    report = store.load(corpus_paths(sources=corpus_dir))
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 1, 1, 1)
    assert store.event("ind-vnm-pact") is None
    exercise = store.event("ind-vnm-exercise")
    assert exercise is not None and exercise.title == "India and Vietnam plan drills"
    assert [e.id for e in store.events(EventFilter(text="drills"))] == ["ind-vnm-exercise"]
    # The removed event's own text is gone from the index; only a citing event matches.
    assert [e.id for e in store.events(EventFilter(text="signed defence pact"))] == [
        "ind-rus-programme"
    ]


@pytest.mark.parametrize("step", ["actors", "documents", "events", "cleanup"])
def test_failure_halfway_leaves_previous_content(
    store: Store, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    store.load(corpus_paths(sources=corpus_dir))
    before = _dump(store.path)
    events = corpus_dir / "events.yaml"
    events.write_text(
        events.read_text(encoding="utf-8").replace("score: 6", "score: 2"), encoding="utf-8"
    )

    def fail_at(current: str) -> None:
        if current == step:
            raise RuntimeError("disk pulled out")

    monkeypatch.setattr(loader, "_step_hook", fail_at)
    with pytest.raises(RuntimeError, match="disk pulled out"):
        store.load(corpus_paths(sources=corpus_dir))
    assert _dump(store.path) == before


def test_filters(store: Store, corpus_dir: Path) -> None:
    from datetime import date

    from timeline_app.domain import Category, Modality

    store.load(corpus_paths(sources=corpus_dir))

    def ids(flt: EventFilter) -> list[str]:
        return [e.id for e in store.events(flt)]

    assert ids(EventFilter()) == ["ind-rus-programme", "ind-vnm-pact", "ind-vnm-exercise"]
    assert ids(EventFilter(actors=frozenset({"RUS"}))) == ["ind-rus-programme"]
    assert ids(EventFilter(categories=frozenset({Category.EXERCISE}))) == ["ind-vnm-exercise"]
    assert ids(EventFilter(modalities=frozenset({Modality.HAPPENED}))) == ["ind-vnm-pact"]
    # A year-precision event covers its whole year; the span to 2031 overlaps 2030.
    assert ids(EventFilter(start=date(2022, 12, 31), end=date(2030, 1, 1))) == [
        "ind-rus-programme",
        "ind-vnm-exercise",
    ]
    assert ids(EventFilter(start=date(2032, 1, 1))) == []
