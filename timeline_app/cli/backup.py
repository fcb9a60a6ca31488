"""``backup`` and ``restore``: a copy of the database now, and one put back."""

from __future__ import annotations

import argparse
from pathlib import Path

from timeline_app import paths
from timeline_app.cli.common import EXIT_OK, Subparsers, UserError, add_db
from timeline_app.safe_write import OutputError, refuse_unsafe_target
from timeline_app.store import backup
from timeline_app.store.db import open_database


def register(sub: Subparsers[argparse.ArgumentParser]) -> None:
    make = sub.add_parser("backup", help="copy the database (default: into the backups folder)")
    add_db(make)
    make.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="default: a dated file in backups/"
    )
    make.set_defaults(handler=cmd_backup)

    put_back = sub.add_parser(
        "restore", help="replace the database with a backup (the current one is kept too)"
    )
    add_db(put_back)
    put_back.add_argument("backup", type=Path, metavar="FILE", help="the backup to restore")
    put_back.set_defaults(handler=cmd_restore)


def _database(db: Path | None) -> Path:
    return Path(db) if db else paths.default_db_path()


def cmd_backup(args: argparse.Namespace) -> int:
    database = _database(args.db)
    # Read-only and checked: a damaged or foreign file is refused, never copied as good.
    open_database(database, create=False, read_only=True)
    if args.output is None:
        written = backup.backup_before(database, "requested")
        if written is None:
            raise UserError(f"{database}: the file is empty; there is nothing to back up")
    else:
        try:
            refuse_unsafe_target(args.output, [database])
        except OutputError as exc:
            raise UserError(str(exc)) from None
        written = backup.write_backup(database, args.output)
    info = backup.describe(written)
    print(f"Backed up {database} to {written} ({info.events} events, {info.size:,} bytes)")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    database = _database(args.db)
    kept = backup.restore(args.backup, database)
    info = backup.describe(database)
    print(f"Restored {database} from {args.backup} ({info.events} events)")
    if kept is not None:
        print(f"The file it replaced is kept as {kept}")
    return EXIT_OK
