"""Profile -> print HTML: the pure part of the documents, checked without WeasyPrint."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobpacket.errors import ProfileError, UserError
from jobpacket.print import documents
from jobpacket.profile.model import Profile
from jobpacket.profile.validate import LoadedProfile, load_profile

from .conftest import EXAMPLE


@pytest.fixture(scope="module")
def example() -> LoadedProfile:
    return load_profile(EXAMPLE)


def _profile(**meta: object) -> Profile:
    return Profile.model_validate({"basics": {"name": "X"}, "meta": meta})


def test_resume_html_escapes_profile_strings(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text(
        'basics:\n  name: "<Eve> & co \\u202eevil"\n  label: "{{ 7 * 7 }}"\n', encoding="utf-8"
    )
    doc = documents.resume(load_profile(path), public=False)
    # (HTML tags such as <b> are read as their text by the profile: test_asis.py)
    assert "&lt;Eve&gt; &amp; co" in doc.html
    assert "\u202e" not in doc.html  # bidi override dropped
    assert "{{ 7 * 7 }}" in doc.html and "49" not in doc.html  # never evaluated


def test_public_resume_is_built_from_the_public_view(example: LoadedProfile) -> None:
    public = documents.resume(example, public=True).html
    private = documents.resume(example, public=False).html
    for secret in ("412-555-0147", "1820 Murray Avenue", "15217"):
        assert secret in private and secret not in public
    assert "Family caregiving" not in private  # private interests are never printed
    assert "192000" not in private and "Referred by" not in private  # application notes


def test_a_blank_letter_body_says_what_to_write(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text(
        "basics:\n  name: Ann\napplications:\n  - id: acme\n    organization: Acme\n"
        "    letter:\n      kind: reconsideration\n      body: ''\n  - id: bare\n",
        encoding="utf-8",
    )
    loaded = load_profile(path, "p.yml")
    with pytest.raises(ProfileError) as exc:
        documents.letter(loaded, "acme")
    (problem,) = exc.value.problems
    assert str(problem).startswith("p.yml:8:13: applications[0].letter.body: the letter body is")
    assert "what is new since you applied" in problem.message
    # Without `letter:` at all, the application gets a cover letter assembled from the profile.
    bare = documents.letter(loaded, "bare")
    assert bare.name == "bare/cover-letter"
    assert "I am writing to apply for the position." in bare.html
    assert "how I could contribute to your organization." in bare.html
    with pytest.raises(UserError, match=r"no application with id 'nope'.*known: acme, bare"):
        documents.letter(loaded, "nope")
    with pytest.raises(ProfileError, match="letter body is empty"):
        list(documents.private_set(loaded))


def test_documents_need_a_name(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text("basics:\n  label: Nobody\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"basics\.name: printed documents need your name"):
        documents.resume(load_profile(path), public=True)


def test_private_set_names_every_document(example: LoadedProfile) -> None:
    names = [name for name, _ in documents.private_set(example)]
    assert names == [
        "resume.pdf",
        "references.pdf",
        "keystone-genomics-staff-mle/cover-letter.pdf",
        "lakefront-clinical-ai-rse/reconsideration-letter.pdf",
    ]


def test_example_enclosures_exist(example: LoadedProfile) -> None:
    assert documents.letter(example, "keystone-genomics-staff-mle").notes == ()


def test_missing_enclosure_is_a_located_warning(tmp_path: Path) -> None:
    # A copy of the example without its documents/ folder: the enclosures are missing.
    copy = tmp_path / "example.yml"
    copy.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    doc = documents.letter(load_profile(copy), "keystone-genomics-staff-mle")
    # The enclosed recommendation letter and the attachment, in the order they are enclosed.
    assert [n.path for n in doc.notes] == [
        ("references", 0, "letter", "file"),
        ("applications", 0, "attachments", 0, "path"),
    ]
    for note in doc.notes:
        assert note.severity == "warning"
        assert "not found (looked for" in note.message
    assert (
        "Enclosures: Résumé; References; Letter of recommendation from Dr. Marcus Hartman; "
        "Work sample: ledgerline case study"
    ) in doc.html


def test_design_comes_from_meta_or_the_caller(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text("basics:\n  name: Ann\nmeta:\n  design: modern\n", encoding="utf-8")
    loaded = load_profile(path)
    assert documents.resume(loaded, public=True).stylesheets[-1].name == "modern.css"
    assert documents.resume(loaded, public=True, design="classic").stylesheets[-1].name == (
        "classic.css"
    )


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
        doc = documents.resume(load_profile(path, "p.yml"), public=True)
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
    assert documents.resume(load_profile(path), public=True).notes == ()
