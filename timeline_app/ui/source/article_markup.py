"""The article as markup for the source pane's browser.

Every piece of article text is untrusted: it goes through ``html.escape`` into
markup written here, never as markup of its own.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from timeline_app.domain import Citation, Paragraph
from timeline_app.ui.theme import Theme

CITED_ANCHOR = "cited"
_GUTTER_PX = 40
_BAR_PX = 4
# The quote must stand out inside the already highlighted paragraph; the theme has
# one highlight fill, so the stronger tone is chosen here for each background.
_QUOTE_FILL = {False: "#ffd54f", True: "#8a6d12"}


def escaped_tooltip(text: str) -> str:
    """Tooltips auto-detect rich text, so wrap escaped text in markup we control."""
    return f"<p>{html.escape(text)}</p>" if text else ""


def message_html(text: str, theme: Theme) -> str:
    return (
        f'<p align="center" style="margin-top:48px; color:{theme.muted_text}">'
        f"{html.escape(text)}</p>"
    )


def _quote_markup(text: str, quote: str, fill: str) -> str:
    """Escape before, quote and after separately so offsets refer to the raw text."""
    at = text.find(quote) if quote else -1
    if at < 0:  # the paragraph is highlighted anyway; nothing more precise to mark
        return html.escape(text)
    before, after = text[:at], text[at + len(quote) :]
    return (
        f"{html.escape(before)}"
        f'<span style="font-weight:700; background-color:{fill}">{html.escape(quote)}</span>'
        f"{html.escape(after)}"
    )


def article_html(paragraphs: Sequence[Paragraph], citation: Citation | None, theme: Theme) -> str:
    """The article as one table: a muted ¶ gutter, a bar column, the paragraph text.

    With a citation its paragraph is highlighted and its quote marked; without one
    (an article opened to read, not as an event's source) nothing is.
    """
    muted, quote_fill = theme.muted_text, _QUOTE_FILL[theme.is_dark]
    rows: list[str] = []
    cited = citation.paragraph if citation is not None else None
    if citation is not None and not any(p.ordinal == cited for p in paragraphs):
        notice = html.escape(f"Paragraph {cited} is not in this article.")
        rows.append(f'<tr><td colspan="3" style="color:{muted}"><i>{notice}</i></td></tr>')
    for p in paragraphs:
        style = f"margin:0; line-height:140%; color:{theme.text}"
        bar = cell = anchor = ""
        body = html.escape(p.text)
        if citation is not None and p.ordinal == cited:
            bar, cell = f' bgcolor="{theme.selection}"', f' bgcolor="{theme.highlight_fill}"'
            anchor = f'<a name="{CITED_ANCHOR}"></a>'
            body = _quote_markup(p.text, citation.quote, quote_fill)
        elif p.boilerplate:  # page furniture (menus, "Show comments"): there but quiet
            style = f"margin:0; color:{muted}; font-size:small; font-style:italic"
        rows.append(
            f'<tr><td width="{_GUTTER_PX}" align="right" valign="top" style="padding:7px 8px 0 0;'
            f' color:{muted}; font-size:small">¶&nbsp;{p.ordinal}</td>'
            f'<td width="{_BAR_PX}"{bar}></td>'
            f'<td valign="top"{cell} style="padding:6px 10px">'
            f'<p style="{style}">{anchor}{body}</p></td></tr>'
        )
    return f'<table width="100%" cellspacing="0" cellpadding="0">{"".join(rows)}</table>'
