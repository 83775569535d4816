"""What every printed document starts from (print/layout.py): the design, the name it needs,
the contact items of its header, the page footer in its language, and values typeset as
they land. How the PDFs look on the page is test_printed_layout.py's."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobpacket.errors import ProfileError
from jobpacket.print import documents
from jobpacket.print.layout import (
    base_context,
    choose_design,
    contact_items,
    page_footer_css,
    print_text,
    render_document,
    stylesheets,
)
from jobpacket.print.printkit import PrintContext
from jobpacket.profile.validate import LoadedProfile, load_profile

from .conftest import EXAMPLE


@pytest.fixture(scope="module")
def example() -> LoadedProfile:
    return load_profile(EXAMPLE)


def test_documents_need_a_name(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text("basics:\n  label: Nobody\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"basics\.name: printed documents need your name"):
        documents.resume(load_profile(path), public=True)


def test_design_comes_from_meta_or_the_caller(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text("basics:\n  name: Ann\nmeta:\n  design: modern\n", encoding="utf-8")
    loaded = load_profile(path)
    assert documents.resume(loaded, public=True).stylesheets[-1].name == "modern.css"
    assert documents.resume(loaded, public=True, design="classic").stylesheets[-1].name == (
        "classic.css"
    )


def test_an_unknown_design_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text("basics:\n  name: Ann\nmeta:\n  design: modern\n", encoding="utf-8")
    loaded = load_profile(path, "p.yml")
    assert choose_design(loaded, None) == "modern"
    assert choose_design(loaded, "classic") == "classic"  # the caller's choice wins
    with pytest.raises(ProfileError) as caught:
        choose_design(loaded, "fancy")  # (the profile's own is checked by validation)
    [problem] = caught.value.problems
    assert str(problem).startswith("p.yml:4:11: meta.design: unknown design 'fancy'; use one of")
    assert [p.name for p in stylesheets("modern")] == ["base.css", "rtl.css", "modern.css"]


def test_the_header_reads_address_email_phone_site_then_profiles(
    example: LoadedProfile,
) -> None:
    items = contact_items(example.profile)
    assert [i["text"] for i in items] == [
        "1820 Murray Avenue, Apt 3",
        "Pittsburgh, PA 15217",
        "elena.vasquez@example.com",
        "+1 412-555-0147",
        "elenavasquez.example.com",
        "github.example.com/evasquez",
        "linkedin.example.com/in/elenamvasquez",
        "fosstodon.example.org/@elena",
    ]
    assert items[3]["href"] == "tel:+14125550147" and items[0]["href"] == ""
    letter = contact_items(example.profile, social=False)
    assert [i["text"] for i in letter][-1] == "elenavasquez.example.com"


def test_chat_handles_read_as_handles_and_linkedin_is_listed_once(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text(
        "basics:\n  name: Ann\n  linkedin: annlee\n  profiles:\n"
        "    - network: Skype\n      url: skype:ann.lee?chat\n"
        "    - network: Matrix\n      username: '@ann:matrix.org'\n",
        encoding="utf-8",
    )
    profile = load_profile(path).profile
    texts = [i["text"] for i in contact_items(profile)]
    assert texts == ["www.linkedin.com/in/annlee", "Skype: ann.lee", "Matrix: @ann:matrix.org"]
    listed = path.read_text(encoding="utf-8") + (
        "    - network: LinkedIn\n      url: https://www.linkedin.com/in/annlee\n"
    )
    path.write_text(listed, encoding="utf-8")
    texts = [i["text"] for i in contact_items(load_profile(path).profile)]
    assert sum("linkedin" in t for t in texts) == 1


def test_the_footer_says_page_n_of_n_in_the_documents_language() -> None:
    english = str(page_footer_css("en"))
    assert 'content: "Page " counter(page) " of " counter(pages);' in english
    assert "@page :first { @bottom-right { content: none; } }" in english
    german = str(page_footer_css("de"))
    assert 'content: "Seite " counter(page) " von " counter(pages);' in german


def test_body_text_is_escaped_typeset_and_keeps_cpp_whole() -> None:
    assert print_text('Wrote "fast" C++ & <Rust>') == (
        'Wrote \u201cfast\u201d <span class="pp">C<span>++</span></span> &amp; &lt;Rust&gt;'
    )
    assert print_text(None) == ""


def test_a_rendered_document_carries_its_context(example: LoadedProfile) -> None:
    ctx = PrintContext(example)
    context = base_context(example, "classic", "resume", "Elena – Résumé")
    assert context["author"] == "Elena M. Vasquez" and context["lang"] == "en-US"
    assert context["generator"].startswith("jobpacket ")
    doc = render_document(
        ctx,
        "references.html",
        context
        | {
            "name": "Elena",
            "label": "",
            "contact": [],
            "prepared_for": "",
            "rows": [],
            "confidential": [],
            "subject": "References",
            "keywords": [],
        },
        name="references",
        title="Elena – References",
        design="classic",
    )
    assert doc.name == "references" and doc.glyphs_checked
    assert doc.stylesheets == stylesheets("classic") and doc.lang == "en-US"
    assert '<html lang="en-US"' in doc.html
    assert documents.resume(example, public=True).lang == "en-US"
