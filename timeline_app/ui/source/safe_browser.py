"""The article browser of the source pane, made safe for untrusted text: it follows no
link and loads no file, image or stylesheet an article's markup might name."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QImage, QTextBlock, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from timeline_app.ui.source.article_markup import CITED_ANCHOR


class SafeBrowser(QTextBrowser):
    """A QTextBrowser that follows no link and reads no file, image or stylesheet.

    Returning None from ``loadResource`` is not enough: Qt then reads the file
    itself (the document's fallback for stylesheets, the image handler's "direct
    loading" for ``<img>``). Harmless non-null values stop both.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.refused_urls: list[str] = []  # every URL Qt asked for; tests read it

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        self.refused_urls.append(name.toString() if isinstance(name, QUrl) else name)
        if int(kind) == QTextDocument.ResourceType.ImageResource.value:
            blank = QImage(1, 1, QImage.Format.Format_ARGB32)
            blank.fill(Qt.GlobalColor.transparent)
            return blank
        if int(kind) == QTextDocument.ResourceType.StyleSheetResource.value:
            return ""
        return QByteArray(b" ")


def cited_block(document: QTextDocument) -> QTextBlock | None:
    """The block (paragraph) holding the cited anchor ``article_html`` writes, if any."""
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            if CITED_ANCHOR in fragments.fragment().charFormat().anchorNames():
                return block
            fragments += 1
        block = block.next()
    return None
