"""Where things land on a printed page, read back from the PDF with poppler-utils.

Two readings, because each is robust where the other is not:
- `pdftotext -bbox-layout` gives every word's box in PDF points (origin top left). Poppler
  computes it from the font's glyph advances and its ascent/descent, so it names the word
  that strays, but it cannot see rules, borders or images.
- `pdftoppm` rasterises the page (here at 72 dpi, one pixel per point, greyscale) and shows
  every painted mark, rules and tints included, but not which one.
A page is clean when no word box and no ink lies outside its content box (the page less the
margins of its @page rule in templates/print/base.css), allowing 1 pt for anti-aliasing.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

MM = 72 / 25.4
#: Margins (top, right, bottom, left) in mm by page rule: keep in step with base.css.
RESUME_MARGINS = (9, 12, 12, 12)
RESUME_FIRST_MARGINS = (9, 12, 8, 12)
#: A letter's side margins differ by paper (27 mm on US Letter, 24 mm on A4), for one body width.
LETTER_MARGINS = (22, 27, 20, 27)
LETTER_FIRST_MARGINS = (17, 27, 16, 27)
LETTER_A4_MARGINS = (22, 24, 20, 24)
LETTER_A4_FIRST_MARGINS = (17, 24, 16, 24)
A4_WIDTH = 210 * 72 / 25.4
TOLERANCE = 1.0  # pt


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]


def pages(pdf: bytes) -> list[Page]:
    """Every page's size and word boxes, from `pdftotext -bbox-layout`."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        xml = subprocess.run(
            ["pdftotext", "-bbox-layout", path, "-"], check=True, capture_output=True
        ).stdout
    xml = re.sub(rb"<!DOCTYPE[^>]*>", b"", xml)
    root = ElementTree.fromstring(xml)
    out = []
    for n, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        words = tuple(
            Word(n, w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in page.iter("{http://www.w3.org/1999/xhtml}word")
        )
        out.append(Page(n, float(page.get("width")), float(page.get("height")), words))
    return out


def content_box(page: Page, kind: str) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a page's content area in points."""
    if kind == "letter":
        a4 = abs(page.width - A4_WIDTH) < 1
        first = LETTER_A4_FIRST_MARGINS if a4 else LETTER_FIRST_MARGINS
        later = LETTER_A4_MARGINS if a4 else LETTER_MARGINS
        top, right, bottom, left = first if page.number == 1 else later
    else:
        top, right, bottom, left = RESUME_FIRST_MARGINS if page.number == 1 else RESUME_MARGINS
    return left * MM, top * MM, page.width - right * MM, page.height - bottom * MM


def strays(pdf: bytes, kind: str, footer: tuple[str, ...] = ()) -> list[str]:
    """What lies outside the content box: words by name, ink by page and side.

    The running footer (name, "Page n of m") lives in the bottom margin by design; its words
    are allowed there, and the bottom strip is checked for ink only on page 1, which has none.
    """
    from PIL import Image

    found: list[str] = []
    laid_out = pages(pdf)
    for page in laid_out:
        left, top, right, bottom = content_box(page, kind)
        for w in page.words:
            # Across: the advance widths are exact. Down: poppler's box spans the font's whole
            # ascent and descent, taller than the line, so only a word whose middle leaves
            # the content box counts; the raster below checks the ink.
            inside_x = w.x0 >= left - TOLERANCE and w.x1 <= right + TOLERANCE
            inside_y = top <= (w.y0 + w.y1) / 2 <= bottom
            in_footer = w.y0 > bottom and w.text in footer and page.number > 1
            if not (inside_x and inside_y) and not in_footer:
                found.append(f"page {page.number}: word {w.text!r} at {w.x0:.1f},{w.y0:.1f}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "72", "-gray", "-png", path, Path(folder) / "p"], check=True
        )
        images = sorted(Path(folder).glob("p-*.png"))
        for page, image_path in zip(laid_out, images, strict=True):
            image = Image.open(image_path).convert("L")
            left, top, right, bottom = content_box(page, kind)
            sx, sy = image.width / page.width, image.height / page.height
            strips = {
                "left": (0, 0, left - TOLERANCE, page.height),
                "right": (right + TOLERANCE, 0, page.width, page.height),
                "top": (0, 0, page.width, top - TOLERANCE),
            }
            if page.number == 1:
                strips["bottom"] = (0, bottom + TOLERANCE, page.width, page.height)
            for side, (x0, y0, x1, y1) in strips.items():
                box = (
                    max(0, int(x0 * sx)),
                    max(0, int(y0 * sy)),
                    min(image.width, int(x1 * sx) + 1),
                    min(image.height, int(y1 * sy) + 1),
                )
                darkest = image.crop(box).getextrema()[0]
                if darkest < 235:
                    found.append(f"page {page.number}: ink in the {side} margin ({darkest})")
    return found


def text_sizes(pdf: bytes, page: int = 0) -> dict[float, int]:
    """Characters set at each font size (pt) on a page, read with pypdf's text visitor: the
    size operand of Tf scaled by the text and transformation matrices' vertical factors."""
    import io
    from collections import Counter

    from pypdf import PdfReader

    sizes: Counter[float] = Counter()

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0])
            sizes[round(size * scale, 1)] += len(text.strip())

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return dict(sizes)
