"""What a timeline image export contains and how it is sized: Qt-free and unit-tested.

The dialog and the ``export-image`` command both fill an ``ExportForm`` with what
the user typed; ``validate_form`` turns it into ``ExportOptions`` (or one message
per bad field). ``plan_figure`` then decides what the figure says: lanes, title,
caption and the numbered source notes. Drawing is ``timeline_app.ui.figures.render``'s job.

This module may not import ``timeline_app.layout`` or ``timeline_app.filters``
(independent layers), so the caller passes the lane order in, and dates are read
with ``timeline_app.dates`` by the same rule as ``filters.build_filter``.
"""

from __future__ import annotations

import enum
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from timeline_app.dates import DateError, from_day, parse_iso, period_end
from timeline_app.domain import Actor, Document, Event, EventFilter, Pair

# The notes live in their own module; their names stay importable from here.
from timeline_app.export.figure_notes import NOTE_LIMIT as NOTE_LIMIT
from timeline_app.export.figure_notes import QUOTE_CHARS as QUOTE_CHARS
from timeline_app.export.figure_notes import SourceFooter as SourceFooter
from timeline_app.export.figure_notes import SourceNote as SourceNote
from timeline_app.export.figure_notes import source_footer
from timeline_app.export.figure_notes import truncate_quote as truncate_quote
from timeline_app.framing import range_window, spans_of
from timeline_app.paths import user_dir

CHOICES_FILE = "export.json"
MIN_SIDE, MAX_SIDE = 200, 10000  # pixels at scale 1
MAX_PIXELS = 120_000_000  # an A4 page at 3x is 78 Mpx; beyond this memory runs out
SCALES = (1, 2, 3)
THEME_NAMES = ("light", "dark")
CUSTOM = "custom"


class OptionError(ValueError):
    """A value the user can fix; the message is one line and names the value."""


class EmptyFigureError(ValueError):
    """The window holds no event: a figure of nothing is refused, not written."""


