"""What a search uses of the text typed (or pasted) into the search box.

A page pasted into the search box (thousands of words) made each search an AND of
thousands of FTS5 phrases over the events and every paragraph, and of as many
substring tests over a million bulk events' URLs: the search stayed busy for
minutes. A search uses its first ``MAX_SEARCH_WORDS`` words within its first
``MAX_SEARCH_CHARS`` characters. ``filters.build_filter`` cuts the text to that and
says so in the filter bar; ``store.fts.match_query`` applies the same cap to any
text it is given. Qt-free and dependency-free, so every layer may use it.
"""

from __future__ import annotations

import re

# Split on whitespace and on the characters FTS5's unicode61 tokenizer treats as
# separators anyway; what remains are the words the user meant.
_TOKEN_RE = re.compile(r"\w+(?:['\u2019]\w+)*")

# A long search is a sentence or two (a quote to find); 32 words and 512 characters
# hold one, and run in milliseconds.
MAX_SEARCH_WORDS = 32
MAX_SEARCH_CHARS = 512


def search_words(user_text: str) -> list[str]:
    """The words a search uses: at most ``MAX_SEARCH_WORDS`` of the first
    ``MAX_SEARCH_CHARS`` characters (the regex never sees the rest)."""
    return _TOKEN_RE.findall(user_text[:MAX_SEARCH_CHARS])[:MAX_SEARCH_WORDS]


def cap_search_text(user_text: str) -> tuple[str, str | None]:
    """``user_text`` cut to what a search uses, and a note for the user when it was cut
    (``None`` when nothing was)."""
    text = user_text[:MAX_SEARCH_CHARS]
    words = list(_TOKEN_RE.finditer(text))
    if len(words) > MAX_SEARCH_WORDS:
        text = text[: words[MAX_SEARCH_WORDS - 1].end()]
    elif len(text) == len(user_text):
        return user_text, None
    return text, (
        f"search uses its first {MAX_SEARCH_WORDS} words ({MAX_SEARCH_CHARS} characters "
        "at most); the rest is ignored"
    )
