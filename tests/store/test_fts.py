from __future__ import annotations

from pathlib import Path

import pytest

from timeline_app.domain import EventFilter
from timeline_app.services import Store, corpus_paths
from timeline_app.store.fts import match_query

HOSTILE = [
    "US-China",
    "AND",
    '"',
    "it's",
    "OR NOT",
    "NEAR(",
    "*",
    "title:pact",
    "'",
    "((",
    "-",
    "^x",
]


def test_match_query_quotes_every_token() -> None:
    assert match_query("US-China") == '"US" "China" *'
    assert match_query("it's") == '"it\'s" *'
    assert match_query('"') is None
    assert match_query("AND") == '"AND" *'


@pytest.fixture
def store(tmp_path: Path, corpus_dir: Path) -> Store:
    store = Store.open(tmp_path / "t.sqlite3")
    store.load(corpus_paths(sources=corpus_dir))
    return store


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_search_text_never_raises(store: Store, text: str) -> None:
    store.events(EventFilter(text=text))
    store.search_paragraphs(text)


def test_search_finds_event_text_and_cited_paragraphs(store: Store) -> None:
    assert [e.id for e in store.events(EventFilter(text="Hanoi"))] == [
        "ind-rus-programme",  # cites the Hanoi paragraph
        "ind-vnm-pact",
    ]
    assert [e.id for e in store.events(EventFilter(text="progr"))] == ["ind-rus-programme"]
    hits = store.search_paragraphs("Russia-India")
    assert [(h.document, h.ordinal) for h in hits] == [("b.txt", 2)]


def test_boilerplate_is_not_searchable(store: Store) -> None:
    assert store.search_paragraphs("comments") == []
