"""Stored lanes follow the roles: a fresh load, and a database migrated from the
schema that stored every pair of an event's actors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from timeline_app.domain import EventFilter
from timeline_app.services import Store, corpus_paths
from timeline_app.store import db as db_module
from timeline_app.store.db import migrate
from timeline_app.store.migrations import MIGRATIONS, SCHEMA_VERSION, V5_LANES_FROM_ROLES

SUBJECT_EVENT = """\
- id: ind-rus-china-talks
  title: India and Russia discuss China
  summary: The defence ministers discussed China.
  date: "2021-12-06"
  actors:
    - {code: IND, role: participant}
    - {code: RUS, role: participant}
    - {code: CHN, role: subject}
  category: dialogue
  modality: happened
  score: 3
  sources:
    - document: b.txt
      paragraph: 2
      quote: "Russia and India extended their programme to 2031."
"""


def stored_lanes(path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT e.id, p.actor_a || '-' || p.actor_b FROM event_pairs p "
            "JOIN events e ON e.pk = p.event_pk ORDER BY e.id, p.actor_a, p.actor_b"
        ).fetchall()
    lanes: dict[str, list[str]] = {}
    for event_id, key in rows:
        lanes.setdefault(event_id, []).append(key)
    return lanes


@pytest.fixture
def with_subject(corpus_dir: Path) -> Path:
    events = corpus_dir / "events.yaml"
    events.write_text(events.read_text() + SUBJECT_EVENT, encoding="utf-8")
    return corpus_dir


def test_a_load_stores_the_lanes_the_roles_draw(tmp_path: Path, with_subject: Path) -> None:
    store = Store.open(tmp_path / "t.sqlite3")
    store.load(corpus_paths(sources=with_subject))
    store.close()
    assert stored_lanes(tmp_path / "t.sqlite3") == {
        "ind-rus-china-talks": ["IND-RUS"],
        "ind-rus-programme": ["CHN-IND", "IND-RUS"],
        "ind-vnm-exercise": ["IND-VNM"],
        "ind-vnm-pact": ["IND-VNM"],
    }


def test_the_migration_recomputes_lanes_stored_as_every_pair(
    tmp_path: Path, with_subject: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite3"
    before = list(MIGRATIONS).index(V5_LANES_FROM_ROLES)
    with monkeypatch.context() as old_app:
        old_app.setattr(db_module, "MIGRATIONS", MIGRATIONS[:before])
        old_app.setattr(db_module, "SCHEMA_VERSION", before)
        old = Store.open(path)
        old.load(corpus_paths(sources=with_subject))
        old.close()
    # What the earlier loader wrote: every pair of every event's actors.
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM event_pairs")
        conn.execute(
            "INSERT INTO event_pairs SELECT a.event_pk, a.actor_code, b.actor_code "
            "FROM event_actors a JOIN event_actors b "
            "ON a.event_pk = b.event_pk AND a.actor_code < b.actor_code"
        )
    assert stored_lanes(path)["ind-rus-china-talks"] == ["CHN-IND", "CHN-RUS", "IND-RUS"]
    assert migrate(path) == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    fresh = tmp_path / "fresh.sqlite3"
    store = Store.open(fresh)
    store.load(corpus_paths(sources=with_subject))
    store.close()
    assert stored_lanes(path) == stored_lanes(fresh)


def test_an_actor_filter_finds_events_about_the_actor(tmp_path: Path, with_subject: Path) -> None:
    """Decided in docs/codebook.md: filtering on China lists talks about China too;
    the event still draws only its own lanes."""
    store = Store.open(tmp_path / "t.sqlite3")
    store.load(corpus_paths(sources=with_subject))
    found = store.events(EventFilter(actors=frozenset({"CHN"})))
    assert {e.id for e in found} == {"ind-rus-china-talks", "ind-rus-programme"}
    talks = next(e for e in found if e.id == "ind-rus-china-talks")
    assert [p.key for p in talks.pairs] == ["IND-RUS"]
    assert store.counts().pairs == 3  # IND-VNM, IND-RUS, CHN-IND: no CHN-RUS
    store.close()
