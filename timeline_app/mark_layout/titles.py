"""Titles measured and shortened to a width: the text side of placing marks.

The width of a text is measured by the caller (``Measure``: Qt's font metrics on
screen, a plain function in tests), so everything here stays pure.
"""

from __future__ import annotations

from collections.abc import Callable

Measure = Callable[[str], float]  # text -> width in pixels

ELLIPSIS = "…"
MIN_LABEL_CHARS = 6  # a shortened title keeps at least this many characters


def shorten(text: str, width: float, measure: Measure) -> str:
    """The longest prefix of ``text`` (plus an ellipsis) that fits ``width``; "" if even
    ``MIN_LABEL_CHARS`` characters do not fit."""
    if measure(text) <= width:
        return text
    lo, hi = MIN_LABEL_CHARS, len(text) - 1
    if hi < lo or measure(text[:lo].rstrip() + ELLIPSIS) > width:
        return ""
    while lo < hi:  # the largest k whose prefix fits
        mid = (lo + hi + 1) // 2
        if measure(text[:mid].rstrip() + ELLIPSIS) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS
