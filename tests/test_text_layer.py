"""What an applicant tracking system reads from a printed header: the name, the label and each
contact item as words of their own, never run into a neighbour.

WeasyPrint paints each line of each block as its own text object and puts no space or line
break between two blocks; a reader infers them from positions. pypdf, like many résumé
parsers, starts a new line only where the next baseline is far enough below the last one
(0.8 of the size of the text above), so a contact line set close under a large name used to
read as one word with it: "Maria-Josefina Castellanos-WhitfieldFlat 4B, The Old Mill Building".

Real résumés and letters of the example, of the example without a label, and of the harder
profiles of test_print_contactrows.py (long name and address, many contact items and a photo,
only an email, Arabic, Hebrew, Japanese; none has a label), in every design, read back with
pypdf's plain and layout-aware extraction; the sidebar résumé's side column, seen on the
page, keeps its text out of the main one. And a job's title line in a right-to-left résumé,
English or in the résumé's own script, in the order of its words.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from jobpacket.print import designs, documents, outputs
from jobpacket.print.layout import contact_items
from jobpacket.print.printkit import PrintDocument
from jobpacket.profile.validate import LoadedProfile, load_profile

from .conftest import EXAMPLE, ROOT
from .pdf_support import reader
from .test_print_contactrows import BIDI, EXAMPLE_APP, HARDER, RTL, wraps_in_side_column

pytestmark = pytest.mark.slow

#: A word of right-to-left text with its combining marks (shadda, vowel points), which \w
#: alone would cut it at.
WORD = re.compile(r"[\w\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]+")
PROFILES = ("example", "example-unlabelled", *HARDER)
#: How far below the name the next line's baseline must lie, in the name's size: pypdf
#: needs more than 0.8, and a fallback face (Arabic, Hebrew, Japanese) sets a line a little
#: higher or lower than the shipped ones.
CLEARANCE = 0.84
#: sidebar.css: the side column's tint, and the gutter beside it (the main column's 5 mm
#: padding) at 100 dpi, less a pixel or two at each side for anti-aliasing.
TINT = (0xF4, 0xF0, 0xEA)
GUTTER = (3, 17)
#: A pixel darker than this (0 to 255) is ink: the core of a glyph at 7.6 pt, not the tint.
INK = 160


def _load(tmp_path: Path, name: str, **changes: Any) -> LoadedProfile:
    """The profile on US Letter (with `changes` to its top-level keys), in a site folder that
    has the example's photo."""
    site = tmp_path / name
    (site / "profiles").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", site)
    shutil.copytree(ROOT / "content" / "images", site / "content" / "images")
    data: dict[str, Any]
    if name.startswith("example"):
        data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
        shutil.copytree(EXAMPLE.parent / "documents", site / "profiles" / "documents")
        if name == "example-unlabelled":
            data["basics"].pop("label")
    else:
        data = HARDER[name]
    data = data | changes | {"meta": data.get("meta", {}) | {"pageSize": "Letter"}}
    path = site / "profiles" / "profile.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_profile(path)


def _pattern(item: str) -> re.Pattern[str]:
    """The item as pypdf may read it: a space inside it may be any whitespace, and a line may
    break between any two of its characters (the side column wraps an address too long for
    it)."""
    parts = [r"\s+" if c.isspace() else re.escape(c) for c in " ".join(item.split())]
    return re.compile(r"(?:\n[ \t]*)?".join(parts))


def _glued(text: str, item: str, known: set[str]) -> str | None:
    """Where `item` runs into a neighbour in `text`, an excerpt; None where it stands alone.

    Left-to-right text: the item's first occurrence (the header comes first in reading order)
    has whitespace or the text's edge on both sides. Right-to-left text comes back from pypdf
    in an order of its own (words, and digits within them, may be reversed), so there each
    of its words is a word of the text (as read, or reversed), and every word of the text
    that starts or ends with its first or last word and goes on is a word of the document
    (`known`: "123" of a phone number, not "حدادشارع")."""
    if not RTL.search(item):
        found = _pattern(item).search(text)
        if found is None:
            return f"{item!r} not found"
        before, after = text[found.start() - 1 : found.start()], text[found.end() : found.end() + 1]
        if before.strip() or after.strip():
            return text[max(0, found.start() - 25) : found.end() + 25]
        return None
    words = WORD.findall(text)
    mine = WORD.findall(item)
    for w in mine:
        if w not in words and w[::-1] not in words:
            return f"{w!r} of {item!r} is no word of its own"
    for w in {mine[0], mine[-1]}:
        for form in {w, w[::-1]}:
            longer = [
                x
                for x in words
                if x != form
                and (x.startswith(form) or x.endswith(form))
                and x not in known
                and x[::-1] not in known
            ]
            if longer:
                return f"{w!r} of {item!r} runs into {longer}"
    return None


