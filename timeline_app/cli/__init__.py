"""Headless commands. Importing this package never imports Qt: it is the standing
proof that the core runs without a display.

Each command family lives in its own module with a ``register(sub)`` that adds its
parser; this module builds the parser and turns every error a user can cause into
one clear line on stderr with a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from timeline_app import __version__
from timeline_app.app_logging import setup_logging
from timeline_app.articles import ArticleError
from timeline_app.cli import articles, backup, data, events, gdelt, package, views
from timeline_app.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, UserError
from timeline_app.ingest.gdelt import GdeltError
from timeline_app.ingest.problems import ValidationFailed
from timeline_app.store.db import StoreError

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "build_parser", "run"]

# Command families, in the order `--help` lists them.
FAMILIES = (data, articles, events, package, gdelt, views, backup)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-app",
        description="Bilateral Ties Viewer. Without a command, opens the viewer.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for family in FAMILIES:
        family.register(sub)
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    """Run a headless command; returns the exit status."""
    setup_logging()
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return handler(args)
    except ValidationFailed as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(
            f"{len(exc.problems)} problem(s) found; the database was not changed.", file=sys.stderr
        )
        return EXIT_INVALID
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (StoreError, UserError, GdeltError, ArticleError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:  # e.g. `export-events ... | head`
        return EXIT_OK
