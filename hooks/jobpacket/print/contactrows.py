"""The lines of a printed contact line, decided before WeasyPrint lays them out.

Left to the browser, "address · email · phone · web" wraps wherever the measure runs out and
leaves a separator dangling at the end of a line, at the top of every letter and résumé. CSS
has no way to drop a separator at a line's edge in centred text, so the lines are chosen
here, between items only, and each is set as a block with separators inside it alone.

A line's width is estimated from the advance widths of the two shipped faces (advances.py,
generated from the font files and checked against them by a test), with a margin for what
the estimate leaves out; reading the fonts at render time would slow every cold render.
The measures below restate the CSS (base.css and each design's sheet): a test renders every
document in every design on both papers and fails if a planned line wraps.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .advances import ABSENT, RANGES, TABLES

#: What separates two items within a line.
SEPARATOR = " · "
#: The share of the measure a planned line may fill: nearly all of it. The estimate of text
#: in the shipped faces is a shade wide already (kerning and ligatures only narrow a line),
#: and a glyph from a fallback face is a generous guess; what is left covers rounding.
FILL = 0.995

MM = 72 / 25.4
PAPER_WIDTH = {"Letter": 612.0, "A4": 210 * MM}
#: base.css: the page's side margins (résumé, reference index, brief, contents page) and
#: a letter's (27 mm on US Letter, 24 mm on A4).
PAGE_SIDES = 24 * MM
LETTER_SIDES = {"Letter": 54 * MM, "A4": 48 * MM}
#: modern.css: the accent rule and its gap beside a résumé's identity and a letterhead.
ACCENT = 3 + 4 * MM
#: base.css: room the photo keeps beside the name (`.has-photo .identity`).
PHOTO = 27 * MM
#: sidebar.css: the side column's share of the page's measure, its sections' padding (3 mm
#: and 4 mm), its text (0.95 em of 10 pt) and the contact block's sizes (.fit-1, .fit-2).
SIDE_SHARE = 0.31
SIDE_PADDING = 7 * MM
SIDE_SIZE = 9.5
SIDE_STEPS = (1.0, 0.9, 0.8)


@dataclass(frozen=True)
class Measure:
    """Where a contact line is set: its face, its size (pt) and the width of its box (pt)."""

    face: str
    size: float
    width: float


def measure(design: str, kind: str, paper: str, *, photo: bool = False) -> Measure:
    """The contact line's measure in a document of this kind and design on this paper."""
    face = "inter" if design == "modern" else "charis"
    body = 9.5 if design == "modern" else 10.0  # html's font-size in the design's sheet
    width = PAPER_WIDTH.get(paper, PAPER_WIDTH["A4"]) - PAGE_SIDES
    if kind == "letter":
        # .doc-letter: 11.75 pt (11.3 pt in modern); the letterhead's contact line 0.85 em
        size = (11.3 if design == "modern" else 11.75) * 0.85
        width = PAPER_WIDTH.get(paper, PAPER_WIDTH["A4"]) - LETTER_SIDES.get(paper, 48 * MM)
    elif kind == "contents":
        size = body * 0.85  # .doc-contents .letterhead .contact
    elif kind == "resume":
        size = 9.0 if design == "classic" else body  # classic: .doc-resume .contact 0.9 em
        width -= PHOTO if photo else 0
    else:
        size = 10.0  # .doc-references, .doc-brief
    if design == "modern" and kind in ("resume", "letter", "contents"):
        width -= ACCENT
    return Measure(face, size, width)


