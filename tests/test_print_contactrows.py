"""The contact line under the name: its lines are chosen between items, so that no printed
line starts or ends with a separator (print/contactrows.py).

Real PDFs of the example and of harder profiles (a long street address and email, two
phones and many profiles with a photo, only an email, Arabic, Hebrew, Japanese), in every
design, on both papers, read back with pypdf: every contact line is read whole, item by
item, and none starts or ends with " · ".
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from jobpacket.print import brief, contactrows, designs, documents, outputs, packet
from jobpacket.print.layout import contact_items
from jobpacket.profile.paper import page_size
from jobpacket.profile.validate import LoadedProfile, load_profile

from .conftest import EXAMPLE, ROOT
from .pdf_support import page_texts, reader

SEPARATOR = "·"
EXAMPLE_APP = "lakefront-clinical-ai-rse"
BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufeff]")

LETTER = {
    "id": "acme",
    "organization": "Acme Analytics",
    "position": "Data Engineer",
    "contact": {"name": "Sam Lee"},
    "letter": {"date": "2026-11-03", "body": "I am writing to apply for the position."},
}
WORK = [{"name": "Acme", "position": "Engineer", "startDate": "2020-01", "highlights": ["It"]}]


REFERENCE = {
    "name": "Dr. Priya Raman",
    "title": "Professor",
    "organization": "Example University",
    "relationship": "PhD advisor",
    "email": "priya.raman@example.edu",
}


def _person(basics: dict[str, Any], lang: str = "en-US") -> dict[str, Any]:
    return {
        "basics": basics,
        "work": WORK,
        "references": [REFERENCE],
        "applications": [LETTER],
        "meta": {"lang": lang},
    }


#: Profiles harder than the example, each where a contact line is most likely to go wrong.
HARDER: dict[str, dict[str, Any]] = {
    "long-address": _person(
        {
            "name": "Maria-Josefina Castellanos-Whitfield",
            "email": "maria-josefina.castellanos-whitfield@university-hospital.example.org",
            "phone": "+1 (415) 555-0199 ext. 4412",
            "url": "https://castellanos-whitfield-research.example.org/portfolio",
            "location": {
                "address": "Flat 4B, The Old Mill Building, 1234 North Lakeshore Boulevard West",
                "city": "South San Francisco",
                "region": "CA",
                "postalCode": "94080-2345",
                "countryCode": "US",
            },
            "profiles": [
                {"network": "GitHub", "url": "https://github.example.com/mjcastellanoswhitfield"},
                {"network": "LinkedIn", "url": "https://linkedin.example.com/in/maria-josefina"},
            ],
        }
    ),
    "two-phones-many-profiles": _person(
        {
            "name": "Kwame Mensah",
            "image": "images/elena-vasquez.png",
            "email": "kwame.mensah@example.com",
            "phone": "+44 20 7946 0958",
            "url": "https://kwamemensah.example.com",
            "location": {"city": "London", "postalCode": "N1 9GU", "countryCode": "GB"},
            "profiles": [
                {"network": "Mobile", "url": "tel:+447700900123", "username": "+44 7700 900123"},
                {"network": "GitHub", "url": "https://github.example.com/kmensah"},
                {"network": "GitLab", "url": "https://gitlab.example.com/kwame.mensah"},
                {"network": "LinkedIn", "url": "https://linkedin.example.com/in/kwamemensah"},
                {"network": "Mastodon", "url": "https://hachyderm.example.io/@kwame"},
                {"network": "ORCID", "url": "https://orcid.example.org/0000-0002-1825-0097"},
                {"network": "Scholar", "url": "https://scholar.example.com/citations?user=kM3n"},
                {"network": "Kaggle", "url": "https://kaggle.example.com/kwamemensah"},
                {"network": "Matrix", "url": "matrix:u/kwame:example.org"},
            ],
        }
    ),
    "only-email": _person({"name": "Ana Lima", "email": "ana@example.com"}),
    "arabic": _person(
        {
            "name": "ليلى حداد",
            "email": "layla.haddad@example.com",
            "phone": "+962 7 9123 4567",
            "url": "https://laylahaddad.example.com",
            "location": {
                "address": "شارع الملكة رانيا العبدالله، مبنى ١٢، الطابق الثالث",
                "city": "عمّان",
                "postalCode": "11941",
                "countryCode": "JO",
            },
            "profiles": [
                {"network": "GitHub", "url": "https://github.example.com/laylahaddad"},
                {"network": "LinkedIn", "url": "https://linkedin.example.com/in/laylahaddad"},
            ],
        },
        "ar",
    ),
    "hebrew": _person(
        {
            "name": "נועה לוי",
            "email": "noa.levi@example.co.il",
            "phone": "+972 50-123-4567",
            "location": {
                "address": "רחוב הרצל 45, דירה 12",
                "city": "תל אביב-יפו",
                "postalCode": "6578901",
                "countryCode": "IL",
            },
            "profiles": [{"network": "GitHub", "url": "https://github.example.com/noalevi"}],
        },
        "he",
    ),
    "japanese": _person(
        {
            "name": "山田 太郎",
            "email": "taro.yamada@example.jp",
            "phone": "+81 90-1234-5678",
            "url": "https://taroyamada.example.jp",
            "location": {
                "address": "東京都渋谷区神南一丁目２３番１０号 サンプルビル５階",
                "city": "渋谷区",
                "region": "東京都",
                "postalCode": "150-0041",
                "countryCode": "JP",
            },
            "profiles": [{"network": "GitHub", "url": "https://github.example.com/tyamada"}],
        },
        "ja",
    ),
}
PAPERS = ("Letter", "A4")


def _load(tmp_path: Path, name: str, paper: str) -> LoadedProfile:
    """The profile on this paper, in a site folder that has the example's photo."""
    site = tmp_path / f"{name}-{paper}"
    (site / "profiles").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", site)
    shutil.copytree(ROOT / "content" / "images", site / "content" / "images")
    if name == "example":
        data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
        shutil.copytree(EXAMPLE.parent / "documents", site / "profiles" / "documents")
    else:
        data = HARDER[name]
    data = data | {"meta": data["meta"] | {"pageSize": paper}}
    path = site / "profiles" / "profile.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_profile(path)


