"""Application packets at scale (targets: < 0.15 s per packet beyond the first; peak resident
memory < 400 MB; linear growth from 10 to 50 applications).

One generated profile (the example's person, references and enclosures, with N generated
applications, each with its own letter, one attachment and one enclosed document) is bound in
one run, as `mkdocs build` or `jobpacket packet --all` does: a fresh process with an empty
PDF cache, so every letter, reference index and contents page is really rendered. Each run
is a new process so that its peak resident memory (getrusage) is its own.

Reported: the first packet's time (it pays for WeasyPrint's warm-up and the shared résumé),
the marginal time per packet beyond the first (median, and total over the rest / N-1), the
peak resident memory, and the ratios of the 50-application run to the 10-application run.
Wall-clock time depends on what else the machine runs; the CPU time of the binding process
(time.process_time) is reported next to it, and the CPU time and peak summed PSS of the whole
process tree, render workers included (benchmarks/proctree.py). Medians of RUNS runs. Not a
test: it reports, it does not fail.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proctree import load_average
from proctree import measure as measure_tree

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
SIZES = (10, 50)

_ORGS = ("Keystone", "Lakefront", "Allegheny", "Monongahela", "Three Rivers", "Riverside")
_ROLES = ("Machine Learning Engineer", "Data Scientist", "Research Software Engineer")


def _application(i: int) -> str:
    org = f"{_ORGS[i % len(_ORGS)]} Analytics {i}"
    role = f"Senior {_ROLES[i % len(_ROLES)]}"
    body = textwrap.indent(
        f"I am writing to apply for the {role} position at {org}. For three years I have led "
        "the engineering of clinical risk models, and I would welcome the chance to bring that "
        "experience to your team.\n\n"
        "At Allegheny I led a team of four that shipped a readmission risk model to **38 "
        "hospitals** and built drift monitoring that now catches a degraded model within a "
        "day.\n\nThank you for your time and consideration.\n",
        " " * 8,
    )
    return (
        f"  - id: generated-{i:03d}\n"
        f"    organization: {org}\n"
        f"    position: {role}\n"
        f"    contact:\n      name: Dr. Reader {i}\n      title: Hiring Manager\n"
        f'    applied: "2026-10-{1 + i % 28:02d}"\n'
        "    status: applied\n"
        "    letter:\n      kind: cover\n"
        f'      date: "2026-10-{1 + i % 28:02d}"\n'
        "      body: |\n"
        f"{body}"
        "    attachments:\n"
        "      - path: documents/ledgerline-case-study.pdf\n"
        '        title: "Work sample: ledgerline case study"\n'
        '    documents: ["Annual performance evaluation, 2025"]\n'
    )


def make_site(folder: Path, n: int) -> Path:
    """A site folder whose profile is the example with its applications replaced by n."""
    (folder / "profiles").mkdir(parents=True)
    shutil.copytree(ROOT / "profiles" / "documents", folder / "profiles" / "documents")
    shutil.copytree(ROOT / "content" / "images", folder / "content" / "images")
    (folder / "mkdocs.yml").write_text("site_name: bench\n", encoding="utf-8")
    text = (ROOT / "profiles" / "example.yml").read_text(encoding="utf-8")
    head, _, rest = text.partition("applications:\n")
    _, _, meta = rest.partition("\nmeta:\n")
    apps = "".join(_application(i) for i in range(n))
    profile = folder / "profiles" / "profile.yml"
    profile.write_text(f"{head}applications:\n{apps}\nmeta:\n{meta}", encoding="utf-8")
    return profile


def one_run(profile: str) -> None:
    """In a child process: bind every packet, print timings and peak memory as JSON."""
    import resource

    from jobpacket.print import outputs, packets
    from jobpacket.profile.validate import load_profile

    started = time.perf_counter()
    loaded = load_profile(Path(profile))
    out = Path(profile).parent.parent / "build" / "packets"
    cache = outputs.default_cache_dir(loaded)
    times, cpu = [], []
    for app in loaded.profile.applications:
        t, c = time.perf_counter(), time.process_time()
        run = packets.write_packets(loaded, [app.id], out, cache_dir=cache)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        assert run.written and not run.problems, run.problems
    total = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"times": times, "cpu": cpu, "total": total, "peak_mb": peak_kb / 1024}))


def measure(n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        profile = make_site(Path(tmp) / "site", n)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.pop("JOBPACKET_CACHE_DIR", None)  # the site's own, empty .jobpacket-cache/
        env["PYTHONPATH"] = str(ROOT / "hooks")
        cost = measure_tree([sys.executable, __file__, "--one", str(profile)], env, capture=True)
        data = json.loads(cost.stdout.decode().strip().splitlines()[-1])
        pages = 0
        from pypdf import PdfReader

        for pdf in (profile.parent.parent / "build" / "packets").glob("*.pdf"):
            pages += len(PdfReader(pdf).pages)
    rest = data["times"][1:]
    return {
        "first": data["times"][0],
        "marginal_median": statistics.median(rest),
        "marginal_mean": sum(rest) / len(rest),
        "marginal_cpu": statistics.median(data["cpu"][1:]),
        "total": data["total"],
        "peak_mb": data["peak_mb"],
        "pages": pages,
        "tree_cpu": cost.cpu,
        "tree_pss": cost.pss_mb,
    }


def main() -> None:
    results: dict[int, list[dict[str, float]]] = {n: [] for n in SIZES}
    for _ in range(RUNS):
        for n in SIZES:  # alternate, so a noisy shared machine slows both alike
            results[n].append(measure(n))
    med = {
        n: {k: statistics.median(r[k] for r in results[n]) for k in results[n][0]} for n in SIZES
    }
    for n in SIZES:
        m = med[n]
        print(
            f"{n:3d} applications ({m['pages']:.0f} pages): first packet {m['first']:.3f} s, "
            f"marginal {m['marginal_median']:.3f} s median / {m['marginal_mean']:.3f} s mean "
            f"({m['marginal_cpu']:.3f} s CPU), "
            f"total {m['total']:.2f} s, peak {m['peak_mb']:.0f} MB; whole process tree: "
            f"CPU {m['tree_cpu']:.2f} s, peak summed PSS {m['tree_pss']:.0f} MB"
        )
    small, large = med[SIZES[0]], med[SIZES[1]]
    # Linear growth: the 50-application total is what the 10-application run predicts.
    predicted = small["first"] + (SIZES[1] - 1) * small["marginal_mean"]
    predicted_10 = small["first"] + (SIZES[0] - 1) * small["marginal_mean"]
    print(
        f"{SIZES[1]}/{SIZES[0]}: total x{large['total'] / small['total']:.2f} "
        f"(linear predicts x{predicted / predicted_10:.2f}), "
        f"marginal x{large['marginal_median'] / small['marginal_median']:.2f}, "
        f"peak memory x{large['peak_mb'] / small['peak_mb']:.2f}"
    )
    print(load_average())


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        one_run(sys.argv[2])
    else:
        main()
