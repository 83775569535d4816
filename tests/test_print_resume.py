"""The résumé as print HTML (print/resume.py): public or the owner's copy, escaped, with its
photo checked, tailored when an application is named, and short sections paired in rows. The
PDF is tested in test_print_pdf.py and test_printed_layout.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobpacket.print.resume import resume, resume_outline
from jobpacket.profile.validate import LoadedProfile, load_profile

from .conftest import EXAMPLE


@pytest.fixture(scope="module")
def example() -> LoadedProfile:
    return load_profile(EXAMPLE)


def test_resume_html_escapes_profile_strings(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text(
        'basics:\n  name: "<Eve> & co \\u202eevil"\n  label: "{{ 7 * 7 }}"\n', encoding="utf-8"
    )
    doc = resume(load_profile(path), public=False)
    # (HTML tags such as <b> are read as their text by the profile: test_asis.py)
    assert "&lt;Eve&gt; &amp; co" in doc.html
    assert "\u202e" not in doc.html  # bidi override dropped
    assert "{{ 7 * 7 }}" in doc.html and "49" not in doc.html  # never evaluated


def test_public_resume_is_built_from_the_public_view(example: LoadedProfile) -> None:
    public = resume(example, public=True).html
    private = resume(example, public=False).html
    for secret in ("412-555-0147", "1820 Murray Avenue", "15217"):
        assert secret in private and secret not in public
    assert "Family caregiving" not in private  # private interests are never printed
    assert "192000" not in private and "Referred by" not in private  # application notes


def test_photo_is_embedded_as_data_and_checked(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    from PIL import Image

    Image.new("RGB", (4, 4), (200, 80, 40)).save(tmp_path / "content" / "me.png")
    (tmp_path / "content" / "notes.txt").write_text("secret", encoding="utf-8")
    path = tmp_path / "p.yml"
    for image, expect in (
        ("me.png", "data:image/png;base64,"),
        ("notes.txt", None),
        ("missing.png", None),
        ("https://example.org/me.png", None),
    ):
        path.write_text(
            f"basics:\n  name: Ann\n  image: {image}\nmeta:\n  design: modern\n", encoding="utf-8"
        )
        doc = resume(load_profile(path, "p.yml"), public=True)
        if expect:
            assert expect in doc.html and not doc.notes
            assert str(tmp_path) not in doc.html
        else:
            assert "<img" not in doc.html and "secret" not in doc.html
            (note,) = doc.notes
            assert str(note).startswith("p.yml:3:10: warning files: basics.image: ")
            assert note.path == ("basics", "image")
    # the classic design shows no photo, and so does not warn about one
    path.write_text("basics:\n  name: Ann\n  image: missing.png\n", encoding="utf-8")
    assert resume(load_profile(path), public=True).notes == ()


def test_the_outline_is_the_public_view_or_the_owners_copy(example: LoadedProfile) -> None:
    public = resume_outline(example, public=True)
    own = resume_outline(example, public=False)
    assert [s.id for s in public.sections][:3] == ["experience", "projects", "education"]
    public_contact = [c.text for c in public.contact]
    own_contact = [c.text for c in own.contact]
    assert "+1 412-555-0147" in own_contact and "+1 412-555-0147" not in public_contact
    assert "1820 Murray Avenue, Apt 3" in own_contact
    assert "1820 Murray Avenue, Apt 3" not in public_contact


def test_a_tailored_resume_is_named_after_its_application(example: LoadedProfile) -> None:
    app = "keystone-genomics-staff-mle"
    tailored = resume_outline(example, public=False, application=app)
    plain = resume_outline(example, public=False)
    count = {s.id: len(s.items) for s in tailored.sections}
    assert count["projects"] < {s.id: len(s.items) for s in plain.sections}["projects"]
    doc = resume(example, public=False, application=app)
    assert doc.name == f"{app}/resume" and doc.title == "Elena M. Vasquez – Résumé"
    assert resume(example, public=True).name == "resume-public"
    assert resume(example, public=False).name == "resume"


def test_certificates_and_awards_share_a_row_in_reading_order(
    example: LoadedProfile, tmp_path: Path
) -> None:
    html = resume(example, public=True, design="classic").html
    row = html.split('<div class="row">', 1)[1]
    assert row.index('id="certificates"') < row.index('id="awards"') < row.index("</div>\n")
    assert html.count('<div class="row">') == 1
    # with no awards, the certificates take the full width
    path = tmp_path / "p.yml"
    path.write_text(
        "basics:\n  name: Ann Lee\ncertificates:\n  - name: AWS Solutions Architect\n"
        "    issuer: Amazon Web Services\n    date: '2025-04'\n",
        encoding="utf-8",
    )
    alone = resume(load_profile(path), public=True, design="classic").html
    assert 'id="certificates"' in alone and '<div class="row">' not in alone


def test_an_english_title_line_of_a_right_to_left_resume_is_set_left_to_right(
    tmp_path: Path,
) -> None:
    """WeasyPrint orders a line's inline parts by its block's direction alone: an English
    title line of an Arabic résumé gets a left-to-right span of its own (the PDF's order is
    test_text_layer.py's); an Arabic one, a mixed one or any line of an English résumé none."""
    work = (
        "work:\n"
        "  - {position: Data Engineer, name: Acme, location: Amman, startDate: '2020-01'}\n"
        "  - {position: مهندس بيانات, name: شركة أكمي, location: عمّان, startDate: '2018-01'}\n"
        "  - {position: مهندسة, name: Acme Labs, location: Amman, startDate: '2016-01'}\n"
        "certificates:\n  - {name: AWS Certified Data Engineer, issuer: Amazon}\n"
    )
    lines = {}
    for lang in ("ar", "en"):
        path = tmp_path / f"{lang}.yml"
        path.write_text(f"basics:\n  name: Layla\n{work}meta:\n  lang: {lang}\n", encoding="utf-8")
        lines[lang] = resume(load_profile(path), public=False, design="classic").html
    ltr = '<span dir="ltr">'
    title = f'<h3 class="entry-title">{ltr}Data Engineer, <span class="org">Acme</span>'
    assert title in lines["ar"]
    assert f'<span class="oneliner-text">{ltr}AWS Certified Data Engineer' in lines["ar"]
    assert lines["ar"].count(ltr) == 2  # not the Arabic line, nor the mixed one
    assert ltr not in lines["en"] and 'dir="rtl"' in lines["ar"]
