"""The warm render path: one worker process re-rendering a document after a small edit.

    python benchmarks/bench_warm.py [--base fb8f540] [--rounds 4] [--renders 10]

This is what `mkdocs serve` asks of the render worker after each saved edit: the process has
imported WeasyPrint and kept the parsed stylesheets and fonts of the previous render (see
`_styles` in print/pdf.py); it gets the new print HTML and returns the PDF. Only
`pdf.render_job` is timed: the profile is loaded and the HTML built once, and each render
gets a unique edit so nothing can be cached by content.

The tree being benchmarked runs against `--base` (default: the commit the warm-path work
started from) checked out in a temporary git worktree, each in its own process with
PYTHONPATH at that tree's `hooks`. Runs alternate between the two trees, `--rounds` times,
so a noisy shared machine slows both alike; each run warms up, then times `--renders`
renders. The example profile of this tree is used by both, so both render the same content.

Cases:
- résumé, classic design, private copy: one word inserted in the summary (the page count
  stays at one) - the figure the target (at most 0.1 s) is about;
- the same résumé with a paragraph appended at the end, which pushes it to two pages (the
  measure first used in issue 12);
- the first application's letter in every design, one word inserted in its first paragraph.

Medians and minimums of wall-clock time, and the median of CPU time (steadier when other
jobs share the cores). Not a test: it reports, it does not fail.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = "fb8f540"
DESIGNS = ("classic", "modern", "sidebar")

CHILD = r"""
import dataclasses, json, sys, time
from pathlib import Path
from jobpacket.print import documents, outputs, pdf
from jobpacket.profile.validate import load_profile

profile, renders = Path(sys.argv[1]), int(sys.argv[2])
designs = sys.argv[3].split(",")
loaded = load_profile(profile)


def job_of(doc):
    return outputs._job(doc, outputs.cache_key(doc))


def edit_word(html, i):
    # One word more in the first paragraph of the summary or of the letter's body.
    for marker in ('<div class="summary"><p>', '<div class="letter-body">\n<p>'):
        if marker in html:
            return html.replace(marker, f"{marker}edit{i} ", 1)
    raise SystemExit("no paragraph to edit")


def edit_append(html, i):
    return html.replace("</body>", f"<p>appended paragraph {i}</p></body>", 1)


cases = [("resume-classic", job_of(documents.resume(loaded, public=False, design="classic")),
          edit_word),
         ("resume-classic-2pages", job_of(documents.resume(loaded, public=False,
                                                           design="classic")), edit_append)]
app = loaded.profile.applications[0].id
for d in designs:
    cases.append((f"letter-{d}", job_of(documents.letter(loaded, app, design=d)), edit_word))

result = {}
for name, job, edit in cases:
    for i in range(3):  # warm up: the style set, fonts and code paths of this case
        pdf.render_job(dataclasses.replace(job, html=edit(job.html, -1 - i)))
    wall, cpu = [], []
    for i in range(renders):
        j = dataclasses.replace(job, html=edit(job.html, i))
        w, c = time.perf_counter(), time.process_time()
        pdf.render_job(j)
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    result[name] = {"wall": wall, "cpu": cpu}
print(json.dumps(result))
"""


def _run(hooks: Path, renders: int, designs: tuple[str, ...]) -> dict[str, dict[str, list[float]]]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(hooks)
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(ROOT / "profiles" / "example.yml"),
            str(renders),
            ",".join(designs),
        ],
        cwd=hooks.parent,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default=BASE, help="git revision to compare with")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--renders", type=int, default=10)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(base), args.base],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        try:
            trees = {"before": base / "hooks", "after": ROOT / "hooks"}
            runs: dict[str, dict[str, dict[str, list[float]]]] = {t: {} for t in trees}
            for _ in range(args.rounds):
                for tree, hooks in trees.items():
                    for case, times in _run(hooks, args.renders, DESIGNS).items():
                        bucket = runs[tree].setdefault(case, {"wall": [], "cpu": []})
                        bucket["wall"] += times["wall"]
                        bucket["cpu"] += times["cpu"]
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(base)],
                cwd=ROOT,
                check=False,
                capture_output=True,
            )

    med = statistics.median
    print(f"warm re-render after a one-word edit: {args.base} (before) against this tree (after)")
    print(f"{args.rounds} alternating rounds x {args.renders} renders per case; times in ms")
    print(
        f"{'case':24s} {'before med/min':>16s} {'after med/min':>16s} {'ratio':>6s}"
        f" {'CPU before':>10s} {'CPU after':>10s}"
    )
    for case, before in runs["before"].items():
        after = runs["after"][case]
        b, a = before["wall"], after["wall"]
        print(
            f"{case:24s} {med(b) * 1000:7.0f} /{min(b) * 1000:6.0f}  "
            f"{med(a) * 1000:7.0f} /{min(a) * 1000:6.0f}  {med(a) / med(b):6.2f}"
            f" {med(before['cpu']) * 1000:10.0f} {med(after['cpu']) * 1000:10.0f}"
        )
    print("target for resume-classic: at most 100 ms")


if __name__ == "__main__":
    main()
