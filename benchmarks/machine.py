"""What the figures were measured on: one line for the top of every benchmark's output.

The calibration figure is a fixed pure-Python loop, in ns per iteration: this
project's 2-core virtual machine measures about 50 when quiet and twice that when
its host is busy, so figures taken at different times compare only relative to it.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def calibration_ns() -> float:
    """Median of five: ns per iteration of a plain Python loop."""
    times = []
    for _ in range(5):
        started = time.perf_counter()
        total = 0
        for i in range(2_000_000):
            total += i
        times.append(time.perf_counter() - started)
    return statistics.median(times) / 2_000_000 * 1e9


def machine_line() -> str:
    return (
        f"machine: {os.cpu_count()} CPUs, {cpu_model()}; Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}; calibration {calibration_ns():.0f} ns/loop"
    )


def timed_ms(fn: Callable[[], object], runs: int) -> str:
    """``fn`` run ``runs`` times: the median, min and max in milliseconds, one line."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return f"median {statistics.median(samples):8.2f} ms (min {min(samples):.2f}, max {max(samples):.2f}, n={runs})"
