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

from typing import TYPE_CHECKING

from timeline_app.search_text import search_words

if TYPE_CHECKING:
    from timeline_app.domain import Event

# An event's full-text row (rowid = the event's pk), written by the loader, the merge of
# a package and the edits made in the app, with these statements and ``event_text``.
# Named parameters: both SQLAlchemy's ``text()`` and sqlite3 take them.
DELETE_EVENT_TEXT = "DELETE FROM event_fts WHERE rowid = :pk"
INSERT_EVENT_TEXT = "INSERT INTO event_fts (rowid, title, summary, quotes) VALUES (:pk, :t, :s, :q)"


def event_text(pk: int, event: Event) -> dict[str, object]:
    """What the search reads of an event: its title, summary and quotes."""
    return {
        "pk": pk,
        "t": event.title,
        "s": event.summary,
        "q": "\n".join(c.quote for c in event.citations),
    }


def match_query(user_text: str, *, prefix_last: bool = True) -> str | None:
    """A MATCH expression for ``user_text``, or ``None`` if it holds no words."""
    tokens = search_words(user_text)
    if not tokens:
        return None
    quoted = ['"' + token.replace('"', '""') + '"' for token in tokens]
    if prefix_last:
        quoted[-1] += " *"
    return " ".join(quoted)
