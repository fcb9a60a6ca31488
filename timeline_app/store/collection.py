"""Use cases on the analyst's own collection: import an article, correct its
metadata, export and merge collection packages. Each runs in one transaction."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from timeline_app.articles import ArticleError, ImportedArticle, MetaOverrides, read_article
from timeline_app.articles.metadata import ArticleMeta
from timeline_app.articles.package import (
    OnConflict,
    PackageContents,
    PackagedArticle,
    read_package,
    write_package,
)
from timeline_app.domain import (
    ANALYST_DATASET,
    CURATED_DATASET,
    Actor,
    Document,
    Event,
    Paragraph,
)
from timeline_app.export.events_io import to_json
from timeline_app.ingest.corpus import SourceDocument, read_events
from timeline_app.ingest.problems import Problem, ValidationFailed
from timeline_app.interchange import fingerprint
from timeline_app.store import articles as stored
from timeline_app.store import repo
from timeline_app.store.db import Database
from timeline_app.store.orm import DocumentFileRow, DocumentRow


@dataclass(frozen=True)
class ArticleImport:
    article: ImportedArticle
    duplicate: bool  # the same bytes were already in the collection: nothing written
    key: str  # the key events cite (the earlier one for a duplicate)

    def record(self) -> dict[str, object]:
        """The ``import-article --json`` object."""
        meta = self.article.meta
        return {
            "document": self.key, "title": meta.title, "outlet": meta.outlet,
            "published": meta.published.start_text, "precision": meta.published.precision.value,
            "inferred": meta.inferred, "paragraphs": len(self.article.paragraphs),
            "boilerplate": self.article.boilerplate_count, "duplicate": self.duplicate,
        }  # fmt: skip


@dataclass(frozen=True)
class Conflict:
    kind: str  # "article" or "event"
    key: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind} {self.key}: {self.detail}"


class PackageConflicts(Exception):
    """Same ids, different content, and no choice made: nothing was written."""

    def __init__(self, conflicts: Sequence[Conflict]) -> None:
        self.conflicts = tuple(conflicts)
        super().__init__("\n".join(str(c) for c in conflicts))


@dataclass(frozen=True)
class MergeReport:
    articles_added: int
    articles_unchanged: int
    events_added: int
    events_unchanged: int
    conflicts: tuple[Conflict, ...]
    resolution: str

    def summary(self) -> str:
        text = (
            f"{self.articles_added} articles added, {self.articles_unchanged} already here; "
            f"{self.events_added} events added, {self.events_unchanged} already here"
        )
        if self.conflicts:
            text += f"; {len(self.conflicts)} conflicts resolved: {self.resolution}"
        return text


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def import_article(db: Database, path: Path, overrides: MetaOverrides) -> ArticleImport:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(path.name, f"cannot read the file ({exc.strerror})") from None
    article = read_article(data, path.name, overrides)
    with db.sessions.begin() as session:
        earlier = stored.find_by_sha256(session, article.sha256)
        if earlier is not None:
            return ArticleImport(article, True, earlier)
        stored.add_article(session, article, _now())
    return ArticleImport(article, False, article.key)


def correct_article(db: Database, key: str, overrides: MetaOverrides) -> ArticleMeta:
    """Apply the analyst's corrections to an imported article's metadata."""
    with db.sessions.begin() as session:
        row = session.scalars(select(DocumentRow).where(DocumentRow.file_name == key)).one()
        file_row = session.get(DocumentFileRow, row.pk)
        if file_row is None:
            raise ArticleError(key, "only imported articles can be corrected here")
        with db.connect() as conn:
            found = repo.document_with_paragraphs(conn, key)
        assert found is not None
        document, paragraphs = found
        meta = ArticleMeta(
            document.title, document.outlet, file_row.url, document.published,
            document.published_inferred, document.published_note,
        )  # fmt: skip
        meta = overrides.apply(meta)
        article = ImportedArticle(
            key, file_row.original_name, file_row.media_type, b"", file_row.sha256, meta,
            row.body, tuple(paragraphs), document.language,
            document.title_supplied or overrides.title is not None,
        )  # fmt: skip
        stored.update_metadata(session, article)
    return meta


def export_package(db: Database, target: Path) -> tuple[int, int]:
    """Imported articles and the events not from the curated files; (articles, events)."""
    with db.connect() as conn:
        events = [e for e in repo.events(conn) if e.dataset != CURATED_DATASET]
        documents = {d.file_name: d for d in repo.all_documents(conn)}
        actors = [a for a in repo.all_actors(conn) if any(a.code in _codes(e) for e in events)]
    with db.sessions.begin() as session:
        files = stored.stored_files(session)
        articles = [
            PackagedArticle(
                documents[f.key],
                f.url,
                f.original_name,
                f.media_type,
                f.data,
                stored.stored_body(session, f.key),
            )
            for f in files
        ]
    write_package(target, articles, actors, to_json(events), _now(), protected=[db.path])
    return len(articles), len(events)


def _codes(event: Event) -> set[str]:
    return {p.code for p in event.actors}


def import_package(db: Database, path: Path, on_conflict: OnConflict | None) -> MergeReport:
    contents = read_package(path)
    with db.sessions.begin() as session:
        return _merge(db, session, contents, path.name, on_conflict)


def _merge(
    db: Database,
    session: Session,
    contents: PackageContents,
    package_name: str,
    on_conflict: OnConflict | None,
) -> MergeReport:
    with db.connect() as conn:
        here_documents = {d.file_name: d for d in repo.all_documents(conn)}
        here_actors = {a.code: a for a in repo.all_actors(conn)}
        here_events = {e.id: e for e in repo.events(conn)}
    here_urls = {f.key: f.url for f in stored.stored_files(session)}
    conflicts: list[Conflict] = []
    new_articles: list[PackagedArticle] = []
    replaced_articles: list[PackagedArticle] = []
    unchanged_articles = 0
    for article in contents.articles:
        mine = here_documents.get(article.document.file_name)
        if mine is None:
            new_articles.append(article)
        elif mine == article.document and here_urls.get(mine.file_name) == article.url:
            unchanged_articles += 1
        else:
            conflicts.append(
                Conflict(
                    "article",
                    mine.file_name,
                    f"metadata differs (here: {mine.title!r}, "
                    f"{mine.published.start_text}; package: {article.document.title!r}, "
                    f"{article.document.published.start_text})",
                )
            )
            replaced_articles.append(article)
    events = _validated_events(session, contents, new_articles, here_documents, here_actors,
                               package_name)  # fmt: skip
    to_write: list[Event] = []
    unchanged_events = 0
    for event in events:
        mine_event = here_events.get(event.id)
        if mine_event is None:
            to_write.append(event)
        elif fingerprint(mine_event) == fingerprint(event):
            unchanged_events += 1
        else:
            conflicts.append(Conflict("event", event.id, "same id, different content"))
            if on_conflict is OnConflict.REPLACE:
                to_write.append(event)
            elif on_conflict is OnConflict.KEEP_BOTH:
                to_write.append(replace(event, id=_free_id(event.id, here_events)))
    if conflicts and on_conflict is None:
        raise PackageConflicts(conflicts)
    for article in new_articles:
        stored.add_article(session, _as_imported(article), _now())
    if on_conflict is OnConflict.REPLACE:
        for article in replaced_articles:
            stored.update_metadata(session, _as_imported(article))
    stored.ensure_actors(session, contents.actors)
    stored.put_events(session, to_write)
    return MergeReport(
        len(new_articles), unchanged_articles, len(to_write), unchanged_events,
        tuple(conflicts), on_conflict.value if on_conflict else "",
    )  # fmt: skip


def _free_id(event_id: str, taken: dict[str, Event]) -> str:
    n = 2
    while f"{event_id}-{n}" in taken:
        n += 1
    return f"{event_id}-{n}"


def _as_imported(article: PackagedArticle) -> ImportedArticle:
    from timeline_app.ingest.paragraphs import split_paragraphs

    doc = article.document
    meta = ArticleMeta(doc.title, doc.outlet, article.url, doc.published,
                       doc.published_inferred, doc.published_note)  # fmt: skip
    paragraphs = _paragraphs_as_packaged(article, split_paragraphs(doc.file_name, article.body))
    return ImportedArticle(
        doc.file_name, article.original_name, article.media_type, article.data,
        doc.content_hash, meta, article.body, paragraphs, doc.language, doc.title_supplied,
    )  # fmt: skip


def _paragraphs_as_packaged(
    article: PackagedArticle, paragraphs: list[Paragraph]
) -> tuple[Paragraph, ...]:
    """Furniture marks are recomputed from the text with the bundled rules."""
    from timeline_app.articles.furniture import bundled_rules

    rules = bundled_rules()
    return tuple(replace(p, boilerplate=p.boilerplate or rules.matches(p.text)) for p in paragraphs)


def _validated_events(
    session: Session,
    contents: PackageContents,
    new_articles: list[PackagedArticle],
    here_documents: dict[str, Document],
    here_actors: dict[str, Actor],
    package_name: str,
) -> list[Event]:
    """The package's events, checked like the loader checks the curated file (quotes
    verbatim in their paragraph, known actors and documents); raises
    ``ValidationFailed`` naming every problem, with nothing written."""
    cited = {s["document"] for e in json.loads(contents.events_json) for s in e.get("sources", [])}
    here_paragraphs = stored.paragraphs_of(session, cited & set(here_documents))
    sources = [
        SourceDocument(here_documents[key], "", tuple(paragraphs))
        for key, paragraphs in here_paragraphs.items()
    ]
    for article in new_articles:
        imported = _as_imported(article)
        sources.append(SourceDocument(imported.document, imported.body, imported.paragraphs))
    actors = {**here_actors, **{a.code: a for a in contents.actors if a.code not in here_actors}}
    problems: list[Problem] = []
    datasets = {
        e["id"]: e.get("dataset") or ANALYST_DATASET for e in json.loads(contents.events_json)
    }
    with tempfile.TemporaryDirectory(prefix="package-events-") as folder:
        events_file = Path(folder) / "events.json"
        events_file.write_text(contents.events_json, encoding="utf-8")
        events = read_events(events_file, actors, sources, problems)
    if problems:
        raise ValidationFailed(
            [Problem(f"{package_name}:events.json", p.line, p.message) for p in problems]
        )
    return [replace(e, dataset=datasets.get(e.id, ANALYST_DATASET)) for e in events]
