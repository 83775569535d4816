"""What a render worker keeps between renders (print/pdf.py) changes neither the PDF nor what
may be read: decoded images are kept only for `data:` URLs, a file is fetched through the
confined fetcher by every render, and a warm render gives the bytes a fresh process gives."""

from __future__ import annotations

import base64
import io
import subprocess
import sys
from pathlib import Path

import pytest

from jobpacket.print import documents, outputs, pdf
from jobpacket.profile.validate import load_profile

from .conftest import EXAMPLE, ROOT

pytestmark = pytest.mark.slow


def _png(colour: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 40), colour).save(out, format="PNG")
    return out.getvalue()


def _image_page(url: str) -> str:
    return f'<html><body><p>Photo</p><img src="{url}" style="width: 2cm"></body></html>'


def test_a_file_image_is_read_again_by_every_render_and_only_inside_its_roots(
    tmp_path: Path,
) -> None:
    inside, outside = tmp_path / "inside", tmp_path / "outside"
    inside.mkdir()
    outside.mkdir()
    photo = inside / "photo.png"
    photo.write_bytes(_png("red"))
    html = _image_page(photo.as_uri())
    red = pdf.render_pdf(html, roots=[inside])
    assert photo.as_uri() not in pdf._images, "a file: URL must never be kept"

    photo.write_bytes(_png("blue"))  # the user replaces the photo between two renders
    blue = pdf.render_pdf(html, roots=[inside])
    assert blue != red, "the changed file was not read again"

    # The same document for another profile, whose roots do not hold the file: refused,
    # not served from what an earlier render decoded.
    with pytest.raises(pdf.RefusedFetch, match="was not read"):
        pdf.render_pdf(html, roots=[outside])


def test_a_data_image_is_kept_and_the_pdf_stays_the_same() -> None:
    url = "data:image/png;base64," + base64.b64encode(_png("green")).decode()
    html = _image_page(url)
    pdf._images.clear()
    first = pdf.render_pdf(html, roots=[])
    assert url in pdf._images, "the decoded image was not kept for the next render"
    assert pdf.render_pdf(html, roots=[]) == first


def test_the_image_cache_refuses_other_urls_and_empties_past_its_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = pdf._ImageCache()
    cache["file:///tmp/photo.png"] = object()
    cache["data:image/svg+xml;base64,PHN2Zy8+"] = object()
    cache["data:image/png;base64,AAAA"] = object()
    cache["0123abcd-source-"] = b"x" * 100
    assert sorted(cache) == ["0123abcd-source-", "data:image/png;base64,AAAA"]
    monkeypatch.setattr(pdf, "_IMAGE_CACHE_BYTES", 1000)
    cache.trim()
    assert len(cache) == 2
    cache["0123abcd-stream-"] = b"x" * 1000
    cache.trim()
    assert len(cache) == 0


FRESH = """
import sys
from pathlib import Path
from jobpacket.print import documents, outputs, pdf
from jobpacket.profile.validate import load_profile
doc = documents.resume(load_profile(Path(sys.argv[1])), public=False, design=sys.argv[2])
sys.stdout.buffer.write(pdf.render_job(outputs._job(doc, outputs.cache_key(doc))))
"""


@pytest.mark.parametrize("design", ["classic", "modern"])
def test_a_warm_render_gives_the_bytes_of_a_fresh_process(design: str) -> None:
    """The worker's kept stylesheets, fonts and images, its frozen objects and its garbage
    collection thresholds leave the output alone (modern has the photo)."""
    doc = documents.resume(load_profile(EXAMPLE), public=False, design=design)
    job = outputs._job(doc, outputs.cache_key(doc))
    for _ in range(2):  # warm: the second render reuses everything the first one kept
        warm = pdf.render_job(job)
    fresh = subprocess.run(
        [sys.executable, "-c", FRESH, str(EXAMPLE), design],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout
    assert fresh[:5] == b"%PDF-"
    assert warm == fresh
