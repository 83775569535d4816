"""Whole-process time of `jobpacket check` on the example profile (target: well under 0.5 s).

Prints the median of several runs and, as a floor, the median of a bare `python -c pass`
start-up, so the figure can be read on a noisy shared machine. The runs are interleaved, so
load from other programs hits every command alike. `check` keeps its findings between runs
(checks/cache.py) while no input changes, which is the usual case when it runs again; the
"first run" line times it with that cache emptied before each run (an edited profile, a new
day). CPU time and peak memory count the command's whole process tree (proctree.py). With
``--before DIR`` (an earlier checkout), that checkout's `check` is timed too.

    .venv/bin/python benchmarks/bench_check.py [--runs N] [--before DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proctree import Cost, load_average, measure

ROOT = Path(__file__).resolve().parent.parent
CHECK = [sys.executable, "-m", "jobpacket.cli", "check"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--before", type=Path, help="an earlier checkout to time alongside")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOBPACKET_")}
    env["PYTHONPATH"] = str(ROOT / "hooks")
    findings = ROOT / ".jobpacket-cache" / "checks"
    commands: dict[str, tuple[list[str], Path, dict[str, str], bool]] = {
        "python start-up (floor)": ([sys.executable, "-c", "pass"], ROOT, env, False),
        "jobpacket check example.yml": (CHECK, ROOT, env, False),
        "  first run (no findings kept)": (CHECK, ROOT, env, True),
    }
    if args.before:
        before = args.before.resolve()
        commands[f"before ({before.name})"] = (
            CHECK,
            before,
            {**env, "PYTHONPATH": str(before / "hooks")},
            False,
        )
    for cmd, cwd, run_env, _ in commands.values():  # warm up: .pyc files, word-list cache
        subprocess.run(cmd, cwd=cwd, env=run_env, check=True, capture_output=True)
    costs: dict[str, list[Cost]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, (cmd, cwd, run_env, cold) in commands.items():
            if cold:
                shutil.rmtree(findings, ignore_errors=True)
            costs[name].append(measure(cmd, run_env, cwd))
    med = statistics.median
    floor = med(c.wall for c in costs["python start-up (floor)"])
    for name, values in costs.items():
        median = med(c.wall for c in values)
        extra = "" if median == floor else f"  ({median - floor:.3f} s over start-up)"
        print(
            f"{name + ':':34} {median:.3f} s median of {args.runs}{extra}, CPU "
            f"{med(c.cpu for c in values):.3f} s, {med(c.pss_mb for c in values):.0f} MB PSS"
        )
    print(load_average())


if __name__ == "__main__":
    main()
