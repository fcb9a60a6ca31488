"""A page pasted into the search box: the search uses its first words, says so, and
every search path (FTS5; the bulk query, which a search skips) answers at once."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from timeline_app.domain import EventFilter
from timeline_app.filters import FilterInput, FilterRules, build_filter, bulk_sql_where
from timeline_app.search_text import (
    MAX_SEARCH_CHARS,
    MAX_SEARCH_WORDS,
    cap_search_text,
    search_words,
)
from timeline_app.services import Store, corpus_paths
from timeline_app.store.fts import match_query

TAB = Path(__file__).resolve().parents[1] / "fixtures" / "gdelt" / "20211206000000.export.CSV"
PAGE = " ".join(f"word{i}" for i in range(5000))  # a pasted page: 5,000 words, 43 KB


def test_match_query_sends_at_most_the_first_words() -> None:
    query = match_query(PAGE)
    assert query is not None
    assert query.split() == [f'"word{i}"' for i in range(MAX_SEARCH_WORDS)] + ["*"]


def test_match_query_reads_at_most_the_first_characters() -> None:
    assert search_words("x" * 100_000) == ["x" * MAX_SEARCH_CHARS]


def test_short_searches_are_untouched() -> None:
    text = " ".join(["defence"] * MAX_SEARCH_WORDS)
    assert cap_search_text(text) == (text, None)
    assert cap_search_text("US-China  talks ") == ("US-China  talks ", None)


def test_a_long_search_is_cut_after_its_last_used_word_with_a_note() -> None:
    text, note = cap_search_text(PAGE)
    assert text == " ".join(f"word{i}" for i in range(MAX_SEARCH_WORDS))
    assert note == ("search uses its first 32 words (512 characters at most); the rest is ignored")
    text, note = cap_search_text("y" * 600)
    assert text == "y" * MAX_SEARCH_CHARS and note is not None


def test_the_filter_bar_reports_the_cut_and_filters_on_the_first_words() -> None:
    result = build_filter(FilterInput(text=PAGE, date_from="2013"))
    assert set(result.errors) == {"text"}
    assert result.filter.text.split() == [f"word{i}" for i in range(MAX_SEARCH_WORDS)]
    assert "text" not in build_filter(FilterInput(text="Hanoi pact")).errors


@pytest.fixture
def store(tmp_path: Path, corpus_dir: Path) -> Store:
    store = Store.open(tmp_path / "t.sqlite3")
    store.load(corpus_paths(sources=corpus_dir))
    store.import_gdelt([TAB])
    return store


def test_a_pasted_page_finds_what_its_first_words_find(store: Store) -> None:
    page = "India Vietnam " + " ".join(["signed"] * 4000)
    started = time.perf_counter()
    found = store.events(EventFilter(text=page))
    assert time.perf_counter() - started < 2
    assert found == store.events(EventFilter(text=" ".join(page.split()[:MAX_SEARCH_WORDS])))
    assert {e.id for e in found} == {"ind-vnm-pact", "ind-rus-programme"}  # cites the pact


def test_a_pasted_page_reaches_no_bulk_query(store: Store) -> None:
    # Once each word was a URL test in one WHERE clause: 5,000 words made SQLite refuse
    # it ("Expression tree is too large"). A search passes no bulk event (they carry no
    # text), so the clause holds no word at all, however long the search.
    url_word = "example"  # in every bulk URL of the fixture
    for text in (PAGE, " ".join([url_word] * 5000)):
        flt = build_filter(FilterInput(text=text)).filter
        assert bulk_sql_where(FilterRules.of(flt)) == (" WHERE 0", [])
        assert len(store.bulk_columns(flt)) == 0
    with sqlite3.connect(store.path) as conn:
        (with_word,) = conn.execute(
            "SELECT count(*) FROM bulk_events WHERE instr(lower(source_url), ?) > 0", (url_word,)
        ).fetchone()
    assert with_word > 0
