"""What every command shares: exit codes, the errors a user can cause, the --db option."""

from __future__ import annotations

import argparse
from pathlib import Path

from timeline_app.services import Store

EXIT_OK = 0
EXIT_INVALID = 1  # the data is wrong (validation or integrity)
EXIT_USAGE = 2  # the command is wrong (argparse uses 2 as well)

Subparsers = argparse._SubParsersAction  # the type add_subparsers returns


class UserError(Exception):
    """A problem the user can fix; printed as one line."""


class UsageError(UserError):
    """A command given wrong values (exit 2, like argparse's own errors)."""


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", type=Path, metavar="PATH", help="database file (default: in your user data folder)"
    )


def open_existing(db: Path | None) -> Store:
    return Store.open(db, create=False)
