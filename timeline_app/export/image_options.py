"""What a timeline image export contains and how it is sized: Qt-free and unit-tested.

The dialog and the ``export-image`` command both fill an ``ExportForm`` with what
the user typed; ``validate_form`` turns it into ``ExportOptions`` (or one message
per bad field). ``plan_figure`` then decides what the figure says: lanes, title,
caption and the numbered source notes. Drawing is ``timeline_app.ui.figures.render``'s job.

Each field's reader is in ``image_fields``, the plan in ``figure_plan`` and the notes in
``figure_notes``; their names stay importable from here, where the dialog, the commands
and the decks look for them.

This module may not import ``timeline_app.layout`` or ``timeline_app.filters``
(independent layers), so the caller passes the lane order in, and dates are read
with ``timeline_app.dates`` by the same rule as ``filters.build_filter``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from timeline_app.domain import Pair
from timeline_app.export.figure_notes import (
    NOTE_LIMIT,
    SourceFooter,
    source_footer,
    truncate_quote,
)
from timeline_app.export.figure_plan import (
    EmptyFigureError,
    FigurePlan,
    caption_text,
    default_title,
    pair_name,
    plan_figure,
    refuse_empty,
)
from timeline_app.export.image_fields import (
    CUSTOM,
    MAX_PIXELS,
    PRESETS,
    THEME_NAMES,
    ImageFormat,
    OptionError,
    PageSpec,
    check_readable,
    format_for_path,
    page_for,
    parse_format,
    parse_pairs,
    parse_scale,
    parse_size,
    parse_window,
    slide_text_px,
    window_days,
)
from timeline_app.paths import user_dir
from timeline_app.safe_write import write_text

__all__ = [
    "CUSTOM",
    "NOTE_LIMIT",
    "PRESETS",
    "EmptyFigureError",
    "ExportForm",
    "ExportOptions",
    "FigurePlan",
    "FormResult",
    "ImageFormat",
    "OptionError",
    "PageSpec",
    "SourceFooter",
    "caption_text",
    "default_title",
    "format_for_path",
    "load_choices",
    "page_for",
    "pair_name",
    "parse_format",
    "parse_pairs",
    "parse_scale",
    "parse_size",
    "parse_window",
    "plan_figure",
    "refuse_empty",
    "save_choices",
    "slide_text_px",
    "source_footer",
    "truncate_quote",
    "validate_form",
    "window_days",
]

CHOICES_FILE = "export.json"


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
        write_text(choices_path(), json.dumps(data, indent=2))  # whole or not at all
    except OSError:
        pass  # a preference: never worth failing an export for
