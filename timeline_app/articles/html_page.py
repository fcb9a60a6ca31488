"""Web pages saved from a browser: the article's text by readability-lxml, the
metadata from the page's own tags.

Why readability-lxml (docs/extractors.md has the comparison): on our saved-page
fixtures it kept every article paragraph, and it keeps the furniture that sits
inside the article (captions, "Read:" links, share lines), which we then mark as
boilerplate instead of losing it silently. Its metadata is the title only, so the
outlet, URL and date come from the tags publishers write for search engines and
social sites (Open Graph, JSON-LD, ``<time>``), which says where each came from.
Imported lazily: only importing an article needs it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from timeline_app.articles.errors import ArticleError
from timeline_app.articles.metadata import parse_published
from timeline_app.articles.plain_text import decode_text
from timeline_app.dates import DateSpan

_BLOCK_TAGS = frozenset(
    {
        "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption",
        "pre", "td", "th", "dd", "dt", "section", "article", "header", "footer", "aside",
        "tr", "br",
    }
)  # fmt: skip
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class PageMeta:
    title: str
    outlet: str
    url: str
    published: DateSpan | None
    sources: tuple[str, ...]  # "title from og:title" ...: where each value came from


def _decode(data: bytes, file: str) -> str:
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace")
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, file)[0]


def read_html(data: bytes, file: str) -> tuple[list[str], PageMeta]:
    """The article's paragraphs (text blocks in reading order) and the page's metadata."""
    import lxml.html
    from readability import Document as Readable

    text = _decode(data, file)
    try:
        page = lxml.html.document_fromstring(text)
        readable = Readable(text)
        summary = readable.summary(html_partial=True)
    except Exception as exc:  # lxml and readability raise many kinds on broken markup
        raise ArticleError(file, f"cannot read this web page ({exc})") from None
    blocks = _blocks(lxml.html.fragment_fromstring(summary, create_parent="div"))
    return blocks, _metadata(page, data, readable.short_title())


def _blocks(root: Any) -> list[str]:
    """Each block element's own text as one paragraph, in document order."""
    pieces: list[str] = []
    current: list[str] = []

    def flush() -> None:
        joined = " ".join(" ".join(current).split())
        if joined:
            pieces.append(joined)
        current.clear()

    def walk(element: Any) -> None:
        is_block = isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS
        if is_block:
            flush()
        if element.text and isinstance(element.tag, str):
            current.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if is_block:
            flush()

    walk(root)
    flush()
    return pieces


def _metadata(page: Any, raw: bytes, fallback_title: str) -> PageMeta:
    def meta(*names: str) -> tuple[str, str]:
        for name in names:
            for attr in ("property", "name", "itemprop"):
                found = page.xpath(f'//meta[@{attr}="{name}"]/@content')
                if found and str(found[0]).strip():
                    return " ".join(str(found[0]).split()), name
        return "", ""

    ld = _json_ld(page)
    sources: list[str] = []
    title, where = meta("og:title", "twitter:title")
    if not title and isinstance(ld.get("headline"), str):
        title, where = " ".join(ld["headline"].split()), "JSON-LD headline"
    if not title:
        title, where = " ".join(fallback_title.split()), "the page title"
    sources.append(f"title from {where}")

    outlet, where = meta("og:site_name", "application-name")
    publisher = ld.get("publisher")
    if not outlet and isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        outlet, where = publisher["name"].strip(), "JSON-LD publisher"

    url, url_where = meta("og:url")
    if not url:
        canonical = page.xpath('//link[@rel="canonical"]/@href')
        url, url_where = (str(canonical[0]).strip(), "canonical link") if canonical else ("", "")
    if not url:
        saved = _SAVED_FROM.search(raw[:2048])
        if saved:
            url, url_where = saved.group(1).decode("utf-8", "replace"), "browser's saved-from line"
    if url:
        sources.append(f"URL from {url_where}")
    if not outlet and url:
        outlet, where = urlparse(url).netloc.removeprefix("www."), "the URL's host"
    if outlet:
        sources.append(f"outlet from {where}")

    published: DateSpan | None = None
    stamp, where = meta("article:published_time", "datePublished", "pubdate", "date")
    if not stamp and isinstance(ld.get("datePublished"), str):
        stamp, where = ld["datePublished"], "JSON-LD datePublished"
    if not stamp:
        times = page.xpath("//time[@datetime]/@datetime")
        stamp, where = (str(times[0]), "the first <time> tag") if times else ("", "")
    if stamp:
        published = parse_published(stamp)
        if published is not None:
            sources.append(f"date from {where} ({stamp.strip()})")
    return PageMeta(title, outlet, url, published, tuple(sources))


def _json_ld(page: Any) -> dict[str, Any]:
    """The first schema.org article object in the page's JSON-LD, if any."""
    for script in page.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        candidates = data if isinstance(data, list) else data.get("@graph", [data])
        for item in candidates:
            if isinstance(item, dict) and "Article" in str(item.get("@type", "")):
                return item
    return {}
