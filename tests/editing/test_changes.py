"""Store-level changes: add, edit, delete, citations, articles; undo and redo of each;
the audit rows they write; and a load of the curated files leaving analyst events be."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from timeline_app.dates import DateSpan
from timeline_app.domain import (
    ANALYST_DATASET,
    Category,
    Citation,
    Event,
    Modality,
    Participant,
    Role,
)
from timeline_app.editing import changes
from timeline_app.editing.writes import EditError
from timeline_app.services import Store, corpus_paths


@pytest.fixture
def store(tmp_path: Path, corpus_dir: Path) -> Store:
    opened = Store.open(tmp_path / "edit.sqlite3")
    opened.load(corpus_paths(sources=corpus_dir))
    return opened


def sudan_event() -> Event:
    """An event naming an actor the curated table lacks (Sudan)."""
    return Event(
        id="ind-sdn-pact",
        title="India and Sudan in a pact",
        summary="A pact in Hanoi, as reported.",
        when=DateSpan.parse("2021-12-06", relative=True),
        actors=(Participant("IND", Role.INITIATOR), Participant("SDN", Role.RECIPIENT)),
        category=Category.AGREEMENT,
        modality=Modality.HAPPENED,
        score=6,
        citations=(Citation("a.txt", 3, "signed a defence pact in Hanoi"),),
        date_note="'on Monday' in an article of 8 December 2021",
        dataset=ANALYST_DATASET,
    )


def state(store: Store) -> tuple[object, ...]:
    """What the views read: events, documents and paragraphs, actors, search hits."""
    documents = [store.document(d.file_name) for d in store.documents()]
    searches = [store.rank_matches(w) for w in ("pact", "programme", "Hanoi", "exercise")]
    paragraphs = [store.search_paragraphs(w) for w in ("Hanoi", "programme")]
    return store.events(), documents, store.actors(), searches, paragraphs, store.counts()


def test_adding_an_event_writes_it_with_a_new_actor_and_an_audit_row(store: Store) -> None:
    event = sudan_event()
    store.apply_change(changes.new_event(event))
    assert store.event(event.id) == event
    sudan = next(a for a in store.actors() if a.code == "SDN")
    assert (sudan.name, sudan.region) == ("Sudan", "Middle East")  # countries.tsv's region
    (entry,) = store.audit_log(event.id)
    assert (entry.action, entry.old) == ("add", "")
    assert json.loads(entry.new)["actors"][1] == {"code": "SDN", "role": "recipient"}
    assert event.id in store.rank_matches("Sudan pact")  # full-text row written


def test_undo_and_redo_of_an_add(store: Store) -> None:
    before = state(store)
    change = changes.new_event(sudan_event())
    store.apply_change(change)
    store.apply_change(change, undo=True)
    assert store.event("ind-sdn-pact") is None
    store.apply_change(change, redo=True)
    assert store.event("ind-sdn-pact") == sudan_event()
    store.apply_change(change, undo=True)
    assert [e.action for e in store.audit_log("ind-sdn-pact")] == [
        "add", "undo add", "redo add", "undo add",
    ]  # fmt: skip
    # The actor added for the event stays (harmless), everything else is as before.
    events, documents, actors, searches, paragraphs, counts = state(store)
    assert (events, documents, searches, paragraphs, counts) == before[:2] + before[3:]
    assert [a.code for a in actors if a not in before[2]] == ["SDN"]  # type: ignore[operator]


def test_edit_and_its_undo_record_old_and_new(store: Store) -> None:
    old = store.event("ind-vnm-pact")
    assert old is not None
    new = dataclasses.replace(old, title="India and Vietnam seal a pact", score=7)
    change = changes.edit_event(old, new)
    store.apply_change(change)
    assert store.event(old.id) == new
    store.apply_change(change, undo=True)
    assert store.event(old.id) == old
    edit, undo = store.audit_log(old.id)
    assert (edit.action, json.loads(edit.old)["score"], json.loads(edit.new)["score"]) == (
        "edit", 6, 7,
    )  # fmt: skip
    assert (undo.action, json.loads(undo.new)["title"]) == ("undo edit", old.title)


def test_delete_and_undo_bring_back_every_row(store: Store) -> None:
    before = state(store)
    event = store.event("ind-rus-programme")
    assert event is not None
    change = changes.delete_event(event)
    store.apply_change(change)
    assert store.event(event.id) is None
    store.apply_change(change, undo=True)
    assert store.event(event.id) == event
    assert state(store) == before


def test_citations_added_and_removed_but_never_the_last(store: Store) -> None:
    event = store.event("ind-vnm-exercise")
    assert event is not None
    citation = Citation("b.txt", 2, "extended their programme")
    store.apply_change(changes.add_citation(event, citation))
    with_two = store.event(event.id)
    assert with_two is not None and with_two.citations[-1] == citation
    store.apply_change(changes.remove_citation(with_two, 0))
    with_one = store.event(event.id)
    assert with_one is not None and with_one.citations == (citation,)
    with pytest.raises(EditError, match="without a citation"):
        changes.remove_citation(with_one, 0)


def test_a_stale_change_is_refused_and_writes_nothing(store: Store) -> None:
    old = store.event("ind-vnm-pact")
    assert old is not None
    first = changes.edit_event(old, dataclasses.replace(old, score=1))
    second = changes.edit_event(old, dataclasses.replace(old, score=2))
    store.apply_change(first)
    with pytest.raises(EditError, match="has changed since"):
        store.apply_change(second)
    assert store.event(old.id) == dataclasses.replace(old, score=1)
    assert len(store.audit_log(old.id)) == 1


def test_a_failed_write_rolls_back_the_whole_change(store: Store) -> None:
    good = sudan_event()
    bad = dataclasses.replace(good, id="bad", citations=(Citation("a.txt", 99, "x"),))
    change = changes.Change(
        "two", (changes.EventChange(None, good), changes.EventChange(None, bad))
    )
    with pytest.raises(EditError, match="no paragraph 99"):
        store.apply_change(change)
    assert store.event(good.id) is None and store.audit_log() == []


def test_deleting_an_article_deletes_its_citations_and_the_events_left_without(
    store: Store,
) -> None:
    before = state(store)
    article = store.stored_article("a.txt")
    assert article is not None
    citing = store.events_citing("a.txt")
    assert sorted(e.id for e in citing) == ["ind-rus-programme", "ind-vnm-exercise", "ind-vnm-pact"]
    change = changes.delete_article(article, citing)
    store.apply_change(change)
    assert [d.file_name for d in store.documents()] == ["b.txt"]
    assert [e.id for e in store.events()] == ["ind-rus-programme"]  # it keeps b.txt
    remaining = store.event("ind-rus-programme")
    assert remaining is not None and [c.document for c in remaining.citations] == ["b.txt"]
    store.apply_change(change, undo=True)
    assert state(store) == before
    assert store.integrity_problems() == []


def test_a_load_of_the_curated_files_leaves_analyst_events_alone(
    store: Store, corpus_dir: Path
) -> None:
    store.apply_change(changes.new_event(sudan_event()))
    report = store.load(corpus_paths(sources=corpus_dir))
    assert report.removed == 0
    assert store.event("ind-sdn-pact") == sudan_event()


def _file_row(store: Store, key: str) -> tuple[object, ...] | None:
    with store.db.connect() as conn:
        row = conn.execute(
            "SELECT f.original_name, f.media_type, f.url, f.size, f.sha256, f.data, f.imported "
            "FROM document_files f JOIN documents d ON d.pk = f.document_pk "
            "WHERE d.file_name = ?",
            (key,),
        ).fetchone()
    return None if row is None else tuple(row)


def test_undoing_the_delete_of_an_imported_article_brings_back_its_original_file(
    store: Store,
) -> None:
    from tests.articles.makers import FIXTURES

    page = FIXTURES / "news_portal.html"
    key = store.import_article(page).key
    original = _file_row(store, key)
    assert original is not None and original[5] == page.read_bytes()
    article = store.stored_article(key)
    assert article is not None
    change = changes.delete_article(article, store.events_citing(key))

    store.apply_change(change)
    assert _file_row(store, key) is None and store.document(key) is None
    store.apply_change(change, undo=True)
    assert _file_row(store, key) == original  # bytes, name, URL, import time
    assert store.import_article(page).duplicate  # known again by its SHA-256
    assert store.article_url(key).startswith("https://www.example-times.in/")
    store.apply_change(change, redo=True)
    assert _file_row(store, key) is None
    store.apply_change(change, undo=True)
    assert _file_row(store, key) == original
    assert store.integrity_problems() == []
