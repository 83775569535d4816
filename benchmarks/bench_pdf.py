"""How long the example's résumé PDF takes (targets: whole process < 1.0 s; < 10% over the floor).

1. Whole process: `jobpacket pdf resume` from a cold start, with no cached PDF (so WeasyPrint
   really renders), and once more with the PDF cached.
2. One warm process: jobpacket's pipeline from a loaded profile to PDF bytes (print HTML from
   the templates, the input digest, the confined fetcher, the time limit) against WeasyPrint
   alone on the same HTML and CSS with the same options: the floor. Runs alternate, so
   a noisy shared machine slows both alike.

Medians of several runs. Not a test: it reports, it does not fail.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 9


def _command() -> list[str]:
    script = Path(sys.executable).with_name("jobpacket")
    return [str(script)] if script.exists() else [sys.executable, "-m", "jobpacket.cli"]


def whole_process(*, warm_cache: bool) -> float:
    """Cold runs; `warm_cache` keeps rendered PDFs, otherwise only the parsed hyphenation
    patterns survive between runs, as they do in a site folder whose profile was edited."""
    import shutil

    times = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "resume.pdf"
        cache = Path(tmp) / "cache"
        env = {**os.environ, "JOBPACKET_CACHE_DIR": str(cache)}
        cmd = [*_command(), "pdf", "resume", "-o", str(out)]
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
        for _ in range(RUNS):
            if not warm_cache:
                shutil.rmtree(cache / "pdf", ignore_errors=True)
            start = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def warm_process() -> tuple[list[float], list[float]]:
    from weasyprint.text.fonts import FontConfiguration

    from jobpacket.print import documents, outputs
    from jobpacket.print.pdf import PDF_VARIANT, file_url, weasyprint
    from jobpacket.profile.validate import load_profile

    loaded = load_profile(ROOT / "profiles" / "example.yml")

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
    for _ in range(RUNS):
        for fn, bucket in ((ours, ours_t), (floor, floor_t)):
            start = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - start)
    return ours_t, floor_t


def main() -> None:
    cold = whole_process(warm_cache=False)
    cached = whole_process(warm_cache=True)
    ours, floor = warm_process()
    med, low = statistics.median, min
    rows = [
        ("jobpacket pdf resume, whole process, rendering", f"{cold:.3f} s  (target < 1.0 s)"),
        ("jobpacket pdf resume, whole process, cached", f"{cached:.3f} s"),
        ("warm process, jobpacket profile -> PDF", f"{med(ours):.3f} s (min {low(ours):.3f})"),
        ("warm process, WeasyPrint alone (floor)", f"{med(floor):.3f} s (min {low(floor):.3f})"),
        (
            "overhead over the floor",
            f"{100 * (med(ours) / med(floor) - 1):+.1f} % "
            f"(min {100 * (low(ours) / low(floor) - 1):+.1f} %)  (target < 10 %)",
        ),
    ]
    for label, value in rows:
        print(f"{label + ':':49s} {value}")
    print(f"{RUNS} runs each; on a busy machine the minimum is the steadier figure")


if __name__ == "__main__":
    main()
