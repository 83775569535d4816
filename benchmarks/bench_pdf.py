"""How long the example's résumé PDF takes, and how that compares with RenderCV.

    python benchmarks/bench_pdf.py [--runs 9] [--before OLD/hooks] [--rendercv PATH] [--busy N]
                                   [--worker]

1. Whole process, cold: `jobpacket pdf resume -o X` (`python -m jobpacket.launch`, what the
   `jobpacket` script runs; `python -m jobpacket.cli` in a tree without the launcher; with
   `--worker`, this tree's worker path too: `python -m jobpacket.cli`) with JOBPACKET_CACHE_DIR
   pointing at a new empty folder for every run (a true first run: WeasyPrint renders and
   nothing is cached), and once more with the PDF already cached. A third run starts each
   new cache with the spelling word lists of an earlier run only: new content on a machine
   where jobpacket has run before (RenderCV keeps its Typst package cache between runs
   too). With `--before`, the same commands run from an older checkout's `hooks` folder too
   (e.g. `git worktree add /tmp/base COMMIT`), so before and after are measured in one run.
2. RenderCV on the same content: the example profile's JSON Resume export
   (`rendercv_yaml` below: basics, work, volunteer, education, projects, skills, languages,
   interests, publications, certificates, awards; references and private documents are not
   on either résumé) as RenderCV YAML with the classic theme on US Letter, margins and type
   set so that it fills one page as ours does. Timed two ways, each with a new output folder
   per run: `rendercv render FILE -nomd -nohtml -nopng`, RenderCV's PDF only (it always
   writes the Typst source it compiles): the like-for-like comparison and the one the target
   is about; and plain `rendercv render FILE`, its default outputs (PDF, PNG, Markdown,
   HTML). RenderCV is not a dependency; it is found with `--rendercv PATH`, the RENDERCV
   environment variable, or `rendercv` on PATH, and the comparison is skipped with a hint
   when it is absent. Install it apart from jobpacket:
       python3 -m venv /tmp/rcv && /tmp/rcv/bin/pip install "rendercv[full]==2.3"
   (rendercv 2.3 with typer 0.2x also needs `pip install click`). Its classic theme imports
   the Typst package @preview/fontawesome:0.5.0, which Typst downloads on first use; without
   network, put that package (the v0.5.0 tag of duskmoon314/typst-fontawesome) in
   ~/.cache/typst/packages/preview/fontawesome/0.5.0/. Every RenderCV run asks pypi.org for
   a newer version, with no timeout and no switch to turn it off; `https_proxy=http://127.0.0.1:9`
   in the environment makes that request fail at once, so a slow PyPI cannot slow the anchor.
3. One warm process: jobpacket's pipeline from a loaded profile to PDF bytes (print HTML from
   the templates, the input digest, the confined fetcher, the time limit) against WeasyPrint
   alone on the same HTML and CSS with the same options: the floor.

What a whole-process time is: from starting the command to its exit, which is when a shell
gives the prompt back. A command's helper processes (jobpacket's fork server, the resource
tracker) may outlive it by a few tens of milliseconds; the time until the last process of the
run is gone is printed too, as "all gone", and the next run waits for it. CPU time and peak
memory count the whole process tree (benchmarks/proctree.py: CPU from wait4 of the command and
of the orphans it leaves, memory as the peak of the summed PSS of all its processes, and the
sum of each one's VmHWM as an upper bound). Every command runs with PYTHONDONTWRITEBYTECODE
unset, so both tools use their bytecode caches as installed. `--busy N` keeps N pure-Python
loops running meanwhile: a busy machine, where only CPU time counts.

Runs of the different commands alternate, so a noisy shared machine slows them all alike.
Medians of several runs. Not a test: it reports, it does not fail.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proctree import Busy, Cost, load_average, measure

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "profiles" / "example.yml"
RUNS = 9
INSTALL_HINT = (
    "RenderCV not found: skipping the comparison. Install it apart from jobpacket with "
    '`python3 -m venv /tmp/rcv && /tmp/rcv/bin/pip install "rendercv[full]==2.3" click`, '
    "then pass --rendercv /tmp/rcv/bin/rendercv (or set RENDERCV); see this file's docstring "
    "for its Typst package and its check for a newer version"
)


# -- RenderCV input -------------------------------------------------------------------------


def _date(value: str | None) -> str | None:
    """RenderCV takes YYYY, YYYY-MM or YYYY-MM-DD, and `present`."""
    if not value:
        return None
    return "present" if value.lower() == "present" else value


def _dated(entry: dict[str, Any], start: str = "startDate", end: str = "endDate") -> dict[str, Any]:
    out: dict[str, Any] = {}
    if entry.get(start):
        out["start_date"] = _date(entry[start])
        out["end_date"] = _date(entry.get(end)) or "present"
    return out


def _clean(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if v not in (None, "", [])}


def _joined(*parts: str | None) -> str:
    return ", ".join(p for p in parts if p)


def rendercv_yaml(resume: dict[str, Any]) -> str:
    """The JSON Resume `resume` as a RenderCV 2.x input file (YAML is a superset of JSON, so
    the file is written as JSON): the same content, section for section, as jobpacket's
    résumé prints; RenderCV's classic theme, US Letter, the date in the footer as ours."""
    basics = resume.get("basics", {})
    loc = basics.get("location", {})
    cv: dict[str, Any] = {
        "name": basics.get("name"),
        "location": ", ".join(x for x in (loc.get("city"), loc.get("region")) if x) or None,
        "email": basics.get("email"),
        "phone": (basics.get("phone") or "").replace(" ", "-", 1) or None,
        "website": basics.get("url"),
        "social_networks": [
            {"network": p["network"], "username": p["username"]}
            for p in basics.get("profiles", [])
            if p.get("network") in ("GitHub", "LinkedIn", "Mastodon") and p.get("username")
        ],
    }
    sections: dict[str, list[Any]] = {}
    if basics.get("summary"):
        sections["summary"] = [basics["summary"]]
    sections["experience"] = [
        _clean(
            {
                "company": w.get("name"),
                "position": w.get("position"),
                "location": w.get("location"),
                **_dated(w),
                "highlights": w.get("highlights"),  # no summary: jobpacket's résumé has none
            }
        )
        for w in resume.get("work", [])
    ]
    sections["projects"] = [
        _clean(
            {
                "name": p.get("name"),
                **_dated(p),
                "summary": p.get("description"),
                "highlights": p.get("highlights"),
            }
        )
        for p in resume.get("projects", [])
    ]
    sections["education"] = [
        _clean(
            {
                "institution": e.get("institution"),
                "area": ", ".join(x for x in (e.get("studyType"), e.get("area")) if x),
                **_dated(e),
                "highlights": [f"GPA: {e['score']}"] if e.get("score") else None,
            }
        )
        for e in resume.get("education", [])
    ]
    sections["skills"] = [
        {
            "label": s["name"] + (f" ({s['level']})" if s.get("level") else ""),
            "details": ", ".join(s.get("keywords", [])),
        }
        for s in resume.get("skills", [])
    ]
    languages = resume.get("languages", [])
    interests = resume.get("interests", [])
    if languages or interests:
        sections["skills"] += [
            {
                "label": label,
                "details": ", ".join(items),
            }
            for label, items in (
                ("Languages", [f"{x['language']} ({x['fluency']})" for x in languages]),
                ("Interests", [x["name"] for x in interests]),
            )
            if items
        ]
    sections["publications"] = [
        _clean(
            {
                "title": p.get("name"),
                "authors": [basics.get("name")],
                "journal": p.get("publisher"),
                "date": _date(p.get("releaseDate")),
                "url": p.get("url"),
            }
        )
        for p in resume.get("publications", [])
    ]
    sections["certifications"] = [
        _clean({"name": _joined(c.get("name"), c.get("issuer")), "date": _date(c.get("date"))})
        for c in resume.get("certificates", [])
    ]
    sections["awards"] = [
        _clean({"name": _joined(a.get("title"), a.get("awarder")), "date": _date(a.get("date"))})
        for a in resume.get("awards", [])
    ]
    sections["volunteering"] = [
        _clean(
            {
                "company": v.get("organization"),
                "position": v.get("position"),
                **_dated(v),
                "highlights": v.get("highlights"),
            }
        )
        for v in resume.get("volunteer", [])
    ]
    cv["sections"] = {k: v for k, v in sections.items() if v}
    document = {
        "cv": _clean(cv),
        "design": {  # one page, as jobpacket's: smaller margins and type than the defaults
            "theme": "classic",
            "page": {
                "size": "us-letter",
                **{f"{side}_margin": "1cm" for side in ("top", "bottom", "left", "right")},
                "show_page_numbering": False,
                "show_last_updated_date": False,
            },
            "text": {"font_size": "9pt"},
            "header": {
                "name_font_size": "24pt",
                "vertical_space_between_name_and_connections": "0.4cm",
                "vertical_space_between_connections_and_first_section": "0.4cm",
            },
            "section_titles": {"vertical_space_above": "0.25cm", "vertical_space_below": "0.15cm"},
            "entries": {"vertical_space_between_entries": "0.6em"},
            "highlights": {"top_margin": "0.1cm", "vertical_space_between_highlights": "0.1cm"},
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def find_rendercv(explicit: str | None) -> str | None:
    """`--rendercv`, else $RENDERCV, else `rendercv` on PATH."""
    for candidate in (explicit, os.environ.get("RENDERCV"), shutil.which("rendercv")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


# -- whole processes ------------------------------------------------------------------------


def _env(hooks: Path | None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
    env.pop("JOBPACKET_PROFILE", None)
    if hooks is not None:
        env["PYTHONPATH"] = str(hooks)
    env.update(extra)
    return env


def timed(cmd: list[str], env: dict[str, str], cwd: Path) -> Cost:
    """The command's whole process tree: wall, CPU and peak memory (benchmarks/proctree.py)."""
    return measure(cmd, env, cwd)


class Runner:
    """One command measured repeatedly; `setup` prepares a fresh run and returns its argv."""

    def __init__(self, label: str, setup: Callable[[Path], list[str]], env: dict[str, str]):
        self.label, self.setup, self.env = label, setup, env
        self.costs: list[Cost] = []

    @property
    def exited(self) -> list[float]:
        return [c.wall for c in self.costs]

    @property
    def gone(self) -> list[float]:
        return [c.gone for c in self.costs]

    @property
    def cpu(self) -> list[float]:
        return [c.cpu for c in self.costs]

    @property
    def pss(self) -> list[float]:
        return [c.pss_mb for c in self.costs]

    @property
    def hwm(self) -> list[float]:
        return [c.hwm_mb for c in self.costs]

    def once(self, tmp: Path) -> None:
        self.costs.append(timed(self.setup(tmp), self.env, ROOT))

    def clear(self) -> None:
        self.costs.clear()


def entry(hooks: Path) -> str:
    """The module the `jobpacket` script runs in that tree: the launcher where there is one."""
    return "jobpacket.launch" if (hooks / "jobpacket" / "launch.py").is_file() else "jobpacket.cli"


def jobpacket_runner(
    label: str,
    hooks: Path,
    *,
    cached: bool,
    module: str | None = None,
    word_lists: Path | None = None,
) -> Runner:
    """`jobpacket pdf resume` with a new, empty cache for every run, or (`cached`) one cache
    filled once. With `word_lists` (a primed cache folder), every new cache starts with its
    spelling word lists only: new content on a machine where jobpacket has run before. The
    word lists depend on the installed dictionaries, not on the profile, as RenderCV's Typst
    package cache (~/.cache/typst, kept between its runs) depends on its theme only."""
    cache_home = Path(tempfile.mkdtemp(prefix="bench-pdf-cache-"))
    counter = iter(range(1_000_000))
    runner = Runner(label, lambda tmp: [], _env(hooks))

    def setup(tmp: Path) -> list[str]:
        cache = cache_home / ("kept" if cached else f"run{next(counter)}")
        if word_lists is not None:
            shutil.copytree(word_lists / "spelling", cache / "spelling")
        runner.env["JOBPACKET_CACHE_DIR"] = str(cache)
        cmd = [sys.executable, "-m", module or entry(hooks)]
        return [*cmd, "pdf", "resume", "-o", str(tmp / "r.pdf")]

    runner.setup = setup
    if cached:  # fill the cache once
        with tempfile.TemporaryDirectory() as tmp:
            setup(Path(tmp))
            subprocess.run(
                setup(Path(tmp)), cwd=ROOT, env=runner.env, check=True, capture_output=True
            )
    return runner


def rendercv_runner(rendercv: str, source: str, *, pdf_only: bool = True) -> Runner:
    counter = iter(range(1_000_000))
    only = ["-nomd", "-nohtml", "-nopng"] if pdf_only else []

    def setup(tmp: Path) -> list[str]:
        folder = tmp / f"rcv-{'pdf' if pdf_only else 'all'}-{next(counter)}"
        folder.mkdir()
        (folder / "cv.yaml").write_text(source, encoding="utf-8")
        return [
            rendercv,
            "render",
            str(folder / "cv.yaml"),
            "-o",
            str(folder / "out"),
            *only,
        ]

    label = "RenderCV, PDF only" if pdf_only else "RenderCV, default outputs"
    return Runner(label, setup, _env(None))


# -- one warm process -----------------------------------------------------------------------


def warm_process(runs: int) -> tuple[list[float], list[float]]:
    from weasyprint.text.fonts import FontConfiguration

    from jobpacket.print import documents, outputs
    from jobpacket.print.pdf import PDF_VARIANT, file_url, weasyprint
    from jobpacket.profile.validate import load_profile

    loaded = load_profile(EXAMPLE)

    def ours() -> bytes:
        return outputs.render_uncached(documents.resume(loaded, public=False))

    doc = documents.resume(loaded, public=False)
    sheets = [(p.read_text(encoding="utf-8"), file_url(p)) for p in doc.stylesheets]
    identifier = bytes.fromhex(outputs.cache_key(doc)[:32])

    def floor() -> bytes:
        fonts = FontConfiguration()
        css = [weasyprint.CSS(string=t, base_url=b, font_config=fonts) for t, b in sheets]
        html = weasyprint.HTML(string=doc.html, base_url=sheets[0][1])
        return html.write_pdf(
            stylesheets=css, font_config=fonts, pdf_variant=PDF_VARIANT, pdf_identifier=identifier
        )

    assert ours() == floor(), "the floor must render the very same PDF"
    ours_t, floor_t = [], []
    for _ in range(runs):
        for fn, bucket in ((ours, ours_t), (floor, floor_t)):
            start = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - start)
    return ours_t, floor_t


def _export(hooks: Path) -> dict[str, Any]:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "jobpacket.cli",
            "export",
            "--include-private",
            "--profile",
            str(EXAMPLE),
        ],
        cwd=ROOT,
        env=_env(hooks),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def _ratios(a: Runner, b: Runner) -> str:
    med = statistics.median
    return (
        f"{med(a.exited) / med(b.exited):.2f}x of the medians, "
        f"{min(a.exited) / min(b.exited):.2f}x of the minimums, "
        f"{med(a.cpu) / med(b.cpu):.2f}x of the CPU, "
        f"{med(a.pss) / med(b.pss):.2f}x of the summed memory (PSS)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--before", type=Path, help="the hooks folder of an older checkout")
    parser.add_argument("--rendercv", help="the rendercv command (default: $RENDERCV, PATH)")
    parser.add_argument("--no-warm", action="store_true", help="skip the one-process part")
    parser.add_argument(
        "--worker",
        action="store_true",
        help="also time this tree's one-shot render through a worker (python -m jobpacket.cli)",
    )
    parser.add_argument(
        "--busy", type=int, default=0, metavar="N", help="keep N CPU-bound loops running meanwhile"
    )
    args = parser.parse_args()
    after = ROOT / "hooks"

    trees: list[tuple[str, Path, str | None]] = [("", after, None)]
    if args.worker:
        trees.append((" (worker)", after, "jobpacket.cli"))
    if args.before:
        trees.append((" (before)", args.before.resolve(), None))
    cold = [
        jobpacket_runner(f"jobpacket pdf resume{s}", h, cached=False, module=m) for s, h, m in trees
    ]
    cached = [
        jobpacket_runner(f"jobpacket pdf resume{s}, cached", h, cached=True, module=m)
        for s, h, m in trees
    ]
    primed = Path(cached[0].env["JOBPACKET_CACHE_DIR"])
    cold.append(
        jobpacket_runner(
            "jobpacket pdf resume, word lists kept", after, cached=False, word_lists=primed
        )
    )
    rendercv = find_rendercv(args.rendercv)
    rcv: list[Runner] = []
    if rendercv is None:
        print(INSTALL_HINT)
    else:
        source = rendercv_yaml(_export(after))
        rcv = [rendercv_runner(rendercv, source, pdf_only=only) for only in (True, False)]
    print(f"before: {load_average()}; {args.busy} busy loops")
    with tempfile.TemporaryDirectory() as tmp, Busy(args.busy):
        for runner in rcv:  # one untimed run, which also shows that RenderCV works here
            try:
                runner.once(Path(tmp))
            except SystemExit as exc:
                print(f"RenderCV failed, skipping the comparison: {exc}")
                rcv = []
                break
        runners = [*cold, *rcv, *cached]
        for runner in runners:  # one untimed run each: bytecode caches, file system caches
            runner.once(Path(tmp))
            runner.clear()
        for _ in range(args.runs):
            for runner in runners:
                runner.once(Path(tmp))

        print(f"after: {load_average()}")
    med = statistics.median
    print(f"whole processes, medians of {args.runs} alternating runs (min in brackets):")
    for r in runners:
        print(
            f"  {r.label + ':':42s} {med(r.exited):.3f} s (min {min(r.exited):.3f})"
            f"  all gone {med(r.gone):.3f} s  CPU {med(r.cpu):.3f} s"
            f"  memory {med(r.pss):.0f} MB PSS, {med(r.hwm):.0f} MB summed VmHWM"
        )
    for other in rcv:
        for r in cold:
            ratios = [a / b for a, b in zip(r.exited, other.exited, strict=True)]
            print(
                f"  {r.label} / {other.label}: {_ratios(r, other)}, per alternating pair "
                f"{med(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f})  (target <= 0.9x)"
            )
    for i in range(1, len(cached)):  # the trees compared; `cold` also has the word lists run
        print(f"  cold, {cold[0].label} / {cold[i].label}: {_ratios(cold[0], cold[i])}")
        print(f"  cached, {cached[0].label} / {cached[i].label}: {_ratios(cached[0], cached[i])}")
    if args.no_warm:
        return
    sys.path.insert(0, str(after))
    ours, floor = warm_process(args.runs)
    print("one warm process (jobpacket's pipeline against WeasyPrint alone):")
    print(f"  jobpacket profile -> PDF:  {med(ours):.3f} s (min {min(ours):.3f})")
    print(f"  WeasyPrint alone (floor):  {med(floor):.3f} s (min {min(floor):.3f})")
    print(
        f"  overhead over the floor:   {100 * (med(ours) / med(floor) - 1):+.1f} % "
        f"(min {100 * (min(ours) / min(floor) - 1):+.1f} %)  (target < 10 %)"
    )


if __name__ == "__main__":
    main()
