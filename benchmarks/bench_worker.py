"""The render worker against the code before it, side by side in one run.

    python benchmarks/bench_worker.py --before /tmp/before/hooks

`--before` is the `hooks` folder of an older checkout (e.g. `git archive 8355512 hooks | tar
-x -C /tmp/before`); runs alternate between it and this tree, so a noisy shared machine slows
both alike. Every run starts with no cached PDF, so WeasyPrint really renders.

1. `jobpacket pdf resume`, whole process.
2. The same work in one process without the worker (load, HTML, WeasyPrint in-process,
   ordinary exit): what the one-shot command would cost without a worker.
3. `jobpacket pdf all` on the example (résumé, references, two letters).
4. A cohort of 20 profiles: before, 20 `jobpacket pdf all` one after another; after, one
   `jobpacket pdf all FOLDER` with one worker and with one per core.
5. Importing WeasyPrint with and without the find_library shortcut (speedups.py).
6. The machine's own ceiling: a pure-Python loop in one process twice against two processes
   at once. On a shared machine other jobs take cores; the pool cannot beat this ratio.

Every figure is the whole process tree's (benchmarks/proctree.py): wall time, CPU time of
every process (workers and helpers included) and the peak of their summed PSS.
Medians of several runs. Not a test: it reports, it does not fail.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proctree import Cost, load_average, measure

ROOT = Path(__file__).resolve().parent.parent
AFTER = ROOT / "hooks"
COHORT = 20

IN_PROCESS = """
import sys
from pathlib import Path
from jobpacket.print import documents, outputs, pdf
from jobpacket.profile.validate import load_profile
loaded = load_profile(Path("profiles/example.yml"))
doc = documents.resume(loaded, public=False)
key = outputs.cache_key(doc)
sheets = [(p.read_text(encoding="utf-8"), outputs.file_url(p)) for p in doc.stylesheets]
data = pdf.render_pdf(doc.html, stylesheets=sheets, roots=doc.roots,
                      identifier=bytes.fromhex(key[:32]))
Path(sys.argv[1]).write_bytes(data)
"""


def _env(hooks: Path, cache: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
    env.update(PYTHONPATH=str(hooks), JOBPACKET_CACHE_DIR=str(cache), **extra)
    env.pop("JOBPACKET_PROFILE", None)
    return env


def _timed(cmd: list[str], env: dict[str, str], cwd: Path, cache: Path) -> Cost:
    """The whole process tree's wall time, CPU and memory (proctree.py), with no cached PDF."""
    shutil.rmtree(cache / "pdf", ignore_errors=True)
    return measure(cmd, env, cwd)


def _costs(costs: list[Cost]) -> str:
    med = statistics.median
    return (
        f"{med(c.wall for c in costs):.3f} s, CPU {med(c.cpu for c in costs):.3f} s, "
        f"{med(c.pss_mb for c in costs):.0f} MB PSS"
    )


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "jobpacket.cli", *args]


def _cohort(folder: Path) -> list[Path]:
    """20 realistic profiles: the example under 20 names, in a site folder of their own."""
    shutil.copytree(ROOT / "content" / "images", folder / "content" / "images")
    (folder / "mkdocs.yml").write_text("site_name: Cohort\ndocs_dir: content\n", encoding="utf-8")
    profiles = folder / "profiles"
    shutil.copytree(ROOT / "profiles" / "documents", profiles / "documents")
    text = (ROOT / "profiles" / "example.yml").read_text(encoding="utf-8")
    paths = []
    for i in range(COHORT):
        path = profiles / f"student-{i:02d}.yml"
        path.write_text(text.replace("Elena M. Vasquez", f"Student Number {i}"), encoding="utf-8")
        paths.append(path)
    return paths


