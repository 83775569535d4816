"""Rule `files`: named files exist, stay inside the project and are the kind the field wants."""

from __future__ import annotations

from pathlib import Path

from .checks_support import BASE, at, findings, pos

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def _pdf() -> bytes:
    """A real one-page PDF: the packet reads enclosures, and rejects a broken one."""
    from io import BytesIO

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = _pdf()

FILES = """\
projects:
  - name: Sales forecaster
    images: [images/chart.png]
references:
  - name: Tom Hale
    letter:
      status: received
      file: documents/hale.pdf
applications:
  - id: harbour
    organization: Harbour Retail Group
    attachments:
      - path: documents/sample.pdf
documents:
  - title: Tableau certificate
    path: documents/tableau.png
"""


def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "content" / "images").mkdir(parents=True)
    (tmp_path / "content" / "images" / "chart.png").write_bytes(PNG)
    (tmp_path / "profiles" / "documents").mkdir(parents=True)
    for name in ("hale.pdf", "sample.pdf"):
        (tmp_path / "profiles" / "documents" / name).write_bytes(PDF)
    (tmp_path / "profiles" / "documents" / "tableau.png").write_bytes(PNG)
    return tmp_path / "profiles"


def test_every_named_file_present_and_of_its_kind_passes(tmp_path: Path) -> None:
    folder = project(tmp_path)
    assert findings(folder, BASE + FILES, "files") == []


def test_missing_enclosure_is_an_error_the_packet_would_stop_on(tmp_path: Path) -> None:
    folder = project(tmp_path)
    text = BASE + FILES.replace("documents/sample.pdf", "documents/samples.pdf")
    (problem,) = findings(folder, text, "files")
    assert (problem.severity, at(problem)) == ("error", pos(text, "documents/samples.pdf"))
    assert problem.message.startswith("packet 'harbour': 'documents/samples.pdf' not found")


def test_missing_file_no_packet_encloses_is_a_warning(tmp_path: Path) -> None:
    folder = project(tmp_path)
    text = BASE + FILES.replace("documents/tableau.png", "documents/tableau.jpg")
    (problem,) = findings(folder, text, "files")
    assert (problem.severity, at(problem)) == ("warning", pos(text, "documents/tableau.jpg"))
    assert "not found" in problem.message


def test_broken_pdf_enclosure_is_an_error(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (folder / "documents" / "sample.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    (problem,) = findings(folder, BASE + FILES, "files")
    assert (problem.severity, at(problem)) == ("error", pos(BASE + FILES, "documents/sample.pdf"))


def test_path_outside_the_project_is_an_error(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (tmp_path.parent / "secret.pdf").write_bytes(PDF)
    text = BASE + FILES.replace("documents/hale.pdf", "../../secret.pdf")
    (problem,) = findings(folder, text, "files")
    assert (problem.severity, at(problem)) == ("error", pos(text, "../../secret.pdf"))
    assert "outside the project" in problem.message


def test_wrong_kind_by_content_not_by_name(tmp_path: Path) -> None:
    folder = project(tmp_path)
    # a PDF saved as chart.png: the name says image, the bytes say PDF
    (tmp_path / "content" / "images" / "chart.png").write_bytes(PDF)
    (problem,) = findings(folder, BASE + FILES, "files")
    assert at(problem) == pos(BASE + FILES, "images/chart.png")
    assert "is not an image" in problem.message
    (tmp_path / "content" / "images" / "chart.png").write_bytes(PNG)
    (folder / "documents" / "hale.pdf").write_text("Dear colleague,", encoding="utf-8")
    (problem,) = findings(folder, BASE + FILES, "files")
    assert at(problem) == pos(BASE + FILES, "documents/hale.pdf")
    assert "is not a PDF" in problem.message
