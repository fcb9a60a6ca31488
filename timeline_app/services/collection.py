"""Collection use cases: the analyst's own articles (imported from files, their details
corrected) and packages that carry articles and events from one analyst to another.

``store.collection`` and the article readers are imported inside the methods: viewing
needs neither.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from timeline_app.services.database import OpenDatabase

if TYPE_CHECKING:
    from timeline_app.articles import ArticleMeta, MetaOverrides
    from timeline_app.articles.package import OnConflict
    from timeline_app.store.collection import ArticleImport, MergeReport


class Collection(OpenDatabase):
    """Imported articles and shared packages."""

    def import_article(self, path: Path, overrides: MetaOverrides | None = None) -> ArticleImport:
        """Read one file and add it in one transaction; the same bytes twice are
        reported as a duplicate and nothing is written (``ArticleError`` on refusal)."""
        from timeline_app.articles import MetaOverrides
        from timeline_app.store import collection

        return collection.import_article(self.db, path, overrides or MetaOverrides())

    def correct_article(self, key: str, overrides: MetaOverrides) -> ArticleMeta:
        """Set an imported article's title, outlet, URL or publication date."""
        from timeline_app.store import collection

        return collection.correct_article(self.db, key, overrides)

    def article_url(self, key: str) -> str:
        with self.db.connect() as conn:
            row = conn.execute(
                "SELECT f.url FROM document_files f JOIN documents d ON d.pk = f.document_pk "
                "WHERE d.file_name = ?",
                (key,),
            ).fetchone()
        return "" if row is None else str(row[0])

    def export_package(self, target: Path) -> tuple[int, int]:
        """Write imported articles and non-curated events to a package; (articles, events)."""
        from timeline_app.store import collection

        return collection.export_package(self.db, target)

    def import_package(self, path: Path, on_conflict: OnConflict | None = None) -> MergeReport:
        """Merge a package in one transaction; ``PackageConflicts`` when ids clash and
        no choice was given, ``PackageError``/``ValidationFailed`` when it is not intact."""
        from timeline_app.store import collection

        return collection.import_package(self.db, path, on_conflict)
