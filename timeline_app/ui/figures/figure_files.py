"""The figure written to a file: PNG (QImage), SVG (QSvgGenerator) and PDF (QPdfWriter).

All three hand the same ``paint_figure`` (``ui/figures/render.py``) a different paint device;
only the page set-up, the file's title and the SVG's font names differ.

Each is drawn into memory and then written by ``safe_write`` (a temporary file, flushed,
checked and renamed): Qt's own file writers report neither a full disk nor a device
that swallows everything, and would leave a truncated figure behind.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from timeline_app import APP_NAME
from timeline_app.export.image_options import FigurePlan, ImageFormat, PageSpec
from timeline_app.safe_write import OutputError, refuse_unsafe_target, write_bytes
from timeline_app.ui.figures.appendix import paint_appendix
from timeline_app.ui.figures.figure_fonts import family
from timeline_app.ui.figures.figure_layout import REFERENCE, FigureLayout, FigureSource
from timeline_app.ui.figures.render import paint_figure


def render_image(source: FigureSource, page: PageSpec | None = None) -> tuple[QImage, FigurePlan]:
    page = page or source.options.page
    w, h = page.pixel_size
    image = QImage(w, h, QImage.Format.Format_RGB32)
    image.fill(QColor(source.theme.background))
    painter = QPainter(image)
    plan = paint_figure(painter, QRectF(0, 0, w, h), source)
    painter.end()
    # The PNG says how large it prints: the preset's dpi, times the scale.
    dots_per_metre = round(page.dpi * page.scale / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image, plan


def figure_plan(source: FigureSource) -> FigurePlan:
    """The plan as the page will draw it (the layout decides lanes and notes)."""
    page = source.options.page
    scale = min(page.width / REFERENCE.width(), page.height / REFERENCE.height())
    return FigureLayout(source, QSizeF(page.width / scale, page.height / scale)).plan


def figure_title(source: FigureSource) -> str:
    return figure_plan(source).title


def provenance(source: FigureSource, plan: FigurePlan) -> dict[str, str]:
    """What the file says about itself: its title, the window it shows and its sources
    (the outlets of the shown events' citations, most cited first)."""
    cited: dict[str, int] = {}
    for event in plan.shown:
        for citation in event.citations:
            doc = source.documents.get(citation.document)
            name = doc.outlet if doc is not None else citation.document
            cited[name] = cited.get(name, 0) + 1
    outlets = sorted(cited, key=lambda name: (-cited[name], name))
    return {
        "Title": plan.title,
        "Window": plan.caption,
        "Sources": "; ".join(outlets) if outlets else "none cited",
        "Software": APP_NAME,
    }


def description(info: dict[str, str]) -> str:
    return f"{info['Window']}. Sources: {info['Sources']}. Made with {info['Software']}."


def _refuse(path: Path, kind: str) -> None:
    """Refuse a database, a device or a missing folder before anything is drawn."""
    try:
        refuse_unsafe_target(path)
    except OutputError as exc:
        raise OutputError(f"cannot write the {kind} file: {exc}") from None


def _buffer() -> QBuffer:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return buffer


def png_bytes(source: FigureSource) -> tuple[bytes, FigurePlan]:
    image, plan = render_image(source)
    # Text chunks (tEXt): the title, the window and the sources travel with the pixels.
    for key, value in provenance(source, plan).items():
        image.setText(key, value)
    buffer = _buffer()
    # The stubs want bytes for the format; PySide6 itself accepts only str here.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise OutputError("cannot encode the PNG image")
    return bytes(buffer.data().data()), plan


def write_png(path: Path, source: FigureSource) -> FigurePlan:
    _refuse(path, "PNG")
    data, plan = png_bytes(source)
    write_bytes(path, data)
    return plan


def svg_bytes(source: FigureSource) -> tuple[bytes, FigurePlan]:
    page = source.options.page
    buffer = _buffer()
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(page.width, page.height))
    generator.setViewBox(QRectF(0, 0, page.width, page.height))
    generator.setResolution(96)  # the same dpi as the images, so point-sized fonts agree
    info = provenance(source, figure_plan(source))
    generator.setTitle(info["Title"])
    generator.setDescription(description(info))
    painter = QPainter()
    if not painter.begin(generator):
        raise OutputError("cannot draw the SVG figure")
    plan = paint_figure(painter, QRectF(0, 0, page.width, page.height), source)
    painter.end()
    # The panel's fonts carry Qt's generic family name ("Sans Serif"), which browsers
    # do not know; every family gets the CSS fallback, so no viewer picks a serif face.
    text = bytes(buffer.data().data()).decode("utf-8")
    text = re.sub(
        r'font-family="([^"]*)"',
        lambda m: f'font-family="{_svg_family(m[1])}, sans-serif"',
        text,
    )
    return text.encode("utf-8"), plan


