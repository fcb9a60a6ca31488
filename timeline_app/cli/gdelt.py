"""``import-gdelt``: bulk events from GDELT 2.0 exports, with a progress line."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

from timeline_app.cli.common import EXIT_INVALID, EXIT_OK, Subparsers, add_db
from timeline_app.ingest.cameo import COUNTRY_CODE_RE
from timeline_app.ingest.gdelt import MalformedRow
from timeline_app.services import Store


def register(sub: Subparsers[argparse.ArgumentParser]) -> None:
    gdelt = sub.add_parser(
        "import-gdelt",
        help="import GDELT 2.0 event exports (.export.CSV, a CSV with header, or a .zip)",
        description="Import GDELT 2.0 event exports as bulk events, in one transaction. "
        "Events without a country for both actors, and domestic events, are skipped.",
    )
    add_db(gdelt)
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
