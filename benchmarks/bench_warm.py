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

`--phases` instead splits this tree's warm résumé render into WeasyPrint's three public
steps (parsing the HTML, `HTML.render`: styles, boxes and layout, `Document.write_pdf`:
painting, tags, serialisation and compression), as CPU time, and times the floor: the same
words as plain paragraphs in one font.
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


PHASES = r"""
import dataclasses, json, re, statistics, sys, time
from pathlib import Path
import weasyprint
from jobpacket.print import documents, outputs, pdf
from jobpacket.profile.validate import load_profile

loaded = load_profile(Path(sys.argv[1]))
renders = int(sys.argv[2])
doc = documents.resume(loaded, public=False, design="classic")
job = outputs._job(doc, outputs.cache_key(doc))
fetcher = pdf.ConfinedFetcher(job.roots)
fonts, css = pdf._styles(job.stylesheets, job.roots, fetcher)
marker = '<div class="summary"><p>'
times = {"parse": [], "render": [], "write": [], "floor": []}
for i in range(renders + 3):
    html = job.html.replace(marker, f"{marker}edit{i} ", 1)
    t0 = time.process_time()
    parsed = weasyprint.HTML(string=html, base_url=job.stylesheets[0][1], url_fetcher=fetcher)
    t1 = time.process_time()
    done = parsed.render(stylesheets=css, font_config=fonts, pdf_variant=job.variant,
                         pdf_identifier=job.identifier, cache=pdf._images)
    t2 = time.process_time()
    done.write_pdf(pdf_variant=job.variant, pdf_identifier=job.identifier)
    t3 = time.process_time()
    if i >= 3:
        times["parse"].append(t1 - t0)
        times["render"].append(t2 - t1)
        times["write"].append(t3 - t2)
body = re.sub(r"<[^>]+>", " ", job.html.split("<body", 1)[1].split(">", 1)[1])
paras = [line.strip() for line in body.split("\n") if line.strip()]
face = re.search(r"@font-face \{[^}]*\}", "".join(t for t, _ in job.stylesheets)).group(0)
name = re.search(r'font-family: ("[^"]+")', face).group(1)
floor_css = ((face + f" html {{ font-family: {name}; font-size: 10pt }} "
              "@page { size: Letter; margin: 9mm 12mm }", job.stylesheets[-1][1]),)
for i in range(renders + 3):
    words = "".join(f"<p>{'edit%d ' % i if k == 0 else ''}{p}</p>" for k, p in enumerate(paras))
    html = f"<!DOCTYPE html><html lang=en><head><title>x</title></head><body>{words}</body></html>"
    t0 = time.process_time()
    pdf.render_job(dataclasses.replace(job, html=html, stylesheets=floor_css))
    if i >= 3:
        times["floor"].append(time.process_time() - t0)
print(json.dumps({k: statistics.median(v) for k, v in times.items()} | {"paragraphs": len(paras)}))
"""


def _phases(renders: int) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT / "hooks")
    out = subprocess.run(
        [sys.executable, "-c", PHASES, str(ROOT / "profiles" / "example.yml"), str(renders)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    got = json.loads(out.stdout.strip().splitlines()[-1])
    total = got["parse"] + got["render"] + got["write"]
    print(f"warm classic résumé, CPU medians of {renders} renders (ms):")
    for phase in ("parse", "render", "write"):
        print(f"  {phase:7s} {got[phase] * 1000:6.1f}  ({got[phase] / total:4.0%})")
    print(f"  total   {total * 1000:6.1f}")
    print(
        f"floor: the same words as {got['paragraphs']} plain paragraphs in one font, tagged:"
        f" {got['floor'] * 1000:.1f} ms"
    )


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
    parser.add_argument("--phases", action="store_true", help="split this tree's render")
    args = parser.parse_args()
    if args.phases:
        _phases(args.renders)
        return

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