def _plain(text: str) -> str:
    return " ".join(BIDI.sub("", text).split())


def contact_lines(pdf: bytes, items: list[str]) -> list[str]:
    """The lines of page 1 that hold contact items, as pypdf reads them (in the order of the
    page's text, so that the side column's lines are not merged with the main column's):
    the first such line and those right after it. A part of an item wrapped over lines of
    its own counts as one of them."""
    lines = [_plain(line) for line in page_texts(pdf)[0].splitlines()]
    squeezed = [re.sub(r"\s", "", item) for item in items]

    def holds(line: str) -> bool:
        part = re.sub(r"\s", "", line)
        return any(_whole(item, line) for item in items) or any(part in s for s in squeezed)

    start = next(i for i, line in enumerate(lines) if line.strip() and holds(line))
    found = []
    for line in lines[start:]:
        if line.strip(f" {SEPARATOR}") and not holds(line):
            break
        found.append(line)
    return found


def _words(text: str) -> list[str]:
    """Right-to-left text's words, each as its letters: pypdf gives such a line in an order
    of its own ("١٢" as "٢١", "תל אביב-יפו" as "יפו-תל אביב")."""
    return sorted("".join(sorted(w)) for w in re.findall(r"\w+", text))


def _whole(item: str, line: str) -> bool:
    if not RTL.search(item):
        return item in line
    have = _words(line)
    return all(have.count(w) >= n for w in set(_words(item)) if (n := _words(item).count(w)))


def wraps_in_side_column(item: str, paper: str) -> bool:
    """Whether the side column's contact block (sidebar résumé), which sets an item a line,
    lets `item` wrap: only an item too wide for the column at the block's smallest size
    (_macros.html, contact_block; measured by contactrows.contact_block)."""
    _, ((_, wraps),) = contactrows.contact_block([{"text": item}], paper)
    return wraps


def _check(
    pdf: bytes, profile: LoadedProfile, *, social: bool, what: str, side: bool = False
) -> list[str]:
    contact = contact_items(profile.profile, social=social)
    items = [_plain(str(i["text"])) for i in contact]
    lines = contact_lines(pdf, items)
    links = {
        str(a.get_object()["/A"].get("/URI"))
        for a in reader(pdf).pages[0].get("/Annots") or ()
        if "/A" in a.get_object()
    }
    live = [i["href"] for i in contact if i["href"]]
    assert set(live) <= links, f"{what}: links not live: {set(live) - links}"
    for line in lines:
        assert not line.startswith(SEPARATOR), f"{what}: a line starts with a separator: {line!r}"
        assert not line.endswith(SEPARATOR), f"{what}: a line ends with a separator: {line!r}"
    paper = page_size(profile.profile)
    for item in items:
        wraps = side and wraps_in_side_column(item, paper)
        if wraps and not any(_whole(item, line) for line in lines):
            # wrapped over lines of its own, in order
            assert re.sub(r"\s", "", item) in re.sub(r"\s", "", "".join(lines)), (what, item)
            continue
        assert any(_whole(item, line) for line in lines), f"{what}: {item!r} not whole: {lines}"
    return lines


