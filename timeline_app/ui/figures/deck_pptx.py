"""A briefing deck as a PowerPoint file (python-pptx), one 16:9 slide per saved view.

Each slide is the view's figure, drawn by ``paint_figure`` at 1920 x 1080 and embedded
as a PNG at twice that resolution, with its title and caption left out of the picture
and set instead as real text (the title in the slide's title placeholder, so outlines,
search and screen readers find it) exactly where the figure keeps room for them. The
numbered notes go to the speaker notes, with every other event's sources after them.

Imported only when a .pptx is written (``deck_files.write_deck``): python-pptx and its
lxml stay out of the viewer's start-up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from io import BytesIO

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.text.text import TextFrame
from pptx.util import Emu, Pt
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF

from timeline_app import APP_NAME
from timeline_app.deck_plan import SlidePlan, speaker_notes
from timeline_app.domain import Actor, Document
from timeline_app.export.image_options import FigurePlan, ImageFormat, page_for
from timeline_app.ui.figures.deck_files import (
    Progress,
    deck_title,
    slide_source,
)
from timeline_app.ui.figures.figure_files import render_image
from timeline_app.ui.figures.figure_fonts import family, fonts
from timeline_app.ui.figures.figure_layout import FigureSource, header_boxes

SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in: PowerPoint's 16:9
PICTURE_SCALE = 2  # the figure's PNG at 3840 x 2160: sharp on any projector
TITLE_LAYOUT = 5  # "Title Only" in python-pptx's default template


def _rgb(colour: str) -> RGBColor:
    hex_digits = colour.lstrip("#")[:6]
    red, green, blue = (int(hex_digits[i : i + 2], 16) for i in (0, 2, 4))
    return RGBColor(red, green, blue)  # type: ignore[no-untyped-call]


def _png(source: FigureSource) -> tuple[bytes, FigurePlan]:
    image, plan = render_image(source)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data()), plan


def _style(frame: TextFrame, px: int, colour: str, bold: bool, emu_per_px: float) -> None:
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Emu(0)
    for paragraph in frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            # The figure's design pixels at the slide's scale, in points (12700 EMU).
            run.font.size = Pt(px * emu_per_px / 12700)
            run.font.bold = bold
            run.font.name = family()
            run.font.color.rgb = _rgb(colour)


def pptx_deck_bytes(
    slides: Sequence[SlidePlan],
    actors: Mapping[str, Actor],
    documents: Mapping[str, Document],
    progress: Progress | None = None,
) -> bytes:
    """The PowerPoint file, one slide per view; ``deck_files.write_deck`` writes it."""
    page = page_for("slide", scale=PICTURE_SCALE)
    sources = [
        replace(
            slide_source(s, actors, documents),
            options=replace(
                s.options,
                page=page,
                format=ImageFormat.PNG,
                header_painted=False,
                notes_painted=False,
            ),
        )
        for s in slides
    ]
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    deck.core_properties.title = deck_title(slides)
    deck.core_properties.author = APP_NAME
    emu_per_px = SLIDE_W / page.width  # the figure's 1920 px over the slide's width
    design_px = page.width / 1600.0  # px per design unit of the figure (figure_layout.REFERENCE)
    for i, (slide_plan, source) in enumerate(zip(slides, sources, strict=True)):
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_LAYOUT])
        png, plan = _png(source)
        picture = slide.shapes.add_picture(BytesIO(png), 0, 0, width=SLIDE_W, height=SLIDE_H)
        tree = slide.shapes._spTree
        tree.remove(picture._element)
        tree.insert(2, picture._element)  # behind the title and caption
        title_box, caption_box = header_boxes(QRectF(0, 0, page.width, page.height), source)
        title = slide.shapes.title
        assert title is not None  # the "Title Only" layout has one
        _place(title, title_box, emu_per_px)
        title.text_frame.text = plan.title
        f = fonts()
        theme = source.theme
        _style(
            title.text_frame, round(f.title.pixelSize() * design_px), theme.text, True, emu_per_px
        )
        caption = slide.shapes.add_textbox(0, 0, 1, 1)
        _place(caption, caption_box, emu_per_px)
        caption.text_frame.text = plan.caption
        _style(
            caption.text_frame,
            round(f.caption.pixelSize() * design_px),
            theme.muted_text,
            False,
            emu_per_px,
        )
        notes = speaker_notes(plan.shown, plan.footer, documents, slide_plan.caption)
        slide.notes_slide.notes_text_frame.text = notes
        if progress is not None:
            progress(i + 1, len(slides))
    out = BytesIO()
    deck.save(out)
    return out.getvalue()


def _place(shape: object, box: QRectF, emu_per_px: float) -> None:
    shape.left = Emu(round(box.left() * emu_per_px))  # type: ignore[attr-defined]
    shape.top = Emu(round(box.top() * emu_per_px))  # type: ignore[attr-defined]
    shape.width = Emu(round(box.width() * emu_per_px))  # type: ignore[attr-defined]
    shape.height = Emu(round(box.height() * emu_per_px))  # type: ignore[attr-defined]
