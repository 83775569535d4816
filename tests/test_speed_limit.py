"""The render time limit grows with the document (issue 12): a long academic CV is never
stopped for being long, while a short document keeps the base limit. Real WeasyPrint
renders in real worker processes; PDFs read back with pypdf."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from jobpacket import settings
from jobpacket.print import documents, outputs, worker
from jobpacket.print.worker import RenderPool, RenderTimeout, time_limit
from jobpacket.profile.validate import load_profile

from .conftest import EXAMPLE, copy_example_files
from .pdf_support import reader, text

pytestmark = pytest.mark.slow


def long_cv(site: Path) -> Path:
    """An academic CV: the example's person with 24 jobs and 80 publications."""
    copy_example_files(site)
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["work"] += [
        {
            "name": f"Institute for Computational Science {i}",
            "position": "Research Software Engineer",
            "startDate": f"{1990 + i}-01",
            "endDate": f"{1991 + i}-01",
            "highlights": [
                f"Result {h} of appointment {i}: a pipeline that halved the cost of a study."
                for h in range(6)
            ],
        }
        for i in range(24)
    ]
    data["publications"] += [
        {
            "name": f"Label shift in readmission models, part {i}",
            "publisher": "Journal of Open Research Software Engineering",
            "releaseDate": f"{1995 + i % 30}-06-01",
            "summary": "A monitoring method evaluated on data from 38 hospitals.",
        }
        for i in range(80)
    ]
    path = site / "profiles" / "cv.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_the_limit_grows_with_the_print_html() -> None:
    assert time_limit(60.0, 10_000, 250_000) == 60.0  # a one-page résumé: the base
    assert time_limit(60.0, 1_900_000, 250_000) == pytest.approx(456.0)  # bench_scale's x16
    assert time_limit(60.0, 1_900_000, None) == 60.0
    assert time_limit(None, 1_900_000, 250_000) is None
    assert worker.pool().per_bytes == settings.RENDER_TIMEOUT_BYTES


def test_a_long_cv_renders_under_a_base_limit_that_used_to_stop_it(tmp_path: Path) -> None:
    loaded = load_profile(long_cv(tmp_path))
    doc = documents.resume(loaded, public=False)
    job = outputs._job(doc, outputs.cache_key(doc))
    size = len(job.html.encode("utf-8"))
    base, per_bytes = 0.4, 2_000  # a scaled-down default: 0.4 s per 2 KB of print HTML

    flat = RenderPool(size=1, timeout=base)  # the limit as it was: the same for any length
    try:
        with pytest.raises(RenderTimeout, match=r"^resume: rendering took longer than 0\.4 s "):
            flat.render(job)
    finally:
        flat.close()

    scaled = RenderPool(size=1, timeout=base, per_bytes=per_bytes)
    try:
        assert scaled.limit(job)[0] == pytest.approx(base * size / per_bytes)
        data = scaled.render(job)
    finally:
        scaled.close()
    assert len(reader(data).pages) >= 5
    assert "part 79" in text(data) and "Institute for Computational Science 23" in text(data)


def test_a_stopped_long_document_says_how_its_limit_was_computed() -> None:
    html = "<html><body>" + ("<p>" + "word " * 4000 + "</p>") * 30 + "</body></html>"
    job = worker.RenderJob(html=html, stylesheets=(), roots=(), identifier=b"t", what="cv")
    pool = RenderPool(size=1, timeout=0.1, per_bytes=200_000)
    try:
        with pytest.raises(
            RenderTimeout,
            match=r"^cv: rendering took longer than 0\.3\d* s \(0\.1 s per 200 KB of print HTML\)",
        ):
            pool.render(job)
    finally:
        pool.close()
