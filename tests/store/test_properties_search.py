"""Property-based tests of the search query builder: any text gives a query FTS5
accepts (or none), never more than the capped words, and the cut text searches
exactly as the whole text does."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.search_text import (
    MAX_SEARCH_CHARS,
    MAX_SEARCH_WORDS,
    cap_search_text,
    search_words,
)
from timeline_app.store.fts import match_query

FAST = settings(max_examples=150, deadline=5000, database=None)

# FTS5's own syntax, quotes, separators and words, and any text at all.
search_text = st.lists(
    st.sampled_from(['"', "'", "*", "^", ":", "-", "(", ")", "AND", "OR", "NOT", "NEAR",
                     "NEAR(", "title:", " ", "\u2019", "\x00", "US-China", "it's", "é", "日本"])
    | st.text(max_size=10),
    max_size=80,
).map("".join)  # fmt: skip


@pytest.fixture(scope="module")
def fts() -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    conn.execute("INSERT INTO t VALUES ('India and Vietnam sign a defence pact'), ('US-China')")
    yield conn
    conn.close()


@FAST
@given(text=search_text)
def test_any_text_makes_a_query_fts5_accepts(fts: sqlite3.Connection, text: str) -> None:
    query = match_query(text)
    if query is None:
        assert search_words(text) == []
        return
    fts.execute("SELECT rowid FROM t WHERE t MATCH ?", (query,)).fetchall()
    assert query.count('"') - 2 * query.count('""') <= 2 * MAX_SEARCH_WORDS


@FAST
@given(text=search_text | st.text(alphabet="ab '\n", min_size=400, max_size=2000))
def test_the_cut_text_searches_as_the_whole_text(text: str) -> None:
    cut, note = cap_search_text(text)
    assert text.startswith(cut) and len(cut) <= MAX_SEARCH_CHARS
    assert search_words(cut) == search_words(text)
    assert len(search_words(text)) <= MAX_SEARCH_WORDS
    assert (note is None) == (cut == text)