def header_items(loaded: LoadedProfile, kind: str) -> tuple[list[str], list[str]]:
    """What the header prints: the name and a résumé's label, then the contact items."""
    basics = loaded.profile.basics
    heads = [str(basics.name)]
    if kind == "resume" and basics.label:
        heads.append(str(basics.label))
    contact = contact_items(loaded.profile, social=kind == "resume")
    return heads, [BIDI.sub("", str(i["text"])) for i in contact]


def clearance(pdf: bytes) -> float:
    """How far below the name (the first text of page 1) the next line's baseline lies, in
    the name's size."""
    page = reader(pdf).pages[0]
    runs: list[tuple[float, float]] = []

    def visit(value: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if value.strip():
            runs.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], size * abs(cm[3] or cm[0])))

    page.extract_text(visitor_text=visit)
    (name_y, name_size), *rest = runs
    below = next(y for y, _ in rest if abs(y - name_y) > 0.5)
    return (name_y - below) / name_size


def _problems(
    doc: PrintDocument, pdf: bytes, items: tuple[list[str], list[str]], *, layout: bool, side: bool
) -> list[str]:
    """What runs together in page 1's text, as pypdf reads it plainly or by layout.

    The layout-aware reading is checked for left-to-right items only: it gives right-to-left
    text in the order of the page, glyph cluster by glyph cluster, and sets a space before a
    combining mark ("عمّان" reads "نا ّمع"), so it has no words to compare. It also sets the two
    columns of the sidebar résumé side by side, line by line: an item the narrow side column
    wraps is read in pieces with the main column's words between them."""
    page = reader(pdf).pages[0]
    text = page.extract_text(extraction_mode="layout") if layout else page.extract_text()
    text = BIDI.sub("", text)
    heads, contact = items
    wrapped = [i for i in contact if side and wraps_in_side_column(i, "Letter")]
    read = [i for i in heads + contact if not (layout and (RTL.search(i) or i in wrapped))]
    known = set(WORD.findall(doc.html))
    return [where for item in read if (where := _glued(text, item, known)) is not None]


def gutter_ink(pdf: bytes, folder: Path) -> str | None:
    """What is printed on page 1 in the gutter between the sidebar résumé's two columns,
    from the side column's top down; None where nothing is.

    Text run out of the side column crosses it on its way over the main column (a Japanese
    address once ran over "Engineer, Acme"), whose own text keeps clear of it. The side
    column is found by its tint, and the gutter is beside it, away from the page's edge: on
    its right in a left-to-right résumé, on its left in a right-to-left one."""
    from PIL import Image, ImageChops

    path = folder / "gutter.pdf"
    path.write_bytes(pdf)
    stem = folder / "gutter"
    subprocess.run(["pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png", path, stem], check=True)
    image = Image.open(next(folder.glob("gutter-*.png"))).convert("RGB")
    red, green, blue = (
        band.point(lambda v, t=t: 255 if v == t else 0)
        for band, t in zip(image.split(), TINT, strict=True)
    )
    tint = ImageChops.multiply(ImageChops.multiply(red, green), blue).getbbox()
    assert tint is not None, "no tinted side column on page 1"
    left, top, right, _ = tint
    if left < image.width - right:  # the side column is on the left
        strip = (right + GUTTER[0], top, right + GUTTER[1], image.height)
    else:
        strip = (left - GUTTER[1], top, left - GUTTER[0], image.height)
    gutter = image.crop(strip).convert("L")
    ink = gutter.point(lambda v: 255 if v < INK else 0).getbbox()
    if ink is None:
        return None
    return f"ink in the gutter at x {strip[0]}-{strip[2]}, y {top + ink[1]}-{top + ink[3]} px"


@pytest.mark.parametrize("name", PROFILES)
def test_the_header_reads_as_words_of_their_own(name: str, tmp_path: Path) -> None:
    loaded = _load(tmp_path, name)
    app = EXAMPLE_APP if name.startswith("example") else "acme"
    found: dict[str, list[str]] = {}
    for design in designs.DESIGNS:
        for kind in ("resume", "letter"):
            if kind == "resume":
                doc = documents.resume(loaded, public=False, design=design)
            else:
                doc = documents.letter(loaded, app, design=design)
            pdf = outputs.render_uncached(doc)
            items = header_items(loaded, kind)
            side = kind == "resume" and design == "sidebar"
            for layout in (False, True):
                mode = "layout" if layout else "plain"
                if problems := _problems(doc, pdf, items, layout=layout, side=side):
                    found[f"{kind} {design} ({mode})"] = problems
            if (under := clearance(pdf)) < CLEARANCE:
                found[f"{kind} {design}"] = [f"the next line is {under:.2f} of the name below it"]
            if side and (ink := gutter_ink(pdf, tmp_path)):
                found[f"{kind} {design} (gutter)"] = [ink]
    assert not found, found


