"""Making user text safe for FTS5 ``MATCH``.

Raw user text in MATCH raises errors (``US-China`` parses as a column filter,
``AND`` as an operator, an unbalanced ``"`` as a syntax error). Every token is
wrapped in double quotes (inner quotes doubled), so it is matched as a literal
string; tokens are ANDed, and the last one is a prefix search so results follow
the user's typing.

What reaches FTS5 is capped (``search_text.search_words``): a page pasted into the
search box used to make each search an AND of thousands of phrases.
"""

from __future__ import annotations

from timeline_app.search_text import search_words


def match_query(user_text: str, *, prefix_last: bool = True) -> str | None:
    """A MATCH expression for ``user_text``, or ``None`` if it holds no words."""
    tokens = search_words(user_text)
    if not tokens:
        return None
    quoted = ['"' + token.replace('"', '""') + '"' for token in tokens]
    if prefix_last:
        quoted[-1] += " *"
    return " ".join(quoted)
