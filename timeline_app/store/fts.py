"""Making user text safe for FTS5 ``MATCH``.

Raw user text in MATCH raises errors (``US-China`` parses as a column filter,
``AND`` as an operator, an unbalanced ``"`` as a syntax error). Every token is
wrapped in double quotes (inner quotes doubled), so it is matched as a literal
string; tokens are ANDed, and the last one is a prefix search so results follow
the user's typing.
"""

from __future__ import annotations

import re

# Split on whitespace and on the characters FTS5's unicode61 tokenizer treats as
# separators anyway; what remains are the words the user meant.
_TOKEN_RE = re.compile(r"\w+(?:['\u2019]\w+)*")


def match_query(user_text: str, *, prefix_last: bool = True) -> str | None:
    """A MATCH expression for ``user_text``, or ``None`` if it holds no words."""
    tokens = _TOKEN_RE.findall(user_text)
    if not tokens:
        return None
    quoted = ['"' + token.replace('"', '""') + '"' for token in tokens]
    if prefix_last:
        quoted[-1] += " *"
    return " ".join(quoted)
