"""``timeline-app export-deck``: a briefing deck (.pptx or .pdf) of the saved views.

The views are read and planned Qt-free (``deck_plan``); Qt is loaded only to draw, on
the offscreen platform when there is no display. Every mistake is one line on stderr
and a non-zero exit status: 2 for a wrong command line (an unknown view name among
them), 1 for what the data or the disk refuse.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from timeline_app.deck_plan import (
    DeckError,
    DeckFormat,
    UnknownViewError,
    deck_format_for_path,
    read_deck_input,
)
from timeline_app.export.image_options import OptionError
from timeline_app.store.db import StoreError
from timeline_app.ui.figures.export_cli import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    OneLineParser,
    UsageError,
    ensure_platform,
)

PROG = "timeline-app export-deck"


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog=PROG,
        description="Write a briefing deck: one slide per saved view, in the saved order "
        "(or the order of --views), with the figure, the view's name and caption, and the "
        "sources (speaker notes in .pptx; notes under the figure and appendix pages in "
        ".pdf). Runs without a display.",
    )
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE",
                        help="brief.pptx or brief.pdf")  # fmt: skip
    parser.add_argument("--views", default="", metavar="A,B,...",
                        help="these saved views, in this order (default: all, in order)")  # fmt: skip
    parser.add_argument(
        "--db", type=Path, metavar="PATH", help="database file (default: in your user data folder)"
    )
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    return parser


def export_deck(output: Path, db: Path | None, names: str, theme: str) -> str:
    fmt = deck_format_for_path(output)
    deck = read_deck_input(db, names, theme)
    ensure_platform()
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([PROG])  # kept alive while drawing
    from timeline_app.ui.figures.deck_files import write_deck

    result = write_deck(
        output, deck.slides, deck.actors, deck.documents, fmt, protected=[db] if db else ()
    )
    kind = "slides" if fmt is DeckFormat.PPTX else f"pages ({result.slides} slides + appendix)"
    count = result.slides if fmt is DeckFormat.PPTX else result.pages
    return f"Wrote {output} ({count} {kind})"


def run(argv: Sequence[str]) -> int:
    try:
        args = build_parser().parse_args(list(argv))
        print(export_deck(args.output, args.db, args.views, args.theme), file=sys.stderr)
    except (UsageError, OptionError, UnknownViewError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (DeckError, StoreError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"{PROG}: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
