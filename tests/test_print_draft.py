"""print/draft.py on its own: a letter as a draft email (RFC 5322, CRLF, X-Unsent) with the
application's packet attached as a real PDF. The `letter --eml` command is tested in
test_views_timeline.py."""

from __future__ import annotations

import io
import shutil
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest
from pypdf import PdfReader

from jobpacket.print.draft import draft_email, email_subject
from jobpacket.profile.validate import load_profile

from .conftest import EXAMPLE, copy_example_files

APP = "keystone-genomics-staff-mle"


@pytest.mark.parametrize(
    "line, subject",
    [
        ("Re: Application for Staff Machine Learning Engineer", "Application for Staff "
         "Machine Learning Engineer"),
        ("Objet : candidature au poste d’infirmière", "Candidature au poste d’infirmière"),
        ("Asunto: solicitud de reconsideración", "Solicitud de reconsideración"),
        ("  Betreff:Bewerbung ", "Bewerbung"),
        ("Application for Nurse Educator", "Application for Nurse Educator"),
        ("Note: 2 years: a gap", "2 years: a gap"),  # only the first prefix goes
    ],
)  # fmt: skip
def test_the_subject_loses_its_letter_only_prefix(line: str, subject: str) -> None:
    assert email_subject(line) == subject


def test_the_draft_is_the_letter_as_text_with_the_packet_attached(tmp_path: Path) -> None:
    copy_example_files(tmp_path)
    path = tmp_path / "profiles" / "example.yml"
    shutil.copy(EXAMPLE, path)
    loaded = load_profile(path, "profiles/example.yml")
    raw, notes = draft_email(loaded, APP)
    assert notes == []
    assert raw.count(b"\n") == raw.count(b"\r\n")  # RFC 5322 line ends only
    message = message_from_bytes(raw, policy=default)
    assert message["To"] == ("Rachel Donnelly <rachel.donnelly@keystonegenomics.example.com>")
    assert message["From"] == '"Elena M. Vasquez" <elena.vasquez@example.com>'
    assert message["X-Unsent"] == "1"
    assert not message["Subject"].startswith("Re:")
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content().replace("\r\n", "\n")
    assert text.startswith("Dear Ms. Donnelly,\n\nI am writing to apply for the Staff Machine")
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    reader = PdfReader(io.BytesIO(attachment.get_content()))
    assert len(reader.pages) > 1  # the letter, the résumé and what the letter encloses
    assert "Staff Machine Learning Engineer" in reader.pages[0].extract_text()


def test_without_a_contact_address_the_draft_says_so(tmp_path: Path) -> None:
    copy_example_files(tmp_path)
    path = tmp_path / "profiles" / "example.yml"
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "      email: rachel.donnelly@keystonegenomics.example.com\n", ""
    )
    path.write_text(text, encoding="utf-8")
    raw, notes = draft_email(load_profile(path, "profiles/example.yml"), APP)
    assert notes == [f"application {APP!r} has no contact.email; the draft has no recipient yet"]
    assert message_from_bytes(raw, policy=default)["To"] is None
