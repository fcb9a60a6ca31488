"""Benchmark the GDELT import and the columnar read on generated data.

    .venv/bin/python benchmarks/bench_import.py            # 1M rows, median of 3 runs
    .venv/bin/python benchmarks/bench_import.py --rows 200000 --runs 5

Each run imports the generated export into a fresh database in its own subprocess,
so the peak RSS printed is that import's own (``ru_maxrss``; the process that reads
the export beside it, see ``ingest/gdelt_process.py``, is printed apart), then loads
every event with ``Store.bulk_columns`` in another subprocess. One line per figure.

The machine line includes a calibration figure (a fixed pure-Python loop, in ns per
iteration): shared virtual machines vary in speed from minute to minute, and figures
taken at different times are only comparable relative to it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from machine import calibration_ns, machine_line  # benchmarks/machine.py, beside this script

HERE = Path(__file__).resolve().parent

IMPORT_CHILD = """
import json, resource, sys, time
from pathlib import Path
from timeline_app.services import Store
store = Store.open(Path(sys.argv[1]))
started = time.perf_counter()
report = store.import_gdelt([Path(sys.argv[2])])
seconds = time.perf_counter() - started
store.close()
print(json.dumps({"seconds": seconds, "rows": report.total("rows"),
                  "imported": report.total("imported"),
                  "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "reader_peak_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""

COLUMNS_CHILD = """
import json, resource, sys, time
from pathlib import Path
from timeline_app.services import Store
store = Store.open(Path(sys.argv[1]), create=False)
store.bulk_columns()  # warm the page cache, as a second query in the app would be
times = []
for _ in range(int(sys.argv[2])):
    started = time.perf_counter()
    columns = store.bulk_columns()
    times.append(time.perf_counter() - started)
print(json.dumps({"times": times, "rows": len(columns),
                  "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def child(code: str, *args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{done.stderr}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, default=HERE / "data", help="generated files")
    args = parser.parse_args(argv)

    export = args.data / f"bench-{args.rows}.export.CSV"
    if not export.exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate_gdelt.py"), "--count", str(args.rows),
             "--seed", "1", "-o", str(export)],
            check=True,
        )  # fmt: skip
    print(machine_line())
    print(f"data: {export} ({export.stat().st_size / 1e6:.0f} MB, {args.rows} rows)")

    seconds, peaks, reader_peaks = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            db = Path(tmp) / f"run{run}.sqlite3"
            result = child(IMPORT_CHILD, str(db), str(export))
            seconds.append(float(result["seconds"]))  # type: ignore[arg-type]
            peaks.append(int(result["peak_kib"]))  # type: ignore[call-overload]
            reader_peaks.append(int(result["reader_peak_kib"]))  # type: ignore[call-overload]
            print(f"import run {run + 1}: {seconds[-1]:.2f} s, {result['imported']} events")
        median = statistics.median(seconds)
        print(f"import median of {args.runs}: {median:.2f} s")
        print(f"import rate: {args.rows / median:,.0f} rows/s")
        print(
            f"import peak RSS: {max(peaks) / 1024:.0f} MiB (largest of {args.runs} runs); "
            f"reading process: {max(reader_peaks) / 1024:.0f} MiB"
        )
        columns = child(COLUMNS_CHILD, str(Path(tmp) / "run0.sqlite3"), str(args.runs))
        times: list[float] = columns["times"]  # type: ignore[assignment]
        print(
            f"bulk_columns median of {args.runs}: {statistics.median(times):.2f} s "
            f"for {columns['rows']} events (peak RSS {int(columns['peak_kib']) / 1024:.0f} MiB)"  # type: ignore[call-overload]
        )
    print(f"calibration after the runs: {calibration_ns():.0f} ns/loop")
    return 0


if __name__ == "__main__":
    sys.exit(main())
