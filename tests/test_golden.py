"""Golden images: page 1 of every document in every design, rendered at 30 dpi and compared
with a reviewed PNG under tests/golden/, so that a change of design is a change someone saw.

Regenerate after an intended change, then look at the new PNGs before committing them:
    python -m pytest tests/test_golden.py --update-golden -p no:cacheprovider
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from jobpacket.print import designs, documents, outputs
from jobpacket.profile.validate import load_profile

from .conftest import EXAMPLE

pytestmark = pytest.mark.slow

GOLDEN = Path(__file__).resolve().parent / "golden"
#: Mean absolute difference per pixel (0 to 255) allowed: a moved line of text costs more
#: than 1.5, while font rasterisation differences between machines cost well under 0.5.
TOLERANCE = 1.5
CASES = [
    *((f"resume-{d}", "resume", None, d) for d in designs.DESIGNS),
    *((f"letter-{d}", "letter", "lakefront-clinical-ai-rse", d) for d in designs.DESIGNS),
    ("cover-classic", "letter", "keystone-genomics-staff-mle", "classic"),
    ("references-classic", "references", None, "classic"),
]


def _page_one(pdf: bytes, folder: Path) -> object:
    from PIL import Image

    path = folder / "doc.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", "-f", "1", "-l", "1", "-png", path, folder / "p"],
        check=True,
    )
    return Image.open(next(folder.glob("p-*.png"))).convert("L")


def _mean_difference(a: object, b: object) -> float:
    from PIL import ImageChops, ImageStat

    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean)  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "kind", "app_id", "design"), CASES, ids=[c[0] for c in CASES])
def test_page_one_matches_its_golden_image(
    name: str,
    kind: str,
    app_id: str | None,
    design: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    loaded = load_profile(EXAMPLE)
    if kind == "resume":
        doc = documents.resume(loaded, public=False, design=design)
    elif kind == "letter":
        doc = documents.letter(loaded, app_id or "", design=design)
    else:
        doc = documents.reference_index(loaded, design=design)
    image = _page_one(outputs.render_uncached(doc), tmp_path)
    golden = GOLDEN / f"{name}.png"
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(exist_ok=True)
        image.save(golden, optimize=True)  # type: ignore[attr-defined]
        return
    from PIL import Image

    assert golden.is_file(), f"no golden image {golden.name}; run pytest --update-golden"
    expected = Image.open(golden).convert("L")
    assert expected.size == image.size, (name, expected.size, image.size)  # type: ignore[attr-defined]
    difference = _mean_difference(expected, image)
    assert difference < TOLERANCE, f"{name} differs from its golden image by {difference:.2f}"