CASES = [(name, paper) for name in ("example", *HARDER) for paper in PAPERS]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "paper"), CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_no_contact_line_starts_or_ends_with_a_separator(
    name: str, paper: str, tmp_path: Path
) -> None:
    loaded = _load(tmp_path, name, paper)
    app = EXAMPLE_APP if name == "example" else "acme"
    for design in designs.DESIGNS:
        where = f"{name}, {design}, {paper}"
        pdf = outputs.render_uncached(documents.resume(loaded, public=False, design=design))
        _check(pdf, loaded, social=True, what=f"résumé ({where})", side=design == "sidebar")
        if name == "example":
            assert len(reader(pdf).pages) == 1, f"the example résumé outgrew a page ({where})"
        pdf = outputs.render_uncached(documents.letter(loaded, app, design=design))
        _check(pdf, loaded, social=False, what=f"letter ({where})")
        pdf = outputs.render_uncached(documents.reference_index(loaded, design=design))
        _check(pdf, loaded, social=True, what=f"reference index ({where})")
        pdf = outputs.render_uncached(brief.brief(loaded, app, design=design))
        _check(pdf, loaded, social=False, what=f"brief ({where})")
        prepared = packet.prepare(loaded, app, design=design)
        page = packet._contents_document(prepared, [{"title": "Résumé", "page": 2}])
        pdf = outputs.render_uncached(page)
        _check(pdf, loaded, social=True, what=f"contents page ({where})")


#: The example's header lines, as many as before lines were chosen between items: its
#: résumé keeps to one page (the modern résumé's line is narrowed by the photo).
EXAMPLE_LINES = {
    ("resume", "classic"): 2,
    ("resume", "modern"): 3,
    ("letter", "classic"): 2,
    ("letter", "modern"): 2,
    ("letter", "sidebar"): 2,
}


@pytest.mark.slow
@pytest.mark.parametrize("paper", PAPERS)
def test_the_example_keeps_its_number_of_header_lines(paper: str, tmp_path: Path) -> None:
    loaded = _load(tmp_path, "example", paper)
    for (kind, design), count in EXAMPLE_LINES.items():
        if kind == "resume":
            doc = documents.resume(loaded, public=False, design=design)
        else:
            doc = documents.letter(loaded, EXAMPLE_APP, design=design)
        lines = _check(
            outputs.render_uncached(doc), loaded, social=kind == "resume", what=f"{kind} {design}"
        )
        assert len(lines) == count, (kind, design, paper, lines)


def test_a_letterhead_breaks_between_the_address_and_the_rest() -> None:
    """Where two lines are needed, the break falls between groups, not inside the address."""
    items = [
        {"text": "1820 Murray Avenue, Apt 3", "group": "address"},
        {"text": "Pittsburgh, PA 15217", "group": "address"},
        {"text": "elena.vasquez@example.com", "group": "reach"},
        {"text": "+1 412-555-0147", "group": "reach"},
        {"text": "elenavasquez.example.com", "group": "web"},
    ]
    rows = contactrows.contact_rows(items, contactrows.measure("classic", "letter", "Letter"))
    assert [[i["text"] for i in row] for row in rows] == [
        ["1820 Murray Avenue, Apt 3", "Pittsburgh, PA 15217"],
        ["elena.vasquez@example.com", "+1 412-555-0147", "elenavasquez.example.com"],
    ]
    wide = contactrows.Measure("charis", 10, 2000)
    assert len(contactrows.contact_rows(items, wide)) == 1
    narrow = contactrows.Measure("charis", 10, 60)
    assert [len(row) for row in contactrows.contact_rows(items, narrow)] == [1, 1, 1, 1, 1]


def test_the_side_column_measures_its_items_rather_than_counting_them() -> None:
    """A Japanese character is as wide as two Latin letters: the address below has fewer
    characters than the LinkedIn address but is too wide for the side column at any of its
    sizes, and the whole block steps down for it as it does for a Latin item as wide."""
    address = "東京都渋谷区神南一丁目２３番１０号 サンプルビル５階"
    linkedin = "linkedin.example.com/in/elenamvasquez"
    assert len(address) < len(linkedin)
    for paper in PAPERS:
        step, rows = contactrows.contact_block([{"text": linkedin}], paper)
        assert (step, [wraps for _, wraps in rows]) == (2, [False]), paper
        step, rows = contactrows.contact_block([{"text": "+81 90-1234-5678"}], paper)
        assert (step, [wraps for _, wraps in rows]) == (0, [False]), paper
        items = [{"text": "+81 90-1234-5678"}, {"text": address}, {"text": "渋谷区, 東京都"}]
        step, rows = contactrows.contact_block(items, paper)
        assert (step, [wraps for _, wraps in rows]) == (2, [False, True, False]), paper
    assert contactrows.contact_block([], "A4") == (0, [])
