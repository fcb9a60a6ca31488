"""``timeline-app export-image``: the timeline as a PNG, SVG or PDF file, without a display.

Arguments are checked by ``export.image_options`` (the rules the dialog uses) before
Qt is loaded; every mistake is one line on stderr and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from timeline_app.domain import EventFilter
from timeline_app.export.image_options import (
    CUSTOM,
    PRESETS,
    EmptyFigureError,
    ExportForm,
    ExportOptions,
    ImageFormat,
    OptionError,
    format_for_path,
    refuse_empty,
    validate_form,
    window_days,
)
from timeline_app.services import Store
from timeline_app.store.db import StoreError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
PROG = "timeline-app export-image"
# Form fields named as the options that set them, for one-line messages.
FLAGS = {
    "size": "--size",
    "scale": "--scale",
    "preset": "--preset",
    "format": "-o",
    "theme": "--theme",
    "pairs": "--pairs",
    "dates": "--from/--to",
}


class UsageError(Exception):
    """A bad command line; printed as one line."""


class OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse would print usage and exit
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog=PROG,
        description="Write the timeline as a slide-ready image. The format follows the "
        "file's extension: .png, .svg or .pdf. Runs without a display.",
    )
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    parser.add_argument(
        "--db", type=Path, metavar="PATH", help="database file (default: in your user data folder)"
    )
    parser.add_argument(
        "--from", dest="date_from", default="", metavar="DATE", help="YYYY[-MM[-DD]]"
    )
    parser.add_argument(
        "--to", dest="date_to", default="", metavar="DATE", help="through this date"
    )
    parser.add_argument(
        "--pairs", default="", metavar="A-B,C-D", help="only these lanes, e.g. IND-VNM,IND-RUS"
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--preset", choices=list(PRESETS), default="slide")
    size.add_argument("--size", metavar="WxH", help="custom size in pixels, e.g. 1600x900")
    parser.add_argument("--scale", default="1", metavar="N", help="1, 2 or 3 (PNG pixels)")
    parser.add_argument("--title", default="", help="default: names the pairs and the years")
    parser.add_argument(
        "--with-graph", action="store_true", help="the relationship panel beside it"
    )
    parser.add_argument(
        "--with-sources", action="store_true", help="numbered source notes under it"
    )
    parser.add_argument(
        "--with-context",
        action="store_true",
        help="with --pairs: the panel also shows those events' ties to other pairs",
    )
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    return parser


def parse_request(argv: Sequence[str]) -> tuple[Path, Path | None, ExportOptions]:
    """The output file, the database and the validated options (no Qt, no database)."""
    args = build_parser().parse_args(list(argv))
    form = ExportForm(
        preset=CUSTOM if args.size else args.preset,
        size=args.size or "",
        scale=args.scale,
        format=format_for_path(args.output).value,
        theme=args.theme,
        title=args.title,
        pairs=args.pairs,
        date_from=args.date_from,
        date_to=args.date_to,
        with_graph=args.with_graph,
        with_sources=args.with_sources,
        with_context=args.with_context,
    )
    result = validate_form(form)
    if result.options is None:
        field, message = next(iter(result.errors.items()))
        raise UsageError(f"{FLAGS.get(field, field)}: {message}")
    return args.output, args.db, result.options


def ensure_platform() -> None:
    """Without a display Qt would abort; offscreen renders the same pixels.

    Only X11/Wayland systems can lack one: Windows and macOS always have a display
    server, though they never set DISPLAY.
    """
    no_display = not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
    unix_desktop = sys.platform not in ("win32", "darwin")
    if no_display and unix_desktop and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def export(output: Path, db: Path | None, options: ExportOptions) -> str:
    store = Store.open(db, create=False)
    try:
        actors = {a.code: a for a in store.actors()}
        unknown = sorted({c for p in options.pairs for c in (p.a, p.b)} - actors.keys())
        if unknown:
            raise UsageError(f"--pairs: unknown actor code {', '.join(unknown)}")
        wanted = set(options.pairs)
        events = [e for e in store.events() if not wanted or wanted.intersection(e.pairs)]
        documents = {d.file_name: d for d in store.documents()}
    finally:
        store.close()
    ensure_platform()
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([PROG])  # kept alive while drawing
    from timeline_app.ui.figures.figure_files import write_figure
    from timeline_app.ui.figures.figure_layout import FigureSource

    window = window_days(options.start, options.end, events)
    refuse_empty(events, window, options.pairs)  # before any file is opened
    source = FigureSource(events, actors, documents, EventFilter(), window, options)
    plan = write_figure(output, source)
    w, h = options.page.pixel_size
    size = f"{w}x{h} px" if options.format is ImageFormat.PNG else options.format.value.upper()
    return f"Wrote {output} ({size}, {len(plan.shown)} events, {len(plan.lanes)} lanes)"


def run(argv: Sequence[str]) -> int:
    try:
        output, db, options = parse_request(argv)
        print(export(output, db, options), file=sys.stderr)
    except (UsageError, OptionError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (StoreError, EmptyFigureError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"{PROG}: error: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
