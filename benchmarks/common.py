"""Timing helpers shared by the benchmarks: medians, percentiles, subprocess wall time."""

import statistics
import subprocess
import sys
import time
from pathlib import Path

# Chromium's settings live with the tests; benchmarks use the same ones.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser_settings import ARGS as CHROMIUM_ARGS, CHROMIUM, launch as launch_chromium, only  # noqa: E402,F401


def timed(fn, repeat=5, warmup=1):
    """Seconds per call of `fn`, as a list of `repeat` samples after `warmup` calls."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def samples(fn, args):
    """Seconds of each call `fn(arg)`, one sample per arg."""
    out = []
    for arg in args:
        start = time.perf_counter()
        fn(arg)
        out.append(time.perf_counter() - start)
    return out


def median(samples):
    return statistics.median(samples)


def p99(samples):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]


def wall(cmd, repeat=5, **kwargs):
    """Wall-clock seconds of a whole command, `repeat` samples."""
    def run():
        subprocess.run(cmd, check=True, capture_output=True, **kwargs)
    return timed(run, repeat=repeat, warmup=1)


def table(header, rows):
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(row, widths))))
