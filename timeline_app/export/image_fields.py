"""Each field of an image export, read from what the user typed and checked.

Page presets and sizes (with the rule that a custom shape keeps its text readable on
a slide), scale, format, pairs and dates: each reader returns the value or raises
``OptionError`` with one line that names it, for the form (``image_options``) to put
beside the field.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline_app.dates import DateError, parse_iso, period_end
from timeline_app.domain import Event, Pair
from timeline_app.framing import range_window, spans_of

MIN_SIDE, MAX_SIDE = 200, 10000  # pixels at scale 1
MAX_PIXELS = 120_000_000  # an A4 page at 3x is 78 Mpx; beyond this memory runs out
SCALES = (1, 2, 3)
THEME_NAMES = ("light", "dark")
CUSTOM = "custom"


class OptionError(ValueError):
    """A value the user can fix; the message is one line and names the value."""


class ImageFormat(enum.StrEnum):
    PNG = "png"
    SVG = "svg"
    PDF = "pdf"


@dataclass(frozen=True, slots=True)
class Preset:
    key: str
    label: str
    width: int  # pixels at scale 1 (also the SVG size and the PDF page at ``dpi``)
    height: int
    page_pt: tuple[float, float]  # PDF page in points (1/72 inch)
    dpi: int  # resolution written into the PNG, so prints come out at the page size


# Screen presets are pixel sizes; their PDF page is that size at 96 dpi (1 px = 0.75 pt),
# the resolution browsers and slide software assume. A4 is a real page: 297 x 210 mm.
PRESETS: dict[str, Preset] = {
    "slide": Preset("slide", "16:9 slide (1920 × 1080)", 1920, 1080, (1440.0, 810.0), 96),
    "4:3": Preset("4:3", "4:3 slide (1600 × 1200)", 1600, 1200, (1200.0, 900.0), 96),
    "a4": Preset("a4", "A4 landscape (297 × 210 mm)", 3508, 2480, (841.89, 595.28), 300),
}


@dataclass(frozen=True, slots=True)
class PageSpec:
    width: int  # pixels at scale 1
    height: int
    page_pt: tuple[float, float]
    dpi: int
    scale: int = 1

    @property
    def pixel_size(self) -> tuple[int, int]:
        """The PNG's size: the scale multiplies the pixels, the layout stays the same."""
        return self.width * self.scale, self.height * self.scale


def page_for(preset: str, size: tuple[int, int] | None = None, scale: int = 1) -> PageSpec:
    if preset == CUSTOM:
        if size is None:
            raise OptionError("a custom preset needs a size such as 1600x900")
        w, h = size
        return PageSpec(w, h, (w * 0.75, h * 0.75), 96, scale)
    if preset not in PRESETS:
        raise OptionError(f"unknown preset {preset!r}: use {', '.join(PRESETS)} or a size")
    p = PRESETS[preset]
    return PageSpec(p.width, p.height, p.page_pt, p.dpi, scale)


# The figure's smallest text is 14 design units (``ui/figures/figure_fonts.MIN_TEXT_PX``) on a
# canvas 1600 x 900 units at least: a page scales it by min(w / 1600, h / 900).
SMALLEST_TEXT_UNITS, DESIGN_W, DESIGN_H = 14.0, 1600.0, 900.0
SLIDE_W, SLIDE_H, MIN_SLIDE_TEXT_PX = 1920.0, 1080.0, 14.0


def slide_text_px(width: int, height: int) -> float:
    """The smallest text of a ``width`` x ``height`` figure once it is fitted on a
    1920 x 1080 slide, in that slide's pixels. A narrower-than-16:9 figure is fitted by
    its height and a wider one by its width, so an odd shape shrinks its text."""
    page_scale = min(width / DESIGN_W, height / DESIGN_H)
    fit = min(SLIDE_W / width, SLIDE_H / height)
    return SMALLEST_TEXT_UNITS * page_scale * fit


def check_readable(width: int, height: int) -> None:
    """Refuse a custom size whose text would fall under 14 px on a 1920 x 1080 slide."""
    px = slide_text_px(width, height)
    if px < MIN_SLIDE_TEXT_PX - 1e-9:
        raise OptionError(
            f"{width}x{height}: on a 1920x1080 slide its smallest text would be {px:.1f} px, "
            f"under {MIN_SLIDE_TEXT_PX:.0f} px; use a shape nearer 16:9, such as "
            f"{width}x{round(width * 9 / 16)}"
        )


def parse_size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d{1,6})\s*[x×X*]\s*(\d{1,6})\s*", text)
    if not m:
        raise OptionError(f"{text!r} is not a size: write WIDTHxHEIGHT, like 1600x900")
    w, h = int(m[1]), int(m[2])
    if not (MIN_SIDE <= w <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE):
        raise OptionError(f"{w}x{h}: each side must be between {MIN_SIDE} and {MAX_SIDE} pixels")
    return w, h


def parse_scale(value: int | str) -> int:
    text = str(value).strip().lower().rstrip("x×")
    if not text.isdigit() or int(text) not in SCALES:
        raise OptionError(f"scale {value!r}: use 1, 2 or 3")
    return int(text)


def format_for_path(path: Path | str) -> ImageFormat:
    suffix = Path(path).suffix.lower().lstrip(".")
    try:
        return ImageFormat(suffix)
    except ValueError:
        shown = f"'.{suffix}'" if suffix else "no extension"
        raise OptionError(
            f"{path}: {shown} is not an image format: use .png, .svg or .pdf"
        ) from None


def parse_pairs(text: str) -> tuple[Pair, ...]:
    """``IND-VNM, IND-RUS`` in the order given, each pair once."""
    pairs: list[Pair] = []
    for part in re.split(r"[,;\s]+", text.strip()):
        if part:
            try:
                pair = Pair.parse(part)
            except ValueError as exc:
                raise OptionError(str(exc)) from None
            if pair not in pairs:
                pairs.append(pair)
    return tuple(pairs)


def parse_window(date_from: str, date_to: str) -> tuple[date | None, date | None]:
    """First and last day; ``to 2022`` means through 31 December 2022."""
    start = end = None
    try:
        if date_from.strip():
            start = parse_iso(date_from)[0]
        if date_to.strip():
            end = period_end(*parse_iso(date_to))
    except DateError as exc:
        raise OptionError(str(exc)) from None
    if start and end and end < start:
        raise OptionError(f"the start {start.isoformat()} comes after the end {end.isoformat()}")
    return start, end


def window_days(
    start: date | None, end: date | None, events: Sequence[Event]
) -> tuple[float, float]:
    """The half-open window [lo, hi) in day numbers: the dates as given; a missing end
    follows the events' dense period in whole years, as the window's first view does
    (``framing.range_window``), so a bare export shows what the screen shows. Only an
    end before every event (or a start after) keeps the window there: ``refuse_empty``
    then says so instead of drawing another period."""
    return range_window(start, end, spans_of(events))


def parse_format(value: str) -> ImageFormat:
    try:
        return ImageFormat(value.strip().lower())
    except ValueError:
        raise OptionError(f"unknown format {value!r}: use png, svg or pdf") from None
