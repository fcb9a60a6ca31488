"""The source pane: the cited paragraph highlighted, stepping, and untrusted text kept inert."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QFont, QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from timeline_app.dates import DateSpan
from timeline_app.domain import (
    Category,
    Citation,
    Document,
    Event,
    Modality,
    Paragraph,
    Participant,
    Role,
)
from timeline_app.ui.source.source_view import (
    EMPTY_MESSAGE,
    SafeBrowser,
    SourceView,
    missing_message,
)
from timeline_app.ui.theme import DARK, LIGHT

pytestmark = pytest.mark.gui

Library = dict[str, tuple[Document, list[Paragraph]]]

MARKUP = '<b>bold</b> & <script>x</script> it\'s "quoted"'
IMG = '<img src="file:///etc/passwd"> and <a href="file:///etc/passwd">a link</a>'


def make_document(
    name: str,
    title: str,
    outlet: str = "Test Outlet",
    *,
    published: str = "2021-12-08",
    supplied: bool = False,
    inferred: bool = False,
    note: str = "",
) -> Document:
    return Document(
        name, title, supplied, outlet, DateSpan.parse(published), inferred, note, "en", "x"
    )


def make_paragraphs(
    name: str, texts: list[str], boilerplate: frozenset[int] = frozenset()
) -> list[Paragraph]:
    out: list[Paragraph] = []
    offset = 0
    for ordinal, text in enumerate(texts, start=1):
        out.append(
            Paragraph(name, ordinal, text, offset, offset + len(text), ordinal in boilerplate)
        )
        offset += len(text) + 2
    return out


def make_event(
    *citations: Citation, title: str = "India and Vietnam sign a pact", note: str = ""
) -> Event:
    return Event(
        id="e1",
        title=title,
        summary="",
        when=DateSpan.parse("2021-12-06"),
        actors=(Participant("IND", Role.INITIATOR), Participant("VNM", Role.RECIPIENT)),
        category=Category.AGREEMENT,
        modality=Modality.HAPPENED,
        score=6.0,
        citations=citations,
        date_note=note,
    )


PACT = "India and Vietnam on Monday signed a defence pact in Hanoi."
A_TEXTS = [
    "Login Register",
    "Hanoi and Delhi sign a pact",
    PACT + " The sides also met.",
    "Show comments",
]


@pytest.fixture
def library() -> Library:
    return {
        "a.txt": (
            make_document("a.txt", "Hanoi and Delhi sign a pact", "The Hindu"),
            make_paragraphs("a.txt", A_TEXTS, boilerplate=frozenset({1, 4})),
        ),
        "b.txt": (
            make_document(
                "b.txt",
                "Programme extended",
                "Tribune",
                published="2021-12",
                supplied=True,
                inferred=True,
                note="Read from the <i>dateline</i> & the text",
            ),
            make_paragraphs(
                "b.txt", ["Intro.", "Russia and India extended their programme to 2031."]
            ),
        ),
        "c.txt": (
            make_document("c.txt", "Third article", "Gazette"),
            make_paragraphs("c.txt", ["One.", "Two.", "The third source says so."]),
        ),
        "long.txt": (
            make_document("long.txt", "A long article", "Daily"),
            make_paragraphs(
                "long.txt", [f"Paragraph {i} of a long text. " * 6 for i in range(1, 61)]
            ),
        ),
    }


@pytest.fixture
def view(qtbot: QtBot, library: Library) -> SourceView:
    widget = SourceView(library.get)
    qtbot.addWidget(widget)
    widget.resize(480, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def three_sources() -> Event:
    return make_event(
        Citation("a.txt", 3, "signed a defence pact"),
        Citation("b.txt", 2, "extended their programme"),
        Citation("c.txt", 3, "The third source says so."),
    )


def fragments(doc: QTextDocument) -> list[tuple[str, QFont, QColor, QColor]]:
    """(text, font, foreground, background) of every run of text in the browser."""
    out = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            f = it.fragment()
            fmt = f.charFormat()
            out.append((f.text(), fmt.font(), fmt.foreground().color(), fmt.background().color()))
            it += 1
        block = block.next()
    return out


# -- header and highlight -----------------------------------------------------


def test_header_names_event_and_article(view: SourceView) -> None:
    view.show_event(make_event(Citation("a.txt", 3, "signed a defence pact"), note="'on Monday'"))
    header = view.header_text()
    for expected in (
        "India and Vietnam sign a pact",
        "6 December 2021",
        "'on Monday'",
        "IND (initiator) · VNM (recipient)",
        "Agreement · Happened",
        "+6",
        "Hanoi and Delhi sign a pact",
        "The Hindu · 8 December 2021",
        "a.txt",
    ):
        assert expected in header
    # One source: no stepper, and nothing pretends the date or title was inferred.
    assert "Source 1 of 1" not in header
    assert "(inferred)" not in header and "(title supplied)" not in header


def test_inferred_date_and_supplied_title_are_marked(view: SourceView) -> None:
    view.show_event(make_event(Citation("b.txt", 2, "extended")))
    header = view.header_text()
    assert "Tribune · December 2021 (inferred)" in header
    assert "(title supplied) · b.txt" in header
    tips = [label.toolTip() for label in view.findChildren(QLabel) if label.toolTip()]
    assert "<p>Read from the &lt;i&gt;dateline&lt;/i&gt; &amp; the text</p>" in tips


def test_cited_paragraph_is_highlighted_with_the_quote_emphasised(view: SourceView) -> None:
    view.show_event(make_event(Citation("a.txt", 3, "signed a defence pact")))
    assert view.highlighted_paragraph_text() == PACT + " The sides also met."
    html = view.browser().toHtml()
    assert LIGHT.highlight_fill in html  # the cited paragraph's background
    quote = re.search(r'<span style="[^"]*font-weight:700;[^"]*">([^<]*)</span>', html)
    assert quote is not None and quote.group(1) == "signed a defence pact"
    emphasised = [
        (t, font) for t, font, _, _ in fragments(view.browser().document()) if font.bold()
    ]
    assert [t for t, _ in emphasised] == ["signed a defence pact"]


def test_boilerplate_is_small_grey_italic(view: SourceView) -> None:
    view.show_event(make_event(Citation("a.txt", 3, "signed a defence pact")))
    runs = {text: (font, fg) for text, font, fg, _ in fragments(view.browser().document())}
    for furniture in ("Login Register", "Show comments"):
        font, fg = runs[furniture]
        assert font.italic() and fg == QColor(LIGHT.muted_text)
    font, fg = runs["Hanoi and Delhi sign a pact"]
    assert not font.italic() and fg == QColor(LIGHT.text)


def test_quote_not_found_still_highlights_the_paragraph(view: SourceView) -> None:
    view.show_event(make_event(Citation("a.txt", 3, "words the article never used")))
    assert view.highlighted_paragraph_text() == PACT + " The sides also met."
    assert not any(font.bold() for _, font, _, _ in fragments(view.browser().document()))


# -- stepping -----------------------------------------------------------------


def test_stepping_through_three_sources_in_three_articles(qtbot: QtBot, view: SourceView) -> None:
    shown: list[int] = []
    view.citation_changed.connect(shown.append)
    view.show_event(three_sources())
    assert (view.current_index(), view.citation_count()) == (0, 3)
    assert "Source 1 of 3" in view.header_text()
    assert "Hanoi and Delhi sign a pact" in view.header_text()

    view.next_citation()
    assert "Source 2 of 3" in view.header_text() and "Programme extended" in view.header_text()
    assert view.highlighted_paragraph_text() == "Russia and India extended their programme to 2031."

    view.next_citation()
    assert "Source 3 of 3" in view.header_text() and "Third article" in view.header_text()
    assert view.highlighted_paragraph_text() == "The third source says so."
    view.next_citation()  # already at the last source: nothing changes
    assert view.current_index() == 2

    view.previous_citation()
    assert view.current_index() == 1 and "Programme extended" in view.header_text()
    assert shown == [0, 1, 2, 1]


def test_stepper_buttons_disable_at_the_ends(view: SourceView) -> None:
    view.show_event(three_sources(), citation_index=2)
    assert "Source 3 of 3" in view.header_text()
    prev, nxt = view._prev, view._next
    assert prev.isEnabled() and not nxt.isEnabled()
    prev.click()
    prev.click()
    assert view.current_index() == 0 and not prev.isEnabled() and nxt.isEnabled()


# -- untrusted text -----------------------------------------------------------


def test_markup_in_article_and_event_text_shows_literally(qtbot: QtBot) -> None:
    doc = make_document("m.txt", MARKUP, MARKUP)
    cited = f"{MARKUP} The <i>cited</i> one & {MARKUP}"
    paras = make_paragraphs("m.txt", [MARKUP, cited])
    widget = SourceView({"m.txt": (doc, paras)}.get)
    qtbot.addWidget(widget)
    quote = "The <i>cited</i> one &"
    widget.show_event(make_event(Citation("m.txt", 2, quote), title=MARKUP, note=MARKUP))

    browser = widget.browser()
    assert MARKUP in browser.toPlainText() and cited in browser.toPlainText()
    assert widget.highlighted_paragraph_text() == cited
    html = browser.toHtml()
    assert "<script" not in html and "&lt;script&gt;" in html
    # The only bold run is the quote, intact: the article's own tags made no markup.
    runs = fragments(browser.document())
    assert [t for t, font, _, _ in runs if font.bold()] == [quote]
    assert not any(font.italic() for _, font, _, _ in runs)
    assert widget.header_text().count(MARKUP) == 4  # event title, note, article title, outlet
    for label in widget.findChildren(QLabel):  # plain text, or rich text escaped by us
        plain = label.textFormat() == Qt.TextFormat.PlainText
        assert plain or "<b>" not in label.text()


def test_missing_article_name_is_escaped(view: SourceView) -> None:
    view.show_event(make_event(Citation("<b>gone</b>.txt", 1, "x")))
    assert missing_message("<b>gone</b>.txt") in view.browser().toPlainText()
    assert not any(font.bold() for _, font, _, _ in fragments(view.browser().document()))


def test_article_images_and_links_load_nothing(
    qtbot: QtBot, library: Library, view: SourceView
) -> None:
    doc, _ = library["a.txt"]
    library["a.txt"] = (doc, make_paragraphs("a.txt", [IMG, "Cited."]))
    view.show_event(make_event(Citation("a.txt", 2, "Cited.")))
    browser = view.browser()
    assert isinstance(browser, SafeBrowser)
    assert IMG in browser.toPlainText()
    view.grab()  # paint, so any image would have been fetched
    assert browser.refused_urls == []  # escaped text asks for nothing at all
    # Asked directly, the document still gets only the blank placeholder, never the file.
    url = QUrl("file:///etc/passwd")
    loaded = browser.document().resource(QTextDocument.ResourceType.ImageResource, url)
    assert isinstance(loaded, QImage) and loaded.size().width() == 1
    assert not browser.openLinks() and not browser.openExternalLinks()


def test_browser_reads_no_local_file_even_from_raw_markup(qtbot: QtBot, tmp_path: Path) -> None:
    # Defence in depth: were markup ever to slip through, Qt must still read no file.
    # (Returning None from loadResource is not enough; Qt then reads the file itself.)
    png, css = tmp_path / "secret.png", tmp_path / "secret.css"
    image = QImage(20, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(png))
    css.write_text("p { color: red }", encoding="utf-8")
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    browser.show()
    png_url, css_url = QUrl.fromLocalFile(str(png)), QUrl.fromLocalFile(str(css))
    browser.setHtml(
        f'<html><head><link rel="stylesheet" type="text/css" href="{css_url.toString()}"></head>'
        f'<body><p>x<img src="{png_url.toString()}"></p></body></html>'
    )
    browser.grab()
    assert {png_url.toString(), css_url.toString()} <= set(browser.refused_urls)
    doc = browser.document()
    loaded = doc.resource(QTextDocument.ResourceType.ImageResource, png_url)
    assert isinstance(loaded, QImage) and loaded.width() == 1  # the blank, not the file
    assert doc.resource(QTextDocument.ResourceType.StyleSheetResource, css_url) == ""


def test_clicking_a_link_goes_nowhere(qtbot: QtBot) -> None:
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    browser.resize(300, 200)
    browser.show()
    qtbot.waitExposed(browser)
    browser.setHtml('<p><a href="file:///etc/passwd">open me</a></p>')
    before = browser.toPlainText()
    cursor = QTextCursor(browser.document())
    cursor.setPosition(3)
    spot = browser.cursorRect(cursor).center()
    with qtbot.waitSignal(browser.anchorClicked, timeout=2000) as clicked:
        qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert clicked.args[0].toString() == "file:///etc/passwd"  # the click did reach the link
    assert browser.source().isEmpty() and browser.toPlainText() == before


# -- scrolling, empty states, theme -------------------------------------------


def cited_is_in_view(view: SourceView) -> bool:
    browser = view.browser()
    block = view._cited_block()
    assert block is not None
    top = browser.document().documentLayout().blockBoundingRect(block).y()
    value = browser.verticalScrollBar().value()
    return value > 0 and value <= top < value + browser.viewport().height()


def test_long_article_opens_at_the_cited_paragraph(qtbot: QtBot, view: SourceView) -> None:
    view.show_event(make_event(Citation("long.txt", 55, "Paragraph 55 of a long text.")))
    qtbot.waitUntil(lambda: view.browser().verticalScrollBar().value() > 0)
    assert cited_is_in_view(view)
    view.show_event(make_event(Citation("long.txt", 1, "Paragraph 1")))
    qtbot.waitUntil(lambda: view.browser().verticalScrollBar().value() == 0)


def test_pane_shown_after_the_event_still_scrolls(qtbot: QtBot, library: Library) -> None:
    widget = SourceView(library.get)
    qtbot.addWidget(widget)
    widget.show_event(make_event(Citation("long.txt", 55, "Paragraph 55")))
    widget.resize(480, 700)
    widget.show()
    qtbot.waitUntil(lambda: cited_is_in_view(widget))


def test_no_event_shows_the_empty_state(view: SourceView) -> None:
    view.show_event(three_sources())
    view.show_event(None)
    assert view.browser().toPlainText().strip() == EMPTY_MESSAGE
    assert view.header_text() == ""
    assert view.citation_count() == 0 and view.highlighted_paragraph_text() == ""


def test_missing_document_says_so(view: SourceView) -> None:
    view.show_event(make_event(Citation("lost.txt", 1, "x")))
    assert view.browser().toPlainText().strip() == "The article lost.txt is not in this database."
    assert "India and Vietnam sign a pact" in view.header_text()  # the event itself is known


def test_theme_switch_restyles_and_keeps_the_place(qtbot: QtBot, view: SourceView) -> None:
    view.show_event(make_event(Citation("long.txt", 55, "Paragraph 55")))
    bar = view.browser().verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0)
    place = bar.value()
    view.set_theme(DARK)
    html = view.browser().toHtml()
    assert DARK.highlight_fill in html and LIGHT.highlight_fill not in html
    assert DARK.panel in view.styleSheet()
    assert view.highlighted_paragraph_text().startswith("Paragraph 55 of a long text.")
    assert bar.value() == place
