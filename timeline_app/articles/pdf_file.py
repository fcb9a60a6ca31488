"""PDF text by pypdf (pure Python, small, well kept); imported only when a PDF is read."""

from __future__ import annotations

import io
import logging

from timeline_app.articles.errors import ArticleError


def read_pdf(data: bytes, file: str) -> tuple[list[str], str]:
    """(paragraphs, the PDF's own title or ""). A PDF's text layer has lines, not
    paragraphs: a line ends its paragraph when it is blank, ends a sentence, or is
    clearly shorter than the page's full lines (a headline, a dateline, a last line)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not the user's
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ArticleError(file, "the PDF is encrypted; save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = str(reader.metadata.title or "") if reader.metadata is not None else ""
    except ArticleError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ArticleError(file, f"cannot read this PDF ({exc})") from None
    paragraphs: list[str] = []
    current: list[str] = []
    for page_text in pages:
        lines = page_text.splitlines()
        full = max((len(" ".join(line.split())) for line in lines), default=0)
        for line in lines:
            stripped = " ".join(line.split())
            if not stripped:
                if current:
                    paragraphs.append(" ".join(current))
                    current = []
                continue
            current.append(stripped)
            short = len(stripped) < 0.75 * full and not stripped.endswith(("-", ","))
            if short or stripped.endswith((".", "!", "?", '"', "”", ":")):
                paragraphs.append(" ".join(current))
                current = []
        if current:  # a page break ends a paragraph
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs, " ".join(title.split())