@lru_cache(maxsize=2)
def _advances(face: str) -> dict[int, int]:
    """A face's advance widths (thousandths of an em) by code point, decoded once."""
    table: dict[int, int] = {}
    for (start, _end), data in zip(RANGES, TABLES[face], strict=True):
        for i in range(0, len(data), 2):
            value = int(data[i : i + 2], 36)
            if value != ABSENT:
                table[start + i // 2] = value
    return table


def _fallback(char: str) -> int:
    """A character the shipped face lacks, set in a fallback face (Noto): a generous guess,
    by script. Arabic letters join, and set narrower than their isolated forms."""
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cf", "Cc"):
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1000
    point = ord(char)
    if 0x600 <= point <= 0x8FF or 0xFB50 <= point <= 0xFEFF:
        return 500
    if 0x590 <= point <= 0x5FF:
        return 580
    return 650


def text_width(text: str, face: str) -> float:
    """The width of `text` in ems of `face`, without kerning (which only narrows it)."""
    advances = _advances(face)
    return sum(advances.get(ord(c)) or _fallback(c) for c in str(text)) / 1000


def _group(item: dict[str, Any]) -> str:
    return str(item.get("group", ""))


#: What a line break costs inside a group: a postal address is the worst place to break.
_BREAK_COST = {"address": 4.0}


def contact_rows(items: Sequence[dict[str, Any]], where: Measure) -> list[list[dict[str, Any]]]:
    """The items in lines: as few lines as fit, breaking between groups (address; email and
    phone; web and profiles) where it can, and as even as it can.

    An item too long for a line has a line of its own (and may wrap inside it).
    """
    n = len(items)
    if not n:
        return []
    room = where.width * FILL / where.size  # in ems
    widths = [text_width(i["text"], where.face) for i in items]
    gap = text_width(SEPARATOR, where.face)

    # best[i]: the cheapest way to set items[i:], as (lines, cost, where the first line ends)
    best: list[tuple[int, float, int]] = [(0, 0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        choice: tuple[int, float, int] | None = None
        width = -gap
        for j in range(i + 1, n + 1):
            width += gap + widths[j - 1]
            if width > room and j > i + 1:
                break
            lines, cost, _ = best[j]
            slack = max(room - width, 0.0) / room
            cost += slack * slack
            if j < n and _group(items[j - 1]) == _group(items[j]):
                cost += _BREAK_COST.get(_group(items[j]), 1.0)
            option = (lines + 1, cost, j)
            if choice is None or option[:2] < choice[:2]:
                choice = option
        assert choice is not None
        best[i] = choice
    rows: list[list[dict[str, Any]]] = []
    i = 0
    while i < n:
        j = best[i][2]
        rows.append(list(items[i:j]))
        i = j
    return rows


def contact_lines(
    items: Sequence[dict[str, Any]], design: str, kind: str, paper: str, photo: object = None
) -> list[tuple[list[dict[str, Any]], bool]]:
    """The print templates' contact line: its lines, each with whether it is one item too
    long for the measure (set so that it may wrap inside itself rather than run off the
    page)."""
    where = measure(design, kind, paper, photo=bool(photo))
    limit = where.width * FILL / where.size
    return [
        (row, len(row) == 1 and text_width(row[0]["text"], where.face) > limit)
        for row in contact_rows(items, where)
    ]


def side_measure(paper: str) -> Measure:
    """The side column's measure (sidebar résumé) at its own text size."""
    width = (PAPER_WIDTH.get(paper, PAPER_WIDTH["A4"]) - PAGE_SIDES) * SIDE_SHARE
    return Measure("charis", SIDE_SIZE, width - SIDE_PADDING)


def contact_block(
    items: Sequence[dict[str, Any]], paper: str
) -> tuple[int, list[tuple[dict[str, Any], bool]]]:
    """The side column's contact block (sidebar résumé), an item a line: how many steps
    smaller it is set (0, or 1 and 2 for .fit-1 and .fit-2: the first at which its widest
    item fits the column, all of it alike), and each item with whether it is too wide even
    at the smallest step (set so that it may wrap rather than run out of the column over
    the main one).

    Measured, not counted: a Japanese character is as wide as two Latin letters, so an
    address that a count of characters took for short ran out over the main column."""
    where = side_measure(paper)
    room = where.width * FILL / where.size  # in ems at the column's own size
    widths = [text_width(i["text"], where.face) for i in items]
    widest = max(widths, default=0.0)
    step = next(
        (k for k, scale in enumerate(SIDE_STEPS) if widest * scale <= room), len(SIDE_STEPS) - 1
    )
    smallest = room / SIDE_STEPS[-1]
    return step, [(item, width > smallest) for item, width in zip(items, widths, strict=True)]


# --- the table of advance widths (advances.py) ---------------------------------------------

FONTS = Path(__file__).resolve().parent.parent / "assets" / "fonts"
FACES = {
    "charis": FONTS / "charis-sil" / "CharisSIL-Regular.ttf",
    "inter": FONTS / "inter" / "Inter-Regular.otf",
}


def font_table(path: Path) -> tuple[str, ...]:
    """A face's advance widths over RANGES as advances.py stores them: two base-36 digits a
    code point, in thousandths of an em rounded up (at most 1295: only the digraph letters
    "Ǌ" and "Ǳ" and a rare Cyrillic letter of Inter are wider), ABSENT where the face has
    no glyph."""
    import math

    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    per_em = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    metrics = font["hmtx"]
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"

    def code(value: int) -> str:
        return digits[value // 36] + digits[value % 36]

    out = []
    for start, end in RANGES:
        data = ""
        for point in range(start, end + 1):
            glyph = cmap.get(point)
            advance = metrics[glyph][0] if glyph else 0
            data += code(min(math.ceil(advance * 1000 / per_em), 1295)) if advance else code(ABSENT)
        out.append(data)
    return tuple(out)


def write_table() -> None:
    """Rewrite advances.py from the font files (`python -m jobpacket.print.contactrows`), as
    `ruff format` would write it."""
    lines = [
        '"""Advance widths of the two shipped faces, for contactrows.py. Generated from the',
        "font files by `python -m jobpacket.print.contactrows`; tests/test_print_advances.py",
        'checks them against the fonts. Do not edit by hand."""',
        "",
        "ABSENT = 0",
        f"RANGES = {RANGES!r}",
        "TABLES = {",
    ]
    for face, path in FACES.items():
        lines.append(f'    "{face}": (')
        for data in font_table(path):
            chunks = [data[k : k + 80] for k in range(0, len(data), 80)]
            if len(chunks) == 1:
                lines.append(f'        ("{data}"),')
                continue
            lines.append("        (")
            lines.extend(f'            "{chunk}"' for chunk in chunks)
            lines.append("        ),")
        lines.append("    ),")
    lines.append("}")
    target = Path(__file__).resolve().parent / "advances.py"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_table()
