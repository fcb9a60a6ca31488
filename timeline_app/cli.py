"""Headless commands. Importing this module never imports Qt: it is the standing
proof that the core runs without a display.

Every error a user can cause is reported as one clear line on stderr with a
non-zero exit status, never as a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from timeline_app import __version__
from timeline_app.export.events_io import to_csv, to_json
from timeline_app.ingest.cameo import COUNTRY_CODE_RE
from timeline_app.ingest.corpus import read_corpus
from timeline_app.ingest.gdelt import GdeltError, MalformedRow
from timeline_app.ingest.problems import ValidationFailed
from timeline_app.saved_views import (
    SavedView,
    SavedViewError,
    filter_input,
    parse_pair,
    split_list,
    to_dict,
    window_of_dates,
)
from timeline_app.services import Store, corpus_paths
from timeline_app.store.db import StoreError

EXIT_OK = 0
EXIT_INVALID = 1  # the data is wrong (validation or integrity)
EXIT_USAGE = 2  # the command is wrong (argparse uses 2 as well)


class UserError(Exception):
    """A problem the user can fix; printed as one line."""


class UsageError(UserError):
    """A command given wrong values (exit 2, like argparse's own errors)."""


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", type=Path, metavar="PATH", help="database file (default: in your user data folder)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-app",
        description="Bilateral Ties Viewer. Without a command, opens the viewer.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    load = sub.add_parser("load", help="build or refresh the database from the curated files")
    _add_db(load)
    load.add_argument("--events", type=Path, metavar="FILE", help="curated events (YAML or JSON)")
    load.add_argument("--sources", type=Path, metavar="DIR", help="folder of articles + manifest")
    load.set_defaults(handler=cmd_load)

    check = sub.add_parser("check", help="validate the curated files and the database")
    _add_db(check)
    check.add_argument("--events", type=Path, metavar="FILE")
    check.add_argument("--sources", type=Path, metavar="DIR")
    check.set_defaults(handler=cmd_check)

    export = sub.add_parser("export-events", help="write the events as JSON or CSV")
    _add_db(export)
    export.add_argument("--format", choices=("json", "csv"), required=True)
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
    export.set_defaults(handler=cmd_export_events)

    gdelt = sub.add_parser(
        "import-gdelt",
        help="import GDELT 2.0 event exports (.export.CSV, a CSV with header, or a .zip)",
        description="Import GDELT 2.0 event exports as bulk events, in one transaction. "
        "Events without a country for both actors, and domestic events, are skipped.",
    )
    _add_db(gdelt)
    gdelt.add_argument("files", nargs="+", type=Path, metavar="FILE")
    gdelt.add_argument(
        "--countries",
        type=_country_list,
        metavar="CODES",
        help="keep only events between two of these countries, e.g. IND,VNM,RUS",
    )
    gdelt.add_argument(
        "--strict",
        action="store_true",
        help="stop at the first malformed row and write nothing (default: skip it)",
    )
    gdelt.set_defaults(handler=cmd_import_gdelt)
    _add_views(sub)
    return parser


def _add_views(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    views = sub.add_parser(
        "views",
        help="save, list and delete saved views (as in the viewer's Views panel)",
        description="Saved views live in the database, beside the events they show.",
    )
    actions = views.add_subparsers(dest="views_command", metavar="ACTION", required=True)
    save = actions.add_parser(
        "save",
        help="save a view; saving a name again updates that view",
        description="Save a view under NAME. A view of that name is updated in place "
        "(it keeps its place in the list).",
    )
    _add_db(save)
    save.add_argument("name", metavar="NAME")
    save.add_argument("--from", dest="date_from", default="", metavar="DATE",
                      help="first day shown, e.g. 2016 or 2016-03 or 2016-03-08")  # fmt: skip
    save.add_argument("--to", dest="date_to", default="", metavar="DATE",
                      help="last period shown (to its end: --to 2018 is to 31 Dec 2018)")  # fmt: skip
    save.add_argument("--pairs", default="", metavar="A-B,C-D", help="lanes, e.g. IND-VNM,IND-RUS")
    save.add_argument("--actors", default="", metavar="CODES", help="e.g. IND,VNM")
    save.add_argument("--categories", default="", metavar="NAMES", help="e.g. visit,exercise")
    save.add_argument("--modality", default="", metavar="NAMES", help="e.g. happened,agreed")
    save.add_argument("--search", default="", metavar="TEXT", help="full-text search, as typed")
    save.add_argument("--caption", default="", metavar="TEXT", help="a short line for the view")
    save.set_defaults(handler=cmd_views_save)
    listing = actions.add_parser("list", help="list the saved views in their order")
    _add_db(listing)
    listing.add_argument("--json", action="store_true", help="one JSON list, for scripts")
    listing.set_defaults(handler=cmd_views_list)
    delete = actions.add_parser("delete", help="delete a saved view")
    _add_db(delete)
    delete.add_argument("name", metavar="NAME")
    delete.set_defaults(handler=cmd_views_delete)


def _country_list(text: str) -> frozenset[str]:
    codes = frozenset(c.strip().upper() for c in text.split(",") if c.strip())
    bad = sorted(c for c in codes if not COUNTRY_CODE_RE.fullmatch(c))
    if bad:
        raise argparse.ArgumentTypeError(
            f"not three-letter CAMEO country codes: {', '.join(bad)} (write e.g. IND,VNM,RUS)"
        )
    if len(codes) < 2:
        raise argparse.ArgumentTypeError("name at least two countries (an event ties two)")
    return codes


def _open_existing(db: Path | None) -> Store:
    return Store.open(db, create=False)


def cmd_load(args: argparse.Namespace) -> int:
    store = Store.open(args.db)
    try:
        report = store.load(corpus_paths(args.events, args.sources))
    finally:
        store.close()
    print(f"Loaded into {store.path}: {report.summary()}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    failures: list[str] = []
    try:
        corpus = read_corpus(corpus_paths(args.events, args.sources))
        print(
            f"curated files: ok ({len(corpus.events)} events, "
            f"{sum(len(e.citations) for e in corpus.events)} citations, "
            f"{len(corpus.documents)} documents)"
        )
    except ValidationFailed as exc:
        failures += [str(p) for p in exc.problems]
    store = _open_existing(args.db)
    try:
        problems = store.integrity_problems()
        if not problems:
            print(f"database: ok ({store.counts().describe()}) at {store.path}")
        failures += problems
    finally:
        store.close()
    for line in failures:
        print(line, file=sys.stderr)
    return EXIT_INVALID if failures else EXIT_OK


def cmd_export_events(args: argparse.Namespace) -> int:
    store = _open_existing(args.db)
    try:
        events = store.events()
    finally:
        store.close()
    text = to_json(events) if args.format == "json" else to_csv(events)
    if args.output:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UserError(f"{args.output}: cannot write ({exc.strerror})") from None
        print(f"Wrote {len(events)} events to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_views_save(args: argparse.Namespace) -> int:
    try:
        flt = filter_input(
            date_from=args.date_from,
            date_to=args.date_to,
            actors=split_list(args.actors),
            categories=split_list(args.categories),
            modalities=split_list(args.modality),
            text=args.search,
        )
        pairs = tuple(dict.fromkeys(parse_pair(p) for p in split_list(args.pairs)))
        view = SavedView(
            name=args.name,
            window=window_of_dates(args.date_from, args.date_to),
            filter=flt,
            pairs=pairs,
            caption=args.caption,
        )
    except SavedViewError as exc:
        raise UsageError(str(exc)) from None
    store = _open_existing(args.db)
    try:
        known = {actor.code for actor in store.actors()}
        named = set(flt.actors) | {code for key in pairs for code in key.split("-")}
        unknown = sorted(named - known)
        if unknown:
            raise UsageError(
                f"unknown actor code {', '.join(unknown)} (codes as in the database, e.g. IND)"
            )
        added = store.save_view(view)
    finally:
        store.close()
    print(f"{'Saved' if added else 'Updated'} view {view.name!r}: {view.describe()}")
    return EXIT_OK


def cmd_views_list(args: argparse.Namespace) -> int:
    store = _open_existing(args.db)
    try:
        saved = store.saved_views()
    finally:
        store.close()
    if args.json:
        sys.stdout.write(json.dumps([to_dict(v) for v in saved], ensure_ascii=False, indent=2))
        sys.stdout.write("\n")
        return EXIT_OK
    if not saved:
        print("no saved views", file=sys.stderr)
    for number, view in enumerate(saved, start=1):
        print(f"{number}. {view.name}: {view.describe()}")
        if view.caption:
            print(f"   {view.caption}")
    return EXIT_OK


def cmd_views_delete(args: argparse.Namespace) -> int:
    store = _open_existing(args.db)
    try:
        store.delete_view(args.name)
    finally:
        store.close()
    print(f"Deleted view {args.name!r}")
    return EXIT_OK


SHOW_PROBLEMS = 20  # malformed rows listed by import-gdelt; the rest are counted


class ProgressLine:
    """Rows read and rows/s on stderr: one line redrawn at most five times a second on
    a terminal, or a plain line every 250,000 rows when stderr is a file or a pipe."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.started = self.last = time.monotonic()
        self.next_rows = 250_000
        self.drawn = False
        self.latest = (0, 0, 0)

    def __call__(self, rows: int, bytes_done: int, bytes_total: int) -> bool:
        now = time.monotonic()
        self.latest = (rows, bytes_done, bytes_total)
        if self.tty and now - self.last >= 0.2:
            self.stream.write("\r" + self._line(rows, bytes_done, bytes_total, now))
            self.stream.flush()
            self.last, self.drawn = now, True
        elif not self.tty and rows >= self.next_rows:
            self.stream.write(self._line(rows, bytes_done, bytes_total, now) + "\n")
            self.next_rows = (rows // 250_000 + 1) * 250_000
        return True

    def _line(self, rows: int, bytes_done: int, bytes_total: int, now: float) -> str:
        rate = rows / max(now - self.started, 1e-6)
        share = f" ({100 * bytes_done / bytes_total:.0f}%)" if bytes_total else ""
        return f"read {rows:,} rows{share}, {rate:,.0f} rows/s"

    def finish(self) -> None:
        if self.drawn:  # show the final count and end the redrawn line, once
            self.stream.write("\r" + self._line(*self.latest, time.monotonic()) + "\n")
            self.drawn = False


def cmd_import_gdelt(args: argparse.Namespace) -> int:
    store = Store.open(args.db)
    progress = ProgressLine(sys.stderr)
    try:
        report = store.import_gdelt(
            args.files, countries=args.countries, strict=args.strict, on_progress=progress
        )
    except MalformedRow as exc:
        progress.finish()
        print(exc.problem, file=sys.stderr)
        print("--strict: stopped at this malformed row; the database was not changed.",
              file=sys.stderr)  # fmt: skip
        return EXIT_INVALID
    except KeyboardInterrupt:
        progress.finish()
        print("interrupted; the database was not changed.", file=sys.stderr)
        return 130
    finally:
        progress.finish()
        store.close()
    for problem in report.problems[:SHOW_PROBLEMS]:
        print(problem, file=sys.stderr)
    malformed = report.total("malformed")
    if malformed > SHOW_PROBLEMS:
        print(f"... and {malformed - SHOW_PROBLEMS} more malformed row(s)", file=sys.stderr)
    for file in report.files:
        if file.already_imported:
            print(f"{file.name}: already imported; skipped", file=sys.stderr)
    print(f"Imported into {store.path} in {report.seconds:.1f} s: {report.summary()}")
    return EXIT_OK


def run(argv: Sequence[str] | None = None) -> int:
    """Run a headless command; returns the exit status."""
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
    except (StoreError, UserError, GdeltError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:  # e.g. `export-events ... | head`
        return EXIT_OK
