"""Reading article files: saved pages, PDF, text in UTF-8 and Windows-1252, bad input."""

from __future__ import annotations

from datetime import date

import pytest

from tests.articles.makers import CP1252_TEXT, FIXTURES, text_pdf
from timeline_app.articles import (
    MAX_ARTICLE_BYTES,
    ArticleError,
    MetaOverrides,
    document_key,
    read_article,
)
from timeline_app.dates import Precision

TODAY = date(2026, 1, 15)


def _page(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def _texts(article, *, furniture: bool) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in article.paragraphs if p.boilerplate is furniture]


def test_news_portal_page_keeps_article_and_reads_metadata_from_tags() -> None:
    article = read_article(_page("news_portal.html"), "news_portal.html", today=TODAY)
    text = _texts(article, furniture=False)
    assert text[0].startswith("India and Vietnam on Tuesday signed an agreement")
    assert text[-1].startswith("Vietnam has been one of India's closest partners")
    assert len(text) == 5
    joined = " ".join(text)
    for furniture in ("Trending News", "Sign In", "31°C", "Copyright", "Facebook"):
        assert furniture not in joined
    assert _texts(article, furniture=True) == [
        "Also Read: Quad foreign ministers to meet in New York next week"
    ]
    meta = article.meta
    assert meta.title == "India, Vietnam sign pact on maritime security"
    assert meta.outlet == "Example Times"
    assert meta.url.startswith("https://www.example-times.in/world/india-vietnam")
    assert meta.published.start == date(2023, 9, 12)
    assert meta.published.precision is Precision.DAY
    assert meta.inferred is False
    assert "article:published_time" in meta.note


def test_wordpress_page_marks_share_widgets_captions_and_read_links() -> None:
    article = read_article(_page("wordpress_blog.html"), "wordpress_blog.html", today=TODAY)
    furniture = _texts(article, furniture=True)
    assert "Spread the love" in furniture
    assert any(t.startswith("Share on Facebook") for t in furniture)
    assert "An S-400 launcher on display near Moscow. Photo: Reuters" in furniture
    assert any(t.startswith("Read: India's S-400") for t in furniture)
    assert len(_texts(article, furniture=False)) == 5
    assert article.meta.outlet == "Defence Review Asia"
    assert article.meta.published.start == date(2021, 12, 7)
    # Furniture keeps its ordinal: the article reads whole and quotes keep their numbers.
    assert [p.ordinal for p in article.paragraphs] == list(range(1, 10))


def test_page_without_tags_infers_the_date_from_its_dateline() -> None:
    article = read_article(_page("plain_site.html"), "plain_site.html", today=TODAY)
    assert article.meta.title == "China and Pakistan agree to speed up CPEC projects"
    assert article.meta.published.start == date(2022, 3, 14)
    assert article.meta.inferred is True
    assert "14 March 2022" in article.meta.note
    furniture = _texts(article, furniture=True)
    assert any(t.startswith("Photo: Wang Yi") for t in furniture)
    assert any(t.startswith("Share this story") for t in furniture)


def test_pdf_text_is_read_into_paragraphs() -> None:
    article = read_article(text_pdf(), "report.pdf", today=TODAY)
    texts = _texts(article, furniture=False)
    assert any(t.startswith("Japan and the Philippines agreed on Thursday") for t in texts)
    assert any("coast guard cooperation in the South China Sea." in t for t in texts)
    assert article.key.endswith(".pdf") and article.media_type == "application/pdf"
    assert article.meta.published.start == date(2022, 11, 17) and article.meta.inferred


def test_windows_1252_text_is_recognised_and_decoded() -> None:
    data = CP1252_TEXT.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    article = read_article(data, "aegean.txt", today=TODAY)
    joined = " ".join(p.text for p in article.paragraphs)
    assert "“positive”" in joined and "café" in joined and "–" in joined
    assert article.data == data  # the original bytes, not the decoded text


def test_undecodable_text_names_the_byte_and_offset() -> None:
    data = ("A long enough English sentence about the talks. " * 5).encode() + b"\x81\x8d\x8f\x90"
    with pytest.raises(ArticleError, match=r"byte 0x81 at offset 240"):
        read_article(data, "odd.txt", today=TODAY)


def test_utf8_text_without_a_date_stands_in_the_import_day() -> None:
    body = "India and Japan held talks on trade. " * 8 + "\n\nThey agreed to meet again soon.\n"
    article = read_article(body.encode(), "talks.txt", today=TODAY)
    assert article.meta.published.start == TODAY and article.meta.inferred
    assert "No publication date found" in article.meta.note
    assert article.title_supplied  # the first line stands in for the missing title


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "empty.txt", "the file is empty"),
        (b"  \n\n ", "blank.txt", "the file is empty"),
        (bytes(range(256)) * 40, "photo.jpg", "a binary file"),
        (b"not a pdf at all", "fake.pdf", "not a PDF"),
        (_page("no_article.html"), "index.html", "no article text found"),
        (b"Short note.\n", "note.txt", "no article text found"),
    ],
)
def test_bad_files_are_refused_with_file_and_reason(data: bytes, name: str, reason: str) -> None:
    with pytest.raises(ArticleError, match=reason) as caught:
        read_article(data, name, today=TODAY)
    assert caught.value.file == name


def test_huge_file_is_refused_before_it_is_read() -> None:
    data = b"a " * (MAX_ARTICLE_BYTES // 2 + 1)
    with pytest.raises(ArticleError, match=r"too large .* the limit is 25 MB"):
        read_article(data, "huge.txt", today=TODAY)


def test_overrides_replace_metadata_and_a_bad_date_is_refused() -> None:
    overrides = MetaOverrides(
        title="My title", outlet="Dawn", url="https://x.example/a", published="2022-03"
    )
    article = read_article(_page("plain_site.html"), "p.html", overrides, today=TODAY)
    meta = article.meta
    assert (meta.title, meta.outlet, meta.url) == ("My title", "Dawn", "https://x.example/a")
    assert meta.published.precision is Precision.MONTH and not meta.inferred
    assert article.title_supplied
    with pytest.raises(ArticleError, match="--published"):
        read_article(_page("plain_site.html"), "p.html", MetaOverrides(published="2022-13"))


def test_key_is_stable_and_follows_the_content() -> None:
    data = _page("news_portal.html")
    assert read_article(data, "a.html").key == read_article(data, "b.htm").key
    assert read_article(data, "a.html").key == document_key(data, "html")
    assert document_key(data + b" ", "html") != document_key(data, "html")
