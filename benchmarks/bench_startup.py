"""Cold start: process start to the window's first paint, for the source tree or a build.

Usage:
  python benchmarks/bench_startup.py                      # python -m timeline_app
  python benchmarks/bench_startup.py --frozen dist/BilateralTiesViewer/BilateralTiesViewer
  python benchmarks/bench_startup.py --db big.sqlite3      # an existing database

Each run starts the app in a fresh process with a fresh user data folder (so the first
run also builds the database from the bundled seeds, unless --db is given), with
TIMELINE_APP_STARTUP_REPORT=exit: the app prints the wall-clock times of its first
paint, of the curated timeline drawn and of the bulk layer drawn, then quits. Prints the median of several runs. Uses the offscreen platform unless
--platform says otherwise (xcb needs DISPLAY).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import machine_line  # benchmarks/machine.py, beside this script


def one_run(
    command: list[str], platform: str, db: str | None, data_dir: str | None = None
) -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory(prefix="timeline-start-") as fresh:
        data = data_dir or fresh
        env = {**os.environ, "TIMELINE_APP_DATA_DIR": data, "TIMELINE_APP_STARTUP_REPORT": "exit"}
        env["QT_QPA_PLATFORM"] = platform
        args = command + (["--db", db] if db else [])
        started = time.time()
        result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
        times = dict(line.split() for line in result.stdout.splitlines() if "-wall-time " in line)
        wanted = ("first-paint-wall-time", "data-drawn-wall-time", "bulk-drawn-wall-time")
        if any(label not in times for label in wanted):
            raise RuntimeError(f"no start-up report: {result.stdout[-500:]} {result.stderr[-500:]}")
        first, data, bulk = (float(times[label]) - started for label in wanted)
        return first, data, bulk


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frozen", type=Path, help="path of the built executable")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--platform", default="offscreen")
    parser.add_argument("--db", help="open this database instead of building one from the seeds")
    parser.add_argument(
        "--restart",
        action="store_true",
        help="keep one user data folder across runs, as a user restarting the app does "
        "(settings and the bulk column cache survive); default: a fresh folder per run",
    )
    args = parser.parse_args()
    print(machine_line())
    command = [str(args.frozen)] if args.frozen else [sys.executable, "-m", "timeline_app"]
    label = "frozen build" if args.frozen else "source tree"
    kept = tempfile.mkdtemp(prefix="timeline-restart-") if args.restart else None
    one_run(
        command, args.platform, args.db, kept
    )  # warm the OS file cache once, as a re-launch would
    samples = [one_run(command, args.platform, args.db, kept) for _ in range(args.runs)]
    what = f"database {args.db}" if args.db else "bundled seeds"
    # A fresh user folder each run: the first start on a machine (with the bundled
    # seeds, that includes building the database). --restart: the folder (database,
    # settings, column cache) is kept, as when a user starts the app again.
    what += ", restart" if args.restart else ", first start"
    for i, figure in enumerate(
        ("window visible", "curated timeline drawn", "everything drawn (bulk layer included)")
    ):
        ms = [s[i] * 1000 for s in samples]
        print(
            f"start to {figure} ({label}, {what}, {args.platform}): median "
            f"{statistics.median(ms):.0f} ms (min {min(ms):.0f}, max {max(ms):.0f}, n={len(ms)})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