def write_svg(path: Path, source: FigureSource) -> FigurePlan:
    _refuse(path, "SVG")  # before drawing: /dev/full would swallow it all
    data, plan = svg_bytes(source)
    write_bytes(path, data)
    return plan


def set_pdf_subject(writer: QPdfWriter, title: str, subject: str) -> None:
    """QPdfWriter has no subject field: the XMP metadata carries title and subject
    (dc:title, dc:description: what readers show as the document's Subject)."""

    def alt(text: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{html.escape(text)}</rdf:li></rdf:Alt>'

    xml = (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        f"<dc:title>{alt(title)}</dc:title><dc:description>{alt(subject)}</dc:description>"
        f"<xmp:CreatorTool>{html.escape(APP_NAME)}</xmp:CreatorTool>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    writer.setDocumentXmpMetadata(QByteArray(xml.encode("utf-8")))


def _svg_family(name: str) -> str:
    return family() if name in ("Sans Serif", "") else name


def pdf_bytes(source: FigureSource) -> tuple[bytes, FigurePlan]:
    page = source.options.page
    w_pt, h_pt = page.page_pt
    # QPageSize is portrait; the layout's orientation turns it (A4 stays a named A4).
    size = QPageSize(QSizeF(min(w_pt, h_pt), max(w_pt, h_pt)), QPageSize.Unit.Point)
    orientation = (
        QPageLayout.Orientation.Landscape if w_pt > h_pt else QPageLayout.Orientation.Portrait
    )
    buffer = _buffer()
    writer = QPdfWriter(buffer)
    writer.setResolution(96)  # device units are CSS pixels, as for the images and the SVG
    writer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0)))
    info = provenance(source, figure_plan(source))
    writer.setTitle(info["Title"])
    writer.setCreator(APP_NAME)
    set_pdf_subject(writer, info["Title"], description(info))
    painter = QPainter()
    if not painter.begin(writer):
        raise OutputError("cannot draw the PDF figure")
    page_rect = QRectF(0, 0, writer.width(), writer.height())
    plan = paint_figure(painter, page_rect, source)
    # With source notes, every event's sources follow on appendix pages: the slide's
    # notes are a selection, the appendix the complete record.
    if plan.footer is not None and plan.shown and writer.newPage():
        paint_appendix(painter, page_rect, source, plan, writer.newPage)
    painter.end()
    return bytes(buffer.data().data()), plan


def write_pdf(path: Path, source: FigureSource) -> FigurePlan:
    _refuse(path, "PDF")
    data, plan = pdf_bytes(source)
    write_bytes(path, data)
    return plan


WRITERS = {ImageFormat.PNG: write_png, ImageFormat.SVG: write_svg, ImageFormat.PDF: write_pdf}


def write_figure(path: Path, source: FigureSource) -> FigurePlan:
    """Write the figure in the options' format; returns what it shows."""
    return WRITERS[source.options.format](Path(path), source)


def self_test_exports(window: object, folder: Path) -> list[Path]:
    """For ``--self-test``: the main window's current view written as a PNG and an SVG."""
    from timeline_app.ui.figures.export_dialog import context_of, view_options  # it imports us

    context = context_of(window)  # type: ignore[arg-type]
    if context is None:
        raise RuntimeError("the window has no events to export yet")
    written = []
    for fmt in (ImageFormat.PNG, ImageFormat.SVG):
        path = Path(folder) / f"self-test.{fmt.value}"
        write_figure(path, context.source(view_options(context, fmt)))
        written.append(path)
    return written
