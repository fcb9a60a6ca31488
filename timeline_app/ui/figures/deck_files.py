"""Briefing decks written to a file: a PDF (QPdfWriter) or a PowerPoint deck.

Every slide is drawn by the figures' own ``paint_figure`` (``render.py``), so a deck
page and ``export-image`` of the same view agree. The PDF page is the figure with its
notes under it, and the deck ends with the sources appendix of every slide
(``appendix.py``). The PowerPoint writer is ``deck_pptx.py``: python-pptx is imported
only when a .pptx is written, never at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from timeline_app import APP_NAME
from timeline_app.deck_plan import DeckError, DeckFormat, SlidePlan
from timeline_app.domain import Actor, Document
from timeline_app.export.image_options import EmptyFigureError, FigurePlan, refuse_empty
from timeline_app.safe_write import refuse_unsafe_target, write_bytes
from timeline_app.ui.figures.appendix import paint_appendix
from timeline_app.ui.figures.figure_files import set_pdf_subject
from timeline_app.ui.figures.figure_layout import FigureSource
from timeline_app.ui.figures.render import paint_figure

# Called after each slide is written: (slides done, slides in all).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DeckResult:
    path: Path
    slides: int
    pages: int  # PDF: slides plus appendix pages; PowerPoint: the slides


def slide_source(
    slide: SlidePlan, actors: Mapping[str, Actor], documents: Mapping[str, Document]
) -> FigureSource:
    """The figure of one slide; a view whose window holds no event is refused by name."""
    try:
        refuse_empty(slide.events, slide.window, slide.options.pairs)
    except EmptyFigureError as exc:
        raise DeckError(f"saved view {slide.title!r}: {exc}") from None
    return FigureSource(slide.events, actors, documents, slide.flt, slide.window, slide.options)


def deck_title(slides: Sequence[SlidePlan]) -> str:
    return "Briefing: " + "; ".join(s.title for s in slides)


def pdf_deck_bytes(
    slides: Sequence[SlidePlan],
    actors: Mapping[str, Actor],
    documents: Mapping[str, Document],
    progress: Progress | None = None,
) -> tuple[bytes, int]:
    """The PDF (one page per slide, then the appendix pages of every slide's sources)
    and its page count; written to the file by ``write_deck``, as every output is."""
    sources = [slide_source(s, actors, documents) for s in slides]  # refuse before writing
    page = sources[0].options.page
    w_pt, h_pt = page.page_pt
    size = QPageSize(QSizeF(min(w_pt, h_pt), max(w_pt, h_pt)), QPageSize.Unit.Point)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(96)  # device units are CSS pixels, as for the figures
    writer.setPageLayout(
        QPageLayout(size, QPageLayout.Orientation.Landscape, QMarginsF(0, 0, 0, 0))
    )
    title = deck_title(slides)
    writer.setTitle(title)
    writer.setCreator(APP_NAME)
    set_pdf_subject(
        writer, title, f"{len(slides)} slides with their sources. Made with {APP_NAME}."
    )
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("cannot draw the PDF deck")
    rect = QRectF(0, 0, writer.width(), writer.height())
    plans: list[FigurePlan] = []
    pages = 0
    try:
        for i, source in enumerate(sources):
            if i:
                writer.newPage()
            plans.append(paint_figure(painter, rect, source))
            pages += 1
            if progress is not None:
                progress(i + 1, len(sources))
        for source, plan in zip(sources, plans, strict=True):
            if plan.shown and writer.newPage():
                pages += paint_appendix(painter, rect, source, plan, writer.newPage)
    finally:
        painter.end()
    return bytes(buffer.data().data()), pages


def write_deck(
    path: Path,
    slides: Sequence[SlidePlan],
    actors: Mapping[str, Actor],
    documents: Mapping[str, Document],
    fmt: DeckFormat,
    progress: Progress | None = None,
    protected: Iterable[Path] = (),
) -> DeckResult:
    """Draw the deck in memory, then write it safely (``safe_write``: a temporary file,
    renamed over the target; the database it was read from, any SQLite file and a
    target that is not a regular file are refused, before any drawing)."""
    if not slides:
        raise DeckError("a deck needs at least one saved view")
    folder = Path(path).absolute().parent
    if not folder.is_dir():
        raise OSError(f"{path}: the folder {folder} does not exist")
    protected = list(protected)
    refuse_unsafe_target(Path(path), protected)
    if fmt is DeckFormat.PPTX:
        from timeline_app.ui.figures.deck_pptx import pptx_deck_bytes  # python-pptx: lazily

        data = pptx_deck_bytes(slides, actors, documents, progress)
        pages = len(slides)
    else:
        data, pages = pdf_deck_bytes(slides, actors, documents, progress)
    write_bytes(Path(path), data, protected)
    return DeckResult(Path(path), len(slides), pages)