def refuse_empty(
    events: Sequence[Event], window: tuple[float, float], pairs: Sequence[Pair] = ()
) -> None:
    """Raise ``EmptyFigureError`` (one line) unless an event of ``pairs`` (any pair if
    none) overlaps the half-open ``window``."""
    lo, hi = window
    wanted = set(pairs)
    if any(
        e.when.start_day < hi and e.when.end_day > lo and (not wanted or wanted & set(e.pairs))
        for e in events
    ):
        return
    where = f" of {', '.join(p.key for p in pairs)}" if pairs else ""
    raise EmptyFigureError(
        f"no event{where} between {window_text(window).replace(' – ', ' and ')}: "
        "nothing to export; widen the dates or choose other pairs"
    )


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
    (``framing.range_window``), so a bare export shows what the screen shows."""
    return range_window(start, end, spans_of(events))


# -- the form shared by the dialog and the command line ---------------------------------


@dataclass(frozen=True)
class ExportForm:
    """What the user typed, unvalidated: the dialog only gets and sets these values."""

    preset: str = "slide"
    size: str = "1920x1080"  # used when preset is "custom"
    scale: int = 1
    format: str = "png"
    theme: str = "light"  # light by default: exports are printed and projected
    title: str = ""  # empty: the default title
    pairs: str = ""
    date_from: str = ""
    date_to: str = ""
    with_graph: bool = False
    with_sources: bool = False
    with_context: bool = False


@dataclass(frozen=True)
class ExportOptions:
    page: PageSpec
    format: ImageFormat
    theme: str
    title: str
    pairs: tuple[Pair, ...]
    start: date | None
    end: date | None
    with_graph: bool
    with_sources: bool
    with_context: bool = False  # the panel also shows the chosen pairs' ties to others
    selected: tuple[str, ...] = ()  # event ids the user selected: their notes come first
    pinned: tuple[str, ...] = ()  # event ids the user pinned: their notes come before those
    caption: str = ""  # the analyst's own line, put before the automatic caption
    header_painted: bool = True  # False: room is kept for title and caption, drawn elsewhere
    notes_painted: bool = True  # False: marks keep their numbers, the notes go elsewhere


@dataclass(frozen=True)
class FormResult:
    options: ExportOptions | None
    errors: dict[str, str]  # form field -> message


def validate_form(form: ExportForm) -> FormResult:
    errors: dict[str, str] = {}

    def check(name: str, fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except OptionError as exc:
            errors[name] = str(exc)
            return None

    size = check("size", parse_size, form.size) if form.preset == CUSTOM else None
    if size is not None:
        check("size", check_readable, *size)
    scale = check("scale", parse_scale, form.scale)
    page: PageSpec | None = None
    if "size" not in errors:
        page = check("preset", page_for, form.preset, size, scale or 1)
    if page is not None and page.pixel_size[0] * page.pixel_size[1] > MAX_PIXELS:
        errors["scale"] = f"{page.pixel_size[0]}x{page.pixel_size[1]} pixels is too large"
    fmt = check("format", parse_format, form.format)
    if form.theme not in THEME_NAMES:
        errors["theme"] = f"unknown theme {form.theme!r}: use light or dark"
    pairs = check("pairs", parse_pairs, form.pairs)
    window = check("dates", parse_window, form.date_from, form.date_to)
    if errors or page is None or fmt is None or pairs is None or window is None:
        return FormResult(None, errors)
    options = ExportOptions(
        page=page,
        format=fmt,
        theme=form.theme,
        title=form.title.strip(),
        pairs=pairs,
        start=window[0],
        end=window[1],
        with_graph=form.with_graph,
        with_sources=form.with_sources,
        with_context=form.with_context,
    )
    return FormResult(options, {})


def parse_format(value: str) -> ImageFormat:
    try:
        return ImageFormat(value.strip().lower())
    except ValueError:
        raise OptionError(f"unknown format {value!r}: use png, svg or pdf") from None


# The choices worth remembering between exports; title, pairs, dates and theme follow
# the window the dialog is opened from.
REMEMBERED = ("preset", "size", "scale", "format", "with_graph", "with_sources", "with_context")


def choices_path() -> Path:
    return user_dir() / CHOICES_FILE


def load_choices(base: ExportForm = ExportForm()) -> ExportForm:
    """The last choices over ``base``; a missing or damaged file gives ``base``."""
    try:
        raw: Any = json.loads(choices_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return base
    if not isinstance(raw, dict):
        return base
    types = {f.name: type(getattr(base, f.name)) for f in fields(base)}
    known = {k: v for k, v in raw.items() if k in REMEMBERED and type(v) is types[k]}
    form = replace(base, **known)
    # A remembered value that no longer validates is dropped, never shown as an error.
    errors = validate_form(form).errors
    bad = {k: getattr(base, k) for k in REMEMBERED if k in errors}
    if "preset" in errors or "size" in errors:
        bad.update(preset=base.preset, size=base.size)
    return replace(form, **bad)


def save_choices(form: ExportForm) -> None:
    data = {k: v for k, v in asdict(form).items() if k in REMEMBERED}
    try:
        choices_path().parent.mkdir(parents=True, exist_ok=True)
        choices_path().write_text(json.dumps(data, indent=2), encoding="utf-8")
    except OSError:
        pass  # a preference: never worth failing an export for


# -- wording ----------------------------------------------------------------------------


def pair_name(pair: Pair, actors: Mapping[str, Actor]) -> str:
    """``India-Vietnam`` with an en dash: short names as in the lane labels, else codes."""

    def short(code: str) -> str:
        actor = actors.get(code)
        return code if actor is None or len(actor.name) > 14 else actor.name

    return f"{short(pair.a)}–{short(pair.b)}"


def last_day(window: tuple[float, float]) -> date:
    return from_day(math.ceil(window[1]) - 1)


def years_text(window: tuple[float, float]) -> str:
    first, last = from_day(math.floor(window[0])).year, last_day(window).year
    return str(first) if first == last else f"{first}–{last}"


def window_text(window: tuple[float, float]) -> str:
    def human(d: date) -> str:
        return f"{d.day} {d.strftime('%b')} {d.year}"

    return f"{human(from_day(math.floor(window[0])))} – {human(last_day(window))}"


def default_title(names: Sequence[str], window: tuple[float, float]) -> str:
    years = years_text(window)
    if not names:
        return f"Bilateral ties, {years}"
    if len(names) > 3:
        return f"Bilateral ties of {len(names)} pairs, {years}"
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{listed} ties, {years}"


def caption_text(
    flt: EventFilter, window: tuple[float, float], pairs: Sequence[Pair], shown: int, hidden: int
) -> str:
    parts = [window_text(window), f"{shown} event{'s' if shown != 1 else ''}"]
    if pairs:
        parts.append("pairs: " + ", ".join(p.key for p in pairs))
    parts += flt.describe()
    if hidden:
        parts.append(f"{hidden} more lane{'s' if hidden != 1 else ''} not shown")
    return " · ".join(parts)


# -- the plan of one figure ---------------------------------------------------------------


@dataclass(frozen=True)
class FigurePlan:
    title: str
    caption: str
    window: tuple[float, float]
    lanes: tuple[Pair, ...]  # drawn, top to bottom
    events: tuple[Event, ...]  # events with a mark on a drawn lane (any date: drawing clips)
    shown: tuple[Event, ...]  # of those, the ones in the window, chronological
    footer: SourceFooter | None


def plan_figure(
    events: Sequence[Event],
    actors: Mapping[str, Actor],
    documents: Mapping[str, Document],
    lane_order: Sequence[Pair],
    window: tuple[float, float],
    flt: EventFilter,
    options: ExportOptions,
    max_lanes: int | None = None,
    note_limit: int = NOTE_LIMIT,
) -> FigurePlan:
    """Decide the figure's content. ``lane_order`` is the screen's (busiest first).

    With chosen pairs, exactly those lanes are drawn in the order typed. Otherwise
    the screen's lanes that have an event in the window, in the screen's order: a
    slide has no scrollbar, so lanes that show nothing are left out.
    """
    lo, hi = window

    def in_window(e: Event) -> bool:
        return e.when.start_day < hi and e.when.end_day > lo

    if options.pairs:
        lanes = list(options.pairs)
    else:
        busy = {p for e in events if in_window(e) for p in e.pairs}
        lanes = [p for p in lane_order if p in busy]
    hidden = max(len(lanes) - max_lanes, 0) if max_lanes is not None else 0
    lanes = lanes[: len(lanes) - hidden]
    drawn = set(lanes)
    on_lanes = tuple(e for e in events if drawn.intersection(e.pairs))
    shown = tuple(
        sorted(
            (e for e in on_lanes if in_window(e)),
            key=lambda e: (e.when.start_day, e.when.end_day, e.id),
        )
    )
    # A window of the user's choosing is named as chosen; an automatic one (padded
    # around the events) by the events' own span, so the title says 1945-2031, not 1942.
    label = (
        lo if options.start or not shown else max(lo, min(e.when.start_day for e in shown)),
        hi if options.end or not shown else min(hi, max(e.when.end_day for e in shown)),
    )
    title = options.title or default_title([pair_name(p, actors) for p in lanes], label)
    caption = caption_text(flt, label, options.pairs, len(shown), hidden)
    if options.caption.strip():
        caption = f"{options.caption.strip()} · {caption}"
    footer = (
        source_footer(
            shown, documents, note_limit, selected=options.selected, pinned=options.pinned
        )
        if options.with_sources
        else None
    )
    return FigurePlan(title, caption, window, tuple(lanes), on_lanes, shown, footer)
