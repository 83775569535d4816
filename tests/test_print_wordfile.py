"""print/wordfile.py on its own: the résumé outline as one flow of paragraphs in Word's own
styles, read back with python-docx, the same bytes for the same inputs. The example's Word
files, tailoring and the LibreOffice read-back are in test_print_formats.py."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest

from jobpacket.print.outline import outline, resume_view
from jobpacket.print.wordfile import resume_docx
from jobpacket.profile.validate import LoadedProfile

from .resume_support import load_resume

WHEN = datetime(2026, 3, 14, 9, 26, 53, tzinfo=UTC)


@pytest.fixture
def loaded(tmp_path: Path) -> LoadedProfile:
    return load_resume(tmp_path)


def _docx(loaded: LoadedProfile, when: datetime = WHEN) -> bytes:
    view, _ = resume_view(loaded, public=False, application=None)
    return resume_docx(outline(view, "Dana Whitfield"), title="Dana Whitfield – Résumé", when=when)


def test_the_resume_is_one_flow_in_words_own_styles(loaded: LoadedProfile) -> None:
    doc = docx.Document(io.BytesIO(_docx(loaded)))
    styled = [(p.style.name if p.style else "", p.text) for p in doc.paragraphs]
    assert styled[:4] == [
        ("Title", "Dana Whitfield"),
        ("Subtitle", "Clinical Nurse Educator"),
        (
            "Normal",
            "1820 Murray Avenue | Pittsburgh, PA | dana@example.org | +1 412-555-0147 | "
            "https://dana.example.org/ | https://www.linkedin.com/in/danaw",
        ),
        ("Heading 1", "Summary"),
    ]
    assert ("Normal", "Nurse educator who builds simulation programmes.") in styled
    at = styled.index(("Heading 2", "Clinical Nurse Educator, St. Mary's Hospital"))
    assert styled[at + 1] == ("Normal", "Pittsburgh, PA | Apr 2019 – Present")
    assert styled[at + 2] == ("List Bullet", "Trained 40 new graduates a year in simulation.")
    assert [t for s, t in styled if s == "Heading 1"] == [
        "Summary", "Experience", "Education", "Skills", "Certifications", "Awards"
    ]  # fmt: skip
    assert ("List Bullet", "CHSE, SSH, May 2021") in styled
    assert doc.tables == [] and "Staff Nurse" not in " ".join(t for _, t in styled)


def test_the_core_properties_carry_the_documents_own_facts(loaded: LoadedProfile) -> None:
    props = docx.Document(io.BytesIO(_docx(loaded))).core_properties
    assert (props.title, props.author, props.subject) == (
        "Dana Whitfield – Résumé",
        "Dana Whitfield",
        "Clinical Nurse Educator",
    )
    assert props.keywords == "Simulation" and props.revision == 1
    assert props.created == WHEN


def test_same_inputs_same_bytes_and_every_entry_dated_the_document_date(
    loaded: LoadedProfile,
) -> None:
    data = _docx(loaded)
    assert data == _docx(loaded)
    assert data != _docx(loaded, WHEN.replace(day=15))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 3, 14, 9, 26, 52)}
