"""``export-package`` and ``import-package``: share a collection as one checked zip."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from timeline_app.articles.package import OnConflict, PackageError
from timeline_app.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    Subparsers,
    UserError,
    add_db,
    open_existing,
)
from timeline_app.safe_write import OutputError


def register(sub: Subparsers[argparse.ArgumentParser]) -> None:
    export = sub.add_parser(
        "export-package", help="write imported articles and their events to one zip"
    )
    add_db(export)
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    export.set_defaults(handler=cmd_export_package)

    merge = sub.add_parser("import-package", help="merge a collection package into the database")
    merge.add_argument("package", type=Path, metavar="FILE")
    add_db(merge)
    merge.add_argument(
        "--on-conflict",
        choices=[c.value for c in OnConflict],
        help="when an id is here with other content: keep ours (skip), take theirs "
        "(replace) or add theirs under a new id (keep-both); default: stop and list them",
    )
    merge.set_defaults(handler=cmd_import_package)


def cmd_export_package(args: argparse.Namespace) -> int:
    store = open_existing(args.db)
    try:
        articles, events = store.export_package(args.output)
    except OutputError as exc:  # its message names the file, the reason and what was kept
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
    finally:
        store.close()
    print(f"Wrote {articles} articles and {events} events to {args.output}")
    return EXIT_OK


def cmd_import_package(args: argparse.Namespace) -> int:
    from timeline_app.store.collection import PackageConflicts

    if not args.package.is_file():
        raise UserError(f"{args.package}: no such file")
    on_conflict = OnConflict(args.on_conflict) if args.on_conflict else None
    store = open_existing(args.db)
    try:
        report = store.import_package(args.package, on_conflict)
    except PackageError as exc:
        raise UserError(f"{exc}; nothing was written") from None
    except PackageConflicts as exc:
        for conflict in exc.conflicts:
            print(conflict, file=sys.stderr)
        print(
            f"{len(exc.conflicts)} conflict(s): nothing was written. Choose with "
            "--on-conflict skip|replace|keep-both.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    finally:
        store.close()
    print(f"Merged {args.package}: {report.summary()}")
    return EXIT_OK