def _median(fn: Callable[[], float], runs: int) -> float:
    return statistics.median(fn() for _ in range(runs))


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def ceiling() -> float:
    """Speed-up two processes get over one on this machine right now (at most ~cores)."""
    import multiprocessing

    n = 10_000_000
    start = time.perf_counter()
    _spin(n), _spin(n)
    serial = time.perf_counter() - start
    with multiprocessing.get_context("forkserver").Pool(2) as pool:
        pool.map(_spin, [1, 1])
        start = time.perf_counter()
        pool.map(_spin, [n, n])
        parallel = time.perf_counter() - start
    return serial / parallel


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, required=True, help="hooks/ of the old code")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cohort-only", action="store_true", help="only the cohort's part")
    args = parser.parse_args()
    before, runs = args.before.resolve(), args.runs
    # Once, before anything is measured. Its forkserver outlives the pool as a child of this
    # process; proctree.measure() once took it for an orphan of the measured command and
    # waited for it forever (the "hang" of earlier runs). The cohort-only runs skip it.
    machine = float("nan") if args.cohort_only else ceiling()
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        cache = tmp / "cache"
        out = tmp / "out"

        def resume(hooks: Path) -> Cost:
            return _timed(
                _cli("pdf", "resume", "-o", str(out / "r.pdf")), _env(hooks, cache), ROOT, cache
            )

        def pdf_all(hooks: Path) -> Cost:
            return _timed(
                _cli("pdf", "all", "-o", str(out / "all")), _env(hooks, cache), ROOT, cache
            )

        def in_process() -> Cost:
            cmd = [sys.executable, "-c", IN_PROCESS, str(out / "in.pdf")]
            return _timed(cmd, _env(AFTER, cache), ROOT, cache)

        out.mkdir()
        for fn in (resume, pdf_all):  # warm the OS file cache and the bytecode
            fn(before), fn(AFTER)
        times: dict[str, list[Cost]] = {}
        for _ in range(0 if args.cohort_only else runs):
            for label, fn in (
                ("resume before", lambda: resume(before)),
                ("resume after", lambda: resume(AFTER)),
                ("resume in-process", in_process),
                ("all before", lambda: pdf_all(before)),
                ("all after", lambda: pdf_all(AFTER)),
            ):
                times.setdefault(label, []).append(fn())
        rows += (
            []
            if args.cohort_only
            else [
                ("jobpacket pdf resume, whole process, before", _costs(times["resume before"])),
                ("jobpacket pdf resume, whole process, after", _costs(times["resume after"])),
                ("  same work in one process, no worker", _costs(times["resume in-process"])),
                ("jobpacket pdf all (example), before", _costs(times["all before"])),
                ("jobpacket pdf all (example), after", _costs(times["all after"])),
            ]
        )

        folder = tmp / "cohort"
        paths = _cohort(folder)

        def cohort_before() -> Cost:
            shutil.rmtree(cache / "pdf", ignore_errors=True)
            each = []
            for i, path in enumerate(paths):
                cmd = _cli("pdf", "all", "--profile", str(path), "-o", str(out / f"b{i}"))
                each.append(measure(cmd, _env(before, cache), folder))
            return Cost(
                wall=sum(c.wall for c in each),
                gone=sum(c.gone for c in each),
                cpu=sum(c.cpu for c in each),
                pss_mb=max(c.pss_mb for c in each),
                hwm_mb=max(c.hwm_mb for c in each),
            )

        def cohort_after(workers: int, hooks: Path = AFTER) -> Cost:
            cmd = _cli("pdf", "all", str(folder / "profiles"), "-o", str(out / "cohort"))
            env = _env(hooks, cache, JOBPACKET_WORKERS=str(workers))
            return _timed(cmd, env, folder, cache)

        cores = os.cpu_count() or 1
        seq: list[Cost] = []
        one: list[Cost] = []
        pool: list[Cost] = []
        old_one: list[Cost] = []
        old_pool: list[Cost] = []
        for _ in range(max(1, runs // 2)):
            seq.append(cohort_before())
            one.append(cohort_after(1))
            old_one.append(cohort_after(1, before))  # the --before tree's own cohort command
            pool.append(cohort_after(cores))
            old_pool.append(cohort_after(cores, before))
        s, o, p = (statistics.median(c.wall for c in x) for x in (seq, one, pool))
        oo, op = (statistics.median(c.wall for c in x) for x in (old_one, old_pool))
        n = COHORT * 4
        rows += [
            (f"cohort of {COHORT} profiles ({n} PDFs), before: one at a time", _costs(seq)),
            ("cohort, after: one command, 1 worker", _costs(one)),
            (f"cohort, after: one command, {cores} workers", _costs(pool)),
            ("cohort, --before tree's one command, 1 worker", _costs(old_one)),
            (f"cohort, --before tree's one command, {cores} workers", _costs(old_pool)),
            ("  speed-up of the pool over 1 worker", f"{o / p:.2f}x (target >= 1.8x)"),
            ("  the same, --before tree", f"{oo / op:.2f}x"),
            (f"  {cores} workers, after / --before tree", f"{p / op:.2f}x"),
            ("  speed-up over before", f"{s / p:.2f}x"),
            (
                "  machine ceiling now (CPU loop, 2 processes vs 1)",
                f"{machine:.2f}x (measured before the runs)",
            ),
        ]

    def import_time(shortcut: bool) -> Cost:
        code = (
            f"from jobpacket.print.speedups import import_weasyprint; import_weasyprint({shortcut})"
        )
        return measure([sys.executable, "-c", code], _env(AFTER, ROOT), ROOT)

    plain: list[Cost] = []
    fast: list[Cost] = []
    for _ in range(0 if args.cohort_only else runs):
        plain.append(import_time(False))
        fast.append(import_time(True))
    if plain:
        rows += [
            ("import WeasyPrint (process), plain", _costs(plain)),
            ("import WeasyPrint (process), find_library shortcut", _costs(fast)),
        ]
    for label, value in rows:
        print(f"{label + ':':58s} {value}")
    print(f"{runs} runs each (cohort: {max(1, runs // 2)}); medians; {load_average()}")


if __name__ == "__main__":
    main()
