"""Events made in the app survive export-events and load: they come back as events
made in the app, and a curated event cannot take their ids."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.editing.test_validate import record
from timeline_app.cli import run
from timeline_app.domain import ANALYST_DATASET, CURATED_DATASET
from timeline_app.services import Store, corpus_paths


@pytest.fixture
def store(tmp_path: Path, corpus_dir: Path) -> Store:
    opened = Store.open(tmp_path / "v.sqlite3")
    opened.load(corpus_paths(sources=corpus_dir))
    added = tmp_path / "added.json"
    added.write_text(json.dumps([record()], indent=2))
    assert run(["add-event", "--json", str(added), "--db", str(opened.path)]) == 0
    return opened


def _export(store: Store, target: Path) -> list[dict[str, object]]:
    assert (
        run(["export-events", "--db", str(store.path), "--format", "json", "-o", str(target)]) == 0
    )
    records: list[dict[str, object]] = json.loads(target.read_text(encoding="utf-8"))
    return records


def test_an_exported_analyst_event_loads_back_unchanged_as_an_analyst_event(
    store: Store, tmp_path: Path, corpus_dir: Path
) -> None:
    exported = tmp_path / "all.json"
    records = _export(store, exported)
    assert {r["id"]: r["dataset"] for r in records}["isr-usa-visit"] == ANALYST_DATASET
    before = store.events()
    report = store.load(corpus_paths(events=exported, sources=corpus_dir))
    assert (report.added, report.updated, report.removed) == (0, 0, 0)
    assert store.events() == before
    # Into a new database: the same events, the analyst one still the analyst's.
    fresh = Store.open(tmp_path / "fresh.sqlite3")
    fresh.load(corpus_paths(sources=corpus_dir))
    fresh.load(corpus_paths(events=exported, sources=corpus_dir))
    moved = fresh.event("isr-usa-visit")
    assert moved is not None and moved.dataset == ANALYST_DATASET
    assert sorted(fresh.events(), key=lambda e: e.id) == sorted(before, key=lambda e: e.id)


def test_a_curated_event_may_not_take_the_id_of_an_event_made_in_the_app(
    store: Store, tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "all.json"
    records = _export(store, exported)
    for item in records:
        if item["id"] == "isr-usa-visit":
            item["dataset"] = CURATED_DATASET  # as if a colleague's curated file used the id
    clash = tmp_path / "clash.json"
    clash.write_text(json.dumps(records, indent=2), encoding="utf-8")
    before = store.events()
    status = run(
        ["load", "--db", str(store.path), "--events", str(clash), "--sources", str(corpus_dir)]
    )
    err = capsys.readouterr().err
    assert status == 1
    assert re.search(
        r"clash\.json:\d+: event 'isr-usa-visit': id 'isr-usa-visit' is already used by an "
        r"event made in the app",
        err,
    ), err
    assert store.events() == before


def test_a_file_may_hold_only_curated_or_analyst_events(
    store: Store, tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "all.json"
    records = _export(store, exported)
    records[0]["dataset"] = "gdelt"
    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps(records, indent=2), encoding="utf-8")
    status = run(
        ["load", "--db", str(store.path), "--events", str(odd), "--sources", str(corpus_dir)]
    )
    assert status == 1
    assert "dataset 'gdelt' is not one a file can load" in capsys.readouterr().err
