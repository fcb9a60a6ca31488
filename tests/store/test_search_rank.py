"""Search relevance: the event a search names comes first."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline_app.domain import EventFilter
from timeline_app.services import Store, corpus_paths


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store.open(tmp_path_factory.mktemp("rank") / "seeds.sqlite3")
    store.ensure_seeded()
    return store


def test_an_exact_title_phrase_comes_first(seeds: Store) -> None:
    ranked = seeds.rank_matches("2+2")
    assert ranked[0] == "ind-rus-2021-12-06-first-2plus2-dialogue"
    # The ranking orders the same set the filter returns, nothing more or less.
    assert set(ranked) == {e.id for e in seeds.events(EventFilter(text="2+2"))}
    by_date = [e.id for e in seeds.events(EventFilter(text="2+2"))]
    assert by_date.index(ranked[0]) > 0  # by date it was not first


def test_own_text_ranks_above_a_cited_paragraph(tmp_path: Path, corpus_dir: Path) -> None:
    store = Store.open(tmp_path / "t.sqlite3")
    store.load(corpus_paths(sources=corpus_dir))
    # "exercise" is in one title; the pact is matched only through its paragraph.
    assert store.rank_matches("exercise")[0] == "ind-vnm-exercise"
    assert store.rank_matches("Hanoi")[0] == "ind-vnm-pact"  # summary beats a quote
    assert store.rank_matches("!!") == [] and store.rank_matches("zzzqqq") == []
