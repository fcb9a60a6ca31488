"""The exchange formats carry every role, a subject included, and the lanes they draw."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from timeline_app.cli import run
from timeline_app.export.events_io import to_csv, to_json
from timeline_app.services import Store, corpus_paths

ABOUT_CHINA = """\
- id: ind-rus-about-china
  title: India and Russia discuss China
  summary: The two sides discussed China.
  date: "2021-12-06"
  actors:
    - {code: IND, role: initiator}
    - {code: RUS, role: recipient}
    - {code: CHN, role: subject}
  category: dialogue
  modality: happened
  score: 2
  sources:
    - document: b.txt
      paragraph: 2
      quote: "Russia and India extended their programme to 2031."
"""


def _loaded(tmp_path: Path, corpus_dir: Path) -> Store:
    events = corpus_dir / "events.yaml"
    events.write_text(events.read_text() + ABOUT_CHINA, encoding="utf-8")
    store = Store.open(tmp_path / "t.sqlite3")
    store.load(corpus_paths(sources=corpus_dir))
    return store


def test_json_writes_the_subject_and_the_lanes(tmp_path: Path, corpus_dir: Path) -> None:
    store = _loaded(tmp_path, corpus_dir)
    records = {r["id"]: r for r in json.loads(to_json(store.events()))}
    about = records["ind-rus-about-china"]
    assert about["actors"] == [
        {"code": "IND", "role": "initiator"},
        {"code": "RUS", "role": "recipient"},
        {"code": "CHN", "role": "subject"},
    ]
    assert about["lanes"] == ["IND-RUS"]


def test_csv_writes_the_subject_and_the_lanes(tmp_path: Path, corpus_dir: Path) -> None:
    store = _loaded(tmp_path, corpus_dir)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(to_csv(store.events())))}
    assert rows["ind-rus-about-china"]["actors"] == "IND:initiator;RUS:recipient;CHN:subject"
    assert rows["ind-rus-about-china"]["lanes"] == "IND-RUS"


def test_a_shared_json_with_a_subject_loads_back_the_same(tmp_path: Path, corpus_dir: Path) -> None:
    store = _loaded(tmp_path, corpus_dir)
    shared = tmp_path / "shared.json"
    shared.write_text(to_json(store.events()), encoding="utf-8")
    store.close()
    again = tmp_path / "again.sqlite3"
    loaded = run(
        ["load", "--db", str(again), "--sources", str(corpus_dir), "--events", str(shared)]
    )
    assert loaded == 0
    other = Store.open(again, create=False)
    assert to_json(other.events()) == shared.read_text(encoding="utf-8")
    about = other.event("ind-rus-about-china")
    assert about is not None and [p.key for p in about.pairs] == ["IND-RUS"]
