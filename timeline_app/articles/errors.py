"""The one error an import raises, and the limits it enforces."""

from __future__ import annotations

# A saved news page is rarely above 2 MB and a long report PDF about 10 MB; anything
# bigger is almost certainly the wrong file, and would sit whole in the database.
MAX_ARTICLE_BYTES = 25 * 1024 * 1024


class ArticleError(Exception):
    """A file that cannot be imported as an article; ``str()`` names file and reason."""

    def __init__(self, file: str, reason: str) -> None:
        self.file = file
        self.reason = reason
        super().__init__(f"{file}: {reason}")