def test_the_check_sees_the_side_column_run_over_the_main_one(tmp_path: Path) -> None:
    """The Japanese résumé's contact block as main printed it before its items were measured:
    at its full size, nothing allowed to wrap, so the address ran over the main column."""
    loaded = _load(tmp_path, "japanese")
    doc = documents.resume(loaded, public=False, design="sidebar")
    assert 'class="line too-long"' in doc.html
    html = re.sub(r'class="contact-block[^"]*"', 'class="contact-block"', doc.html)
    counted = dataclasses.replace(doc, html=html.replace('class="line too-long"', 'class="line"'))
    ink = gutter_ink(outputs.render_uncached(counted), tmp_path)
    assert ink is not None


def test_the_check_sees_a_name_run_into_the_contact_line() -> None:
    """What main printed before the fix (pypdf's plain extraction of the classic résumé)."""
    text = "Maria-Josefina Castellanos-WhitfieldFlat 4B, The Old Mill Building · South San"
    assert _glued(text, "Maria-Josefina Castellanos-Whitfield", set()) is not None
    assert _glued(text, "Flat 4B, The Old Mill Building", set()) is not None
    assert _glued(text, "South San", set()) is None
    assert _glued("Kwame MensahLondon, N1 9GU", "London, N1 9GU", set()) is not None
    email = "maria-josefina.castellanos-whitfield@university.example.org"
    assert _glued(f"CONTACT\n{email[:27]}\n{email[27:]}\n+1", email, set()) is None
    known = {"ليلى", "حداد", "شارع", "الملكة", "123"}
    assert _glued("ليلى حداد\nشارع الملكة", "ليلى حداد", known) is None
    assert _glued("ليلى حدادشارع الملكة", "ليلى حداد", known) is not None
    assert _glued("مبنى ٢١، الطابق", "مبنى ١٢، الطابق", known) is None
    assert _glued("דירה 12 · +972 50-123-4567", "דירה 12", known) is None


#: A job in the résumé's own script and one in English, each a title line of three parts
#: (title, organisation in italics, place), and a certification in English.
OWN_TITLES = {
    "arabic": ("مهندس بيانات", "شركة أكمي", "عمّان"),
    "hebrew": ("מהנדסת נתונים", "אקמי בע״מ", "תל אביב"),
}
ENGLISH_TITLE = ("Data Engineer", "Acme", "Amman")


def _job(title: str, org: str, where: str, start: str) -> dict[str, Any]:
    return {"position": title, "name": org, "location": where, "startDate": start}


def part_positions(pdf: bytes, parts: tuple[str, ...]) -> list[float]:
    """Where each part of a title line starts on page 1 (its text object's left edge, in
    points): the first text that starts with the first part, then the first that starts
    with each next part after it in the page's text (a place may also be printed in the
    contact block, a title inside a certification's name)."""
    runs: list[tuple[float, str]] = []

    def visit(value: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if value.strip():
            runs.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], BIDI.sub("", value)))

    reader(pdf).pages[0].extract_text(visitor_text=visit)
    found: list[float] = []
    at = 0
    for part in parts:
        at = next(i for i in range(at, len(runs)) if runs[i][1].strip().startswith(part))
        found.append(runs[at][0])
    return found


@pytest.mark.parametrize("name", OWN_TITLES)
def test_a_title_line_is_set_in_the_direction_of_its_words(name: str, tmp_path: Path) -> None:
    """In a right-to-left résumé an English title line reads left to right, "Data Engineer,
    Acme, Amman" (not "Amman ,Acme ,Data Engineer"), and pypdf reads it so; a line in
    Arabic or Hebrew reads right to left, its title rightmost.

    pypdf reads the parts of a right-to-left line run together ("بياناتشركة"): each part is a
    text object of its own, drawn right to left, and pypdf puts no space where the next one
    starts to the left of the last. A line without inline elements reads whole, but that
    would take the italics off the organisation, so there the order is read from the parts'
    positions alone."""
    own = OWN_TITLES[name]
    work = [_job(*own, "2021-01"), _job(*ENGLISH_TITLE, "2018-01")]
    certificates = [{"name": "AWS Certified Data Engineer", "issuer": "Amazon"}]
    loaded = _load(tmp_path, name, work=work, certificates=certificates)
    for design in designs.DESIGNS:
        pdf = outputs.render_uncached(documents.resume(loaded, public=False, design=design))
        english = part_positions(pdf, ENGLISH_TITLE)
        assert english == sorted(english), (design, english)
        mine = part_positions(pdf, own)
        assert mine == sorted(mine, reverse=True), (design, mine)
        text = " ".join(BIDI.sub("", reader(pdf).pages[0].extract_text()).split())
        assert "Data Engineer, Acme, Amman" in text, design
        assert "AWS Certified Data Engineer, Amazon" in text, design
