"""Imported articles in the store, load leaving them alone, packages and round trips."""

from __future__ import annotations

import json
import os
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from tests.articles.makers import FIXTURES, text_pdf
from timeline_app.articles import ArticleError, MetaOverrides
from timeline_app.articles.package import OnConflict, PackageError
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
from timeline_app.export.events_io import to_json
from timeline_app.ingest.problems import ValidationFailed
from timeline_app.interchange import event_record
from timeline_app.services import Store, corpus_paths
from timeline_app.store import articles as stored
from timeline_app.store.collection import PackageConflicts

PORTAL = FIXTURES / "news_portal.html"
QUOTE = (
    "India and Vietnam on Tuesday signed an agreement to step up cooperation in maritime security"
)


@pytest.fixture
def store(tmp_path: Path, corpus_dir: Path) -> Store:
    store = Store.open(tmp_path / "mine.sqlite3")
    store.load(corpus_paths(sources=corpus_dir))
    return store


def _analyst_event(key: str, event_id: str = "ind-vnm-maritime", score: float = 5) -> Event:
    return Event(
        event_id, "India and Vietnam sign a maritime security pact", "Joint patrols, shared data.",
        DateSpan.parse("2023-09-12"), (Participant("IND", Role.PARTICIPANT),
        Participant("VNM", Role.PARTICIPANT)), Category.AGREEMENT, Modality.HAPPENED, score,
        (Citation(key, 1, QUOTE),), dataset=ANALYST_DATASET,
    )  # fmt: skip


def _add_events(store: Store, events: list[Event]) -> None:
    with store.db.sessions.begin() as session:
        stored.put_events(session, events)


def test_import_keeps_the_original_bytes_and_a_duplicate_adds_nothing(store: Store) -> None:
    first = store.import_article(PORTAL)
    assert not first.duplicate and first.key.startswith("imported/")
    with store.db.sessions.begin() as session:
        (file,) = stored.stored_files(session)
    assert file.data == PORTAL.read_bytes() and file.key == first.key
    before = store.counts()
    again = store.import_article(PORTAL, MetaOverrides(title="Other"))
    assert again.duplicate and again.key == first.key
    assert store.counts() == before and len(store.documents()) == 3
    found = store.document(first.key)
    assert found is not None and found[1][0].text.startswith(QUOTE)
    assert store.search_paragraphs("maritime")[0].document == first.key


