"""Articles an analyst imports: plain text, saved web pages and PDFs, read into
the same paragraphs as the seeds, with metadata the analyst can correct.

Qt-free and store-free: ``read_article`` turns a file's bytes into an
``ImportedArticle`` or raises ``ArticleError`` naming the file and the reason.
"""

from timeline_app.articles.errors import MAX_ARTICLE_BYTES, ArticleError
from timeline_app.articles.metadata import ArticleMeta, MetaOverrides
from timeline_app.articles.reader import ImportedArticle, document_key, read_article

__all__ = [
    "MAX_ARTICLE_BYTES",
    "ArticleError",
    "ArticleMeta",
    "ImportedArticle",
    "MetaOverrides",
    "document_key",
    "read_article",
]
