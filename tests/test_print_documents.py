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