def test_a_refused_file_writes_nothing(store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    with pytest.raises(ArticleError, match="empty"):
        store.import_article(bad)
    assert len(store.documents()) == 2


def test_correcting_metadata(store: Store) -> None:
    key = store.import_article(PORTAL).key
    meta = store.correct_article(
        key, MetaOverrides(outlet="Hindustan Example", published="2023-09")
    )
    assert meta.outlet == "Hindustan Example"
    document = next(d for d in store.documents() if d.file_name == key)
    assert document.outlet == "Hindustan Example" and document.published.start_text == "2023-09"
    assert store.article_url(key).startswith("https://www.example-times.in/")


def test_load_never_touches_imported_articles_or_analyst_events(
    store: Store, corpus_dir: Path
) -> None:
    key = store.import_article(PORTAL).key
    _add_events(store, [_analyst_event(key)])
    (corpus_dir / "events.yaml").write_text("[]\n", encoding="utf-8")
    report = store.load(corpus_paths(sources=corpus_dir))
    assert report.removed == 3
    assert [e.id for e in store.events()] == ["ind-vnm-maritime"]
    assert key in {d.file_name for d in store.documents()}


def test_events_survive_export_events_and_load(
    store: Store, tmp_path: Path, corpus_dir: Path
) -> None:
    """An imported article's event, exported as JSON, loads into a new database that
    has the same article: every field as it was (a load makes it a curated event)."""
    key = store.import_article(PORTAL).key
    event = _analyst_event(key)
    _add_events(store, [event])
    events_file = tmp_path / "all.json"
    events_file.write_text(to_json(store.events()), encoding="utf-8")

    other = Store.open(tmp_path / "theirs.sqlite3")
    assert other.import_article(PORTAL).key == key
    other.load(corpus_paths(events=events_file, sources=corpus_dir))
    theirs = {e.id: e for e in other.events()}
    assert len(theirs) == 4
    assert event_record(replace(theirs[event.id], dataset=ANALYST_DATASET)) == event_record(event)
    for mine in store.events():
        assert event_record(theirs[mine.id]) | {"dataset": ""} == event_record(mine) | {
            "dataset": ""
        }


def test_package_round_trip_into_a_new_database(store: Store, tmp_path: Path) -> None:
    key = store.import_article(PORTAL, MetaOverrides(outlet="Corrected Outlet")).key
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(text_pdf())
    store.import_article(pdf)
    _add_events(store, [_analyst_event(key)])
    package = tmp_path / "team.zip"
    assert store.export_package(package) == (2, 1)

    other = Store.open(tmp_path / "theirs.sqlite3")
    report = other.import_package(package)
    assert (report.articles_added, report.events_added) == (2, 1)
    assert other.events() == [e for e in store.events() if e.dataset == ANALYST_DATASET]
    mine = {d.file_name: d for d in store.documents() if d.file_name.startswith("imported/")}
    theirs = {d.file_name: d for d in other.documents()}
    assert mine == theirs
    for name in mine:
        assert store.document(name) == other.document(name)
        assert store.article_url(name) == other.article_url(name)
    with other.db.sessions.begin() as session:
        files = {f.key: f.data for f in stored.stored_files(session)}
    assert files[key] == PORTAL.read_bytes()
    # Importing the same package again changes nothing.
    again = other.import_package(package)
    assert (again.articles_added, again.events_added, again.events_unchanged) == (0, 0, 1)


def test_conflicts_stop_by_default_and_each_option_resolves(store: Store, tmp_path: Path) -> None:
    key = store.import_article(PORTAL).key
    _add_events(store, [_analyst_event(key)])
    package = tmp_path / "team.zip"
    store.export_package(package)
    other = Store.open(tmp_path / "theirs.sqlite3")
    other.import_package(package)
    _add_events(other, [_analyst_event(key, score=2)])  # their edit of the same event

    with pytest.raises(PackageConflicts) as caught:
        other.import_package(package)
    assert [str(c) for c in caught.value.conflicts] == [
        "event ind-vnm-maritime: same id, different content"
    ]
    assert other.event("ind-vnm-maritime").score == 2  # type: ignore[union-attr]

    other.import_package(package, OnConflict.SKIP)
    assert other.event("ind-vnm-maritime").score == 2  # type: ignore[union-attr]
    other.import_package(package, OnConflict.KEEP_BOTH)
    assert other.event("ind-vnm-maritime-2").score == 5  # type: ignore[union-attr]
    other.import_package(package, OnConflict.REPLACE)
    assert other.event("ind-vnm-maritime").score == 5  # type: ignore[union-attr]


def _rewrite(package: Path, change: dict[str, bytes]) -> None:
    with zipfile.ZipFile(package) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    members.update(change)
    with zipfile.ZipFile(package, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def _exported(store: Store, tmp_path: Path) -> tuple[Path, str]:
    key = store.import_article(PORTAL).key
    _add_events(store, [_analyst_event(key)])
    package = tmp_path / "team.zip"
    store.export_package(package)
    return package, key


def test_tampered_article_is_refused_with_nothing_written(store: Store, tmp_path: Path) -> None:
    package, key = _exported(store, tmp_path)
    name = "articles/" + key.split("/")[1]
    _rewrite(package, {name: PORTAL.read_bytes().replace(b"Tuesday", b"Monday")})
    other = Store.open(tmp_path / "theirs.sqlite3")
    with pytest.raises(PackageError, match=f"{name} has been changed"):
        other.import_package(package)
    assert other.documents() == [] and other.events() == []


def test_a_quote_not_verbatim_is_refused_with_nothing_written(store: Store, tmp_path: Path) -> None:
    package, _ = _exported(store, tmp_path)
    with zipfile.ZipFile(package) as zf:
        events = json.loads(zf.read("events.json"))
        manifest = json.loads(zf.read("manifest.json"))
    events[0]["sources"][0]["quote"] = "India and Vietnam on Monday signed"
    data = json.dumps(events).encode()
    import hashlib

    manifest["sha256"]["events.json"] = hashlib.sha256(data).hexdigest()
    _rewrite(package, {"events.json": data, "manifest.json": json.dumps(manifest).encode()})
    other = Store.open(tmp_path / "theirs.sqlite3")
    with pytest.raises(ValidationFailed, match="quote not found verbatim"):
        other.import_package(package)
    assert other.documents() == [] and other.events() == []


@pytest.mark.parametrize("member", ["../evil.txt", "/etc/passwd", "articles/../../x.html"])
def test_unexpected_or_traversing_members_are_refused(
    store: Store, tmp_path: Path, member: str
) -> None:
    package, _ = _exported(store, tmp_path)
    _rewrite(package, {member: b"x"})
    with pytest.raises(PackageError, match="unexpected member"):
        Store.open(tmp_path / "theirs.sqlite3").import_package(package)


def test_export_writes_atomically(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package, _ = _exported(store, tmp_path)
    before = package.read_bytes()

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("zipfile.ZipFile.writestr", fail)
    with pytest.raises(OSError):
        store.export_package(package)
    assert package.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_goes_through_safe_write(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package, _ = _exported(store, tmp_path)
    before = package.read_bytes()
    # Over the database it reads (or any SQLite file): refused, the database untouched.
    database = store.path.read_bytes()
    with pytest.raises(OSError, match="database"):
        store.export_package(store.path)
    assert store.path.read_bytes() == database
    # A disk that fills while the zip is written: the old package stays, nothing beside it.
    real_write = os.write

    def disk_full(fd: int, data: bytes) -> int:
        if fd > 2:
            raise OSError(28, os.strerror(28))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", disk_full)
    with pytest.raises(OSError, match="the old file is unchanged"):
        store.export_package(package)
    monkeypatch.undo()
    assert package.read_bytes() == before
    assert [p.name for p in package.parent.iterdir() if p.name.startswith(".")] == []
