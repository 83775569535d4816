"""How the cost grows with the profile (issue 12: growth exponent at most 1.1).

A "large profile" (x1: 40 jobs x 6 highlights, 60 projects, 100 publications, 30 references,
on top of the example's person) is generated at each scale, and three whole commands are
timed on it, each in a fresh process:

- `jobpacket check`
- `jobpacket pdf resume` with an empty PDF cache (the render time limit is raised for the
  run, so the figure is the render's own time, not where the default limit would stop it)
- `mkdocs build` with the PDFs already cached (one untimed build fills the cache first)
- a `mkdocs serve` rebuild: a saved edit of the profile until the résumé page shows it
  (bench_serve.py's real server; the PDF renders in the background and is not waited for);
  its memory is the serving process's peak

For each: the median wall time and CPU time of RUNS runs and the peak memory summed over
every process the command started, the render worker included (benchmarks/proctree.py: PSS
of the whole process tree, orphans reaped, so each figure is one command's own). The growth
exponent between the two largest scales is log(t_big / t_small) / log(scale_big /
scale_small): 1.0 is linear.

Not a test: it reports, it does not fail. Run it by hand on a quiet machine:

    .venv/bin/python benchmarks/bench_scale.py [--scales 1,4,16] [--runs 3]
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proctree import Cost, load_average
from proctree import measure as measure_tree
from scaled import make_site

ROOT = Path(__file__).resolve().parent.parent


def measure(cmd: list[str], cwd: Path, env: dict[str, str]) -> Cost:
    """One command's wall time, CPU time and peak summed PSS over its whole process tree."""
    return measure_tree(cmd, env, cwd)


Figures = tuple[float, float, float]  # median wall s, largest peak MB, median CPU s


def run_scale(scale: int, runs: int) -> dict[str, Figures]:
    with tempfile.TemporaryDirectory(prefix="jobpacket-scale-") as tmp:
        site = Path(tmp) / "site"
        make_site(site, scale)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        for key in ("JOBPACKET_PROFILE", "JOBPACKET_CACHE_DIR", "JOBPACKET_RENDER_TIMEOUT"):
            env.pop(key, None)
        env["PYTHONPATH"] = str(ROOT / "hooks")
        env["NO_MKDOCS_2_WARNING"] = "1"
        pdf_env = {**env, "JOBPACKET_RENDER_TIMEOUT": "3600"}
        launcher = (ROOT / "hooks" / "jobpacket" / "launch.py").is_file()
        cli = [sys.executable, "-m", "jobpacket.launch" if launcher else "jobpacket.cli"]
        build = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(Path(tmp) / "out")]
        subprocess.run(build, cwd=site, env=pdf_env, check=True, capture_output=True)  # warm
        figures: dict[str, list[Cost]] = {"check": [], "pdf": [], "build": []}
        for _ in range(runs):
            figures["check"].append(measure([*cli, "check"], site, env))
            empty = Path(tmp) / f"cache-{time.perf_counter_ns()}"
            figures["pdf"].append(
                measure(
                    [*cli, "pdf", "resume", "-o", str(Path(tmp) / "r.pdf")],
                    site,
                    {**pdf_env, "JOBPACKET_CACHE_DIR": str(empty)},
                )
            )
            figures["build"].append(measure(build, site, env))
        return {
            name: (
                statistics.median(c.wall for c in rows),
                max(c.pss_mb for c in rows),
                statistics.median(c.cpu for c in rows),
            )
            for name, rows in figures.items()
        }


def serve_rebuild(scale: int, runs: int) -> Figures:
    """Median seconds from a saved edit of the profile to the résumé page showing it under a
    real `mkdocs serve` (bench_serve.py's server), and the serving process's peak MB."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_serve

    with tempfile.TemporaryDirectory(prefix="jobpacket-scale-serve-") as tmp:
        site = bench_serve.make_site(Path(tmp) / "site", ROOT, scale)
        server = bench_serve.Server(site, ROOT)
        try:
            pages = [server.edit(wait_pdf=False)[0] for _ in range(runs)]
            peak = _peak_mb(server.proc.pid)
        finally:
            server.stop()
    return statistics.median(pages), peak, float("nan")


def _peak_mb(pid: int) -> float:
    """A running process's peak resident memory (VmHWM), in MB; 0 where /proc is missing."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,4,16")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-serve", action="store_true", help="skip the serve rebuild")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    results: dict[int, dict[str, Figures]] = {}
    for scale in scales:
        results[scale] = run_scale(scale, args.runs)
        if not args.no_serve:
            results[scale]["serve"] = serve_rebuild(scale, args.runs)
        row = "  ".join(
            f"{k} {t:7.2f} s (CPU {c:6.2f} s) {m:6.0f} MB"
            for k, (t, m, c) in results[scale].items()
        )
        print(f"x{scale:<3} {row}", flush=True)
    if len(scales) >= 2:
        small, big = scales[-2], scales[-1]
        for name in results[big]:
            exponent = math.log(results[big][name][0] / results[small][name][0]) / math.log(
                big / small
            )
            print(f"growth exponent x{small} -> x{big}, {name}: {exponent:.2f}")
    print(
        f"(medians of {args.runs} runs; peak memory: the largest summed PSS of any run, the "
        f"serving process's VmHWM for serve; {load_average()})"
    )


if __name__ == "__main__":
    main()
