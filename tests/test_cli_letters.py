"""`jobpacket letter` and `jobpacket packet` (cli/letters.py): which letter of the timeline is
printed, in which form (text, PDF, an .eml draft), and the options that cannot go together.
How letters are assembled is in test_print_letters.py and test_views_timeline.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobpacket.print import documents

from .conftest import run_cli
from .pdf_support import page_texts
from .test_views_timeline import TIMELINE, _load


def test_cli_prints_the_letter_asked_for_as_plain_text(tmp_path: Path) -> None:
    _load(tmp_path)
    result = run_cli(
        "letter", "lakeshore", "--format", "text", cwd=tmp_path, JOBPACKET_PROFILE="profile.yml"
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("Dear Ms. Natarajan,\n\nThank you for letting me know your decision")
    assert text.rstrip().endswith("Sincerely,\n\nGrace Adebayo")
    assert "**" not in text and "\\" not in text and "\u00a0" not in text
    assert "- Certified Healthcare Simulation Educator (CHSE), Society for Simulation" in text

    pdf = run_cli(
        "letter",
        "lakeshore",
        "--kind",
        "cover",
        "-o",
        "c.pdf",
        cwd=tmp_path,
        JOBPACKET_PROFILE="profile.yml",
        process=True,
    )
    assert pdf.returncode == 0, pdf.stderr
    (page,) = page_texts((tmp_path / "c.pdf").read_bytes())
    assert "Re: Application for Clinical Simulation Educator" in page

    missing = run_cli(
        "letter", "lakeshore", "--letter", "7", cwd=tmp_path, JOBPACKET_PROFILE="profile.yml"
    )
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert (
        "has no letter 7; its letters: 1: cover dated 2026-07-15, sent 2026-07-15" in missing.stderr
    )


@pytest.mark.parametrize("flags", [("--kind", "cover", "--letter", "1")])
def test_kind_and_letter_together_is_a_clear_error(tmp_path: Path, flags: tuple[str, ...]) -> None:
    _load(tmp_path)
    result = run_cli("letter", "lakeshore", *flags, cwd=tmp_path, JOBPACKET_PROFILE="profile.yml")
    assert result.returncode == 1 and "give one of them" in result.stderr


def test_eml_is_a_draft_any_mail_client_opens(tmp_path: Path) -> None:
    from email import message_from_bytes
    from email.policy import default

    from pypdf import PdfReader

    _load(
        tmp_path,
        TIMELINE.replace(
            "title: Director of Nursing Education}",
            "title: Director of Nursing Education, email: p.natarajan@lakeshore.example.org}",
        ),
    )
    result = run_cli(
        "letter",
        "lakeshore",
        "--eml",
        "draft.eml",
        cwd=tmp_path,
        JOBPACKET_PROFILE="profile.yml",
        process=True,
    )
    assert result.returncode == 0, result.stderr
    raw = (tmp_path / "draft.eml").read_bytes()
    assert b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n")  # RFC 5322 line ends
    message = message_from_bytes(raw, policy=default)
    # The display name is quoted: RFC 5322 allows no bare full stop in a phrase.
    assert message["To"] == '"Ms. Priya Natarajan" <p.natarajan@lakeshore.example.org>'
    assert message["From"] == "Grace Adebayo <grace.adebayo@example.org>"
    assert message["Subject"] == "Request for reconsideration, Clinical Simulation Educator"
    assert message["X-Unsent"] == "1"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content().replace("\r\n", "\n")
    assert text.startswith("Dear Ms. Natarajan,\n\nThank you for letting me know")
    (tmp_path / "again").mkdir()
    assert text == documents.letter_text(_load(tmp_path / "again"), "lakeshore", full=False)
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename().endswith(".pdf")
    pdf = attachment.get_content()
    import io

    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 2  # the reconsideration letter and the résumé
    assert "Dear Ms. Natarajan," in pages[0].extract_text()


def test_an_unknown_application_names_the_known_ones(tmp_path: Path) -> None:
    _load(tmp_path)
    result = run_cli("letter", "nope", "--format", "text", cwd=tmp_path,
                     JOBPACKET_PROFILE="profile.yml")  # fmt: skip
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "no application with id 'nope'" in result.stderr and "lakeshore" in result.stderr


def test_packet_needs_ids_or_all(tmp_path: Path) -> None:
    _load(tmp_path)
    result = run_cli("packet", cwd=tmp_path, JOBPACKET_PROFILE="profile.yml")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "--all" in result.stderr
