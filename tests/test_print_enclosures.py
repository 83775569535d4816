"""print/enclosures.py on its own: what follows a letter in a packet, in order (résumé,
index of recommenders, enclosed letters, attachments, documents), each file once, and a
file's kind told by its bytes. Packets bound from real PDFs are tested in test_print_packet.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jobpacket.print.enclosures import plan, sniff, titles
from jobpacket.profile.validate import LoadedProfile, load_profile

from .conftest import EXAMPLE
from .test_site_support import blank_pdf

LAKEFRONT = 1  # its first attachment is the recommendation letter enclosed already


@pytest.fixture(scope="module")
def example() -> LoadedProfile:
    return load_profile(EXAMPLE, "profiles/example.yml")


def test_the_parts_follow_the_letter_in_order(example: LoadedProfile) -> None:
    parts = plan(example, 0)
    assert [(p.kind, p.value) for p in parts] == [
        ("resume", None),
        ("references", None),
        ("recommendation", "documents/letters/hartman-2026.pdf"),
        ("attachment", "documents/ledgerline-case-study.pdf"),
    ]
    assert titles(parts)[2] == "Letter of recommendation from Dr. Marcus Hartman"
    assert parts[3].where == ("applications", 0, "attachments", 0, "path")


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("de", "Empfehlungsschreiben von Dr. Marcus Hartman"),
        ("fr", "Lettre de recommandation de Dr. Marcus Hartman"),
        ("ja", "Dr. Marcus Hartmanによる推薦状"),
    ],
)
def test_an_enclosed_letter_is_named_in_the_letters_language(
    tmp_path: Path, lang: str, title: str
) -> None:
    """The enclosures line of a German letter is German throughout (it read "Anlagen:
    Lebenslauf; Referenzen; Letter of recommendation from ...")."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "  lang: en-US\n" in text
    profile = tmp_path / "profile.yml"  # beside the example's files it names
    profile.write_text(text.replace("  lang: en-US\n", f"  lang: {lang}\n", 1), "utf-8")
    shutil.copytree(EXAMPLE.parent / "documents", tmp_path / "documents")
    parts = plan(load_profile(profile, "profile.yml"), 0)
    assert titles(parts)[2] == title


def test_a_file_named_twice_is_enclosed_once_where_it_first_appears(
    example: LoadedProfile,
) -> None:
    parts = plan(example, LAKEFRONT)
    values = [p.value for p in parts if p.value]
    assert values == ["documents/letters/hartman-2026.pdf", "documents/ledgerline-case-study.pdf"]
    assert [p.kind for p in parts if p.value] == ["recommendation", "attachment"]
    assert parts[-1].where == ("applications", LAKEFRONT, "attachments", 1, "path")


def test_confidential_and_direct_letters_are_never_enclosed(example: LoadedProfile) -> None:
    enclosed = {p.title for p in plan(example, 0)}
    assert not any("Bello" in t or "Kowalski" in t for t in enclosed)  # direct; confidential


def test_a_thank_you_encloses_only_what_the_application_asks_for(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "      kind: cover\n", "      kind: thank-you\n", 1
    )
    path = tmp_path / "profile.yml"
    path.write_text(text, encoding="utf-8")
    parts = plan(load_profile(path, "profile.yml"), 0)
    assert [p.kind for p in parts] == ["attachment"]


def test_a_files_kind_is_told_by_its_bytes_not_its_name(tmp_path: Path) -> None:
    pdf = tmp_path / "photo.png"
    pdf.write_bytes(blank_pdf())
    text = tmp_path / "letter.pdf"
    text.write_text("Dear committee,", encoding="utf-8")
    png = tmp_path / "scan.pdf"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    assert (sniff(pdf), sniff(text), sniff(png)) == ("pdf", None, "png")
