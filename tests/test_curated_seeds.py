"""The bundled curated set: every quote is verbatim, every article is cited."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from timeline_app.domain import Modality
from timeline_app.ingest.corpus import Corpus, read_corpus
from timeline_app.services import bundled_corpus_paths


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return read_corpus(bundled_corpus_paths())


def test_every_quote_occurs_verbatim_in_its_paragraph(corpus: Corpus) -> None:
    paragraphs = {
        (d.document.file_name, p.ordinal): p for d in corpus.documents for p in d.paragraphs
    }
    for event in corpus.events:
        assert event.citations, event.id
        for citation in event.citations:
            paragraph = paragraphs[(citation.document, citation.paragraph)]
            assert citation.quote in paragraph.text, (event.id, citation)
            assert not paragraph.boilerplate


def test_every_seed_document_is_cited(corpus: Corpus) -> None:
    cited = {c.document for e in corpus.events for c in e.citations}
    on_disk = {p.name for p in bundled_corpus_paths().seeds.glob("*.txt")}
    assert cited == on_disk == {d.document.file_name for d in corpus.documents}


def test_the_set_is_thorough(corpus: Corpus) -> None:
    assert len(corpus.events) >= 40
    categories = Counter(e.category for e in corpus.events)
    assert len(categories) >= 8, categories


def test_one_fact_reported_by_several_articles_is_one_event(corpus: Corpus) -> None:
    """The 6 December 2021 India-Russia meetings are reported by three seeds."""
    december_6 = [
        e
        for e in corpus.events
        if e.when.start_text == "2021-12-06" and {"IND", "RUS"} <= set(e.actor_codes)
    ]
    assert december_6
    documents = {c.document for e in december_6 for c in e.citations}
    assert {
        "002_f766a4a9296361bf.txt",
        "003_a265b4c1b8b2e044.txt",
        "004_db0dbf327a221a67.txt",
    } <= documents
    assert max(len({c.document for c in e.citations}) for e in december_6) >= 2
    titles = Counter(e.title for e in corpus.events)
    assert titles.most_common(1)[0][1] == 1, "no fact is entered twice"


def test_seed_dates_reach_1960_and_past_the_articles(corpus: Corpus) -> None:
    """From the 1960 start of Indo-Soviet military-technical cooperation to the visit
    planned for Republic Day 2022, after the latest article."""
    latest_article = max(d.document.published.last_day for d in corpus.documents)
    assert min(e.when.first_day.year for e in corpus.events) <= 1960
    assert max(e.when.last_day for e in corpus.events) > latest_article


def test_nothing_reported_as_done_ends_after_its_articles(corpus: Corpus) -> None:
    """A happened event ends no later than the latest article citing it; a programme's
    term ("to 2031") is in the summary, not the end of the day it was agreed."""
    published = {d.document.file_name: d.document.published for d in corpus.documents}
    for event in corpus.events:
        if event.modality is not Modality.HAPPENED:
            continue
        latest = max(published[c.document].last_day for c in event.citations)
        assert (event.when.end or event.when.start) <= latest, event.id
    extension = next(e for e in corpus.events if e.id == "ind-rus-2021-12-06-irigc-extension")
    assert extension.when.is_point and extension.when.start_text == "2021-12-06"
    assert "2031" in extension.summary


def test_relative_and_approximate_dates_say_how(corpus: Corpus) -> None:
    for event in corpus.events:
        if event.when.relative or event.when.approximate:
            assert event.date_note.strip(), event.id


def test_seeds_match_the_shared_originals() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("the shared seed folder is not beside this checkout")
    for original in shared.glob("*.txt"):
        assert (bundled_corpus_paths().seeds / original.name).read_bytes() == original.read_bytes()
