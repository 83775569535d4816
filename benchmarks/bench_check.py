"""Whole-process time of `jobpacket check` on the example profile (target: well under 0.5 s).

Prints the median of several runs and, as a floor, the median of a bare `python -c pass`
start-up, so the figure can be read on a noisy shared machine.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 9


def median_seconds(cmd: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    floor = median_seconds([sys.executable, "-c", "pass"])
    check = median_seconds([sys.executable, "-m", "jobpacket.cli", "check"])
    print(f"python start-up (floor):     {floor:.3f} s median of {RUNS}")
    print(f"jobpacket check example.yml: {check:.3f} s median of {RUNS}")
    print(f"check minus start-up:        {check - floor:.3f} s")


if __name__ == "__main__":
    main()
