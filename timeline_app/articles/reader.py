"""One file in, one article out: type, text, paragraphs, furniture, metadata, key."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date
from pathlib import PurePath

from timeline_app.articles.errors import MAX_ARTICLE_BYTES, ArticleError
from timeline_app.articles.furniture import FurnitureRules, bundled_rules
from timeline_app.articles.metadata import ArticleMeta, MetaOverrides, infer_date
from timeline_app.articles.plain_text import decode_text, looks_binary
from timeline_app.dates import DateError
from timeline_app.domain import Document, Paragraph
from timeline_app.ingest.paragraphs import split_paragraphs

KEY_PREFIX = "imported/"
_KINDS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf",
}  # fmt: skip
_EXTENSION = {"text": "txt", "html": "html", "pdf": "pdf"}
MEDIA_TYPES = {"text": "text/plain", "html": "text/html", "pdf": "application/pdf"}
# Below this much article text (furniture aside) a file holds no article: an index
# page, a login wall, a PDF of scanned images without a text layer.
MIN_ARTICLE_WORDS = 40
MIN_LONGEST_PARAGRAPH_WORDS = 12


@dataclass(frozen=True)
class ImportedArticle:
    key: str  # how events cite it: sources[].document
    original_name: str
    media_type: str
    data: bytes  # the file, byte for byte
    sha256: str
    meta: ArticleMeta
    body: str  # the text the paragraphs index into
    paragraphs: tuple[Paragraph, ...]
    language: str = ""
    title_supplied: bool = False  # the title was given, not printed in the file

    @property
    def document(self) -> Document:
        return Document(
            self.key, self.meta.title, self.title_supplied, self.meta.outlet,
            self.meta.published, self.meta.inferred, self.meta.note, self.language, self.sha256,
        )  # fmt: skip

    @property
    def boilerplate_count(self) -> int:
        return sum(p.boilerplate for p in self.paragraphs)


def document_key(data: bytes, kind: str) -> str:
    """A stable name from the content: the same bytes always get the same key."""
    return f"{KEY_PREFIX}{hashlib.sha256(data).hexdigest()[:16]}.{_EXTENSION[kind]}"


def file_kind(name: str, data: bytes) -> str:
    """text, html or pdf: by the name's extension, else by the first bytes."""
    kind = _KINDS.get(PurePath(name).suffix.lower())
    if kind is not None:
        return kind
    head = data[:1024].lstrip().lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "html"
    return "text"


def read_article(
    data: bytes,
    name: str,
    overrides: MetaOverrides = MetaOverrides(),
    *,
    rules: FurnitureRules | None = None,
    today: date | None = None,
) -> ImportedArticle:
    """Read ``data`` (the file called ``name``); raises ``ArticleError`` on any refusal."""
    file = PurePath(name).name
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            file,
            f"too large to be an article ({len(data) / 1e6:.1f} MB; "
            f"the limit is {MAX_ARTICLE_BYTES // (1024 * 1024)} MB)",
        )
    if not data.strip():
        raise ArticleError(file, "the file is empty")
    kind = file_kind(name, data)
    if kind == "pdf" and not data.startswith(b"%PDF-"):
        raise ArticleError(file, "named .pdf but is not a PDF file")
    if kind != "pdf" and looks_binary(data):
        raise ArticleError(file, "a binary file, not text, a web page or a PDF")
    rules = rules or bundled_rules()
    today = today or date.today()
    language = ""
    if kind == "text":
        body = decode_text(data, file)[0]
        meta = _meta_from_blocks(_lines(body), file, today, title="", outlet="", url="")
    elif kind == "html":
        from timeline_app.articles.html_page import read_html

        blocks, page = read_html(data, file)
        body = _join(blocks)
        meta = _meta_from_blocks(blocks, file, today, page.title, page.outlet, page.url)
        if page.published is not None:
            meta = replace(meta, published=page.published, inferred=False)
        meta = replace(meta, note=_page_note(page.sources, meta.note, page.published is None))
    else:
        from timeline_app.articles.pdf_file import read_pdf

        blocks, pdf_title = read_pdf(data, file)
        body = _join(blocks)
        meta = _meta_from_blocks(blocks, file, today, pdf_title, "", "")
    key = document_key(data, kind)
    paragraphs = [
        replace(p, boilerplate=p.boilerplate or rules.matches(p.text))
        for p in split_paragraphs(key, body)
    ]
    _require_article(file, paragraphs)
    title_supplied = not meta.title
    if not meta.title:  # never empty: the first line of article text stands in
        first = next(p.text for p in paragraphs if not p.boilerplate)
        meta = replace(meta, title=first if len(first) <= 90 else first[:89] + "…")
    if overrides.title is not None:
        title_supplied = True
    try:
        meta = overrides.apply(meta)
    except DateError as exc:
        raise ArticleError(file, f"--published: {exc}") from None
    return ImportedArticle(
        key=key,
        original_name=file,
        media_type=MEDIA_TYPES[kind],
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        meta=meta,
        body=body,
        paragraphs=tuple(paragraphs),
        language=language,
        title_supplied=title_supplied,
    )


def _lines(body: str) -> list[str]:
    return [" ".join(line.split()) for line in body.splitlines() if line.strip()]


def _join(blocks: list[str]) -> str:
    """One paragraph a line, blank lines between: ``split_paragraphs`` reads it back."""
    return "".join(f"{block}\n\n" for block in blocks)


def _meta_from_blocks(
    blocks: list[str], file: str, today: date, title: str, outlet: str, url: str
) -> ArticleMeta:
    published, note = infer_date(blocks, today)
    return ArticleMeta(title, outlet, url, published, True, note)


def _page_note(sources: tuple[str, ...], date_note: str, date_inferred: bool) -> str:
    said = "; ".join(sources)
    parts = [f"From the page's tags: {said}." if said else ""]
    if date_inferred:
        parts.append(date_note)
    return " ".join(p for p in parts if p)


def _require_article(file: str, paragraphs: list[Paragraph]) -> None:
    article = [p.text for p in paragraphs if not p.boilerplate]
    words = [len(text.split()) for text in article]
    if sum(words) < MIN_ARTICLE_WORDS or max(words, default=0) < MIN_LONGEST_PARAGRAPH_WORDS:
        raise ArticleError(
            file,
            f"no article text found ({sum(words)} words outside menus and page furniture); "
            "save the article's own page, or a text copy of it",
        )
