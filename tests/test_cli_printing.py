"""cli/printing.py: `jobpacket pdf` as a user runs it: one document without building the site,
each format written into build/ or to stdout, a cohort folder rendered profile by profile,
and every misuse one located line with exit 1.

What the documents hold is tested with their modules (test_print_outputs.py,
test_print_formats.py, test_print_worker.py); these tests are about the command.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import EXAMPLE, ROOT, example_site, run_cli, run_python
from .pdf_support import flat, reader, text
from .test_print_formats import GOLDEN, TAILORED


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site folder with a copy of the example profile."""
    return example_site(tmp_path)


# --- the `jobpacket pdf` command ----------------------------------------------------------


def _cli(site: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return run_python(
        "-m",
        "jobpacket.cli",
        "pdf",
        *args,
        cwd=site,
        timeout=120,
        env={
            "PATH": "/usr/bin:/bin",
            "JOBPACKET_CACHE_DIR": str(site / "cache"),
            "PYTHONPATH": str(ROOT / "hooks"),  # this checkout, not whatever is installed
        },
        binary=True,
    )


@pytest.mark.slow
def test_cli_renders_one_document_without_building_the_site(site: Path) -> None:
    result = _cli(site, "resume")
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode().strip() == "wrote build/resume.pdf"
    assert len(reader((site / "build" / "resume.pdf").read_bytes()).pages) == 1
    assert not (site / "site").exists()

    result = _cli(site, "resume", "--public", "--design", "modern", "-o", "-")
    assert result.returncode == 0 and result.stdout.startswith(b"%PDF-")
    assert "412-555-0147" not in text(result.stdout)

    # A missing enclosure is a located warning; the letter is still written.
    (site / "profiles" / "documents" / "letters" / "hartman-2026.pdf").unlink()
    source = (site / "profiles" / "example.yml").read_text(encoding="utf-8").splitlines()
    # It is both the reference's enclosed letter and an attachment: named (and warned) once,
    # where the packet first encloses it.
    line = source.index("      file: documents/letters/hartman-2026.pdf") + 1
    result = _cli(site, "letter", "--application", "lakefront-clinical-ai-rse", "-o", "l.pdf")
    assert result.returncode == 0, result.stderr
    stderr = result.stderr.decode()
    assert f"profiles/example.yml:{line}:13: warning files: references[0].letter.file:" in stderr
    assert len([x for x in stderr.splitlines() if ": warning " in x]) == 1
    assert "Dear Dr. Feldman," in text((site / "l.pdf").read_bytes())

    result = _cli(site, "references", "-a", "keystone-genomics-staff-mle")
    assert result.returncode == 0, result.stderr
    assert "Prepared for: Staff Machine Learning Engineer, Keystone Genomics" in flat(
        text((site / "build" / "keystone-genomics-staff-mle" / "references.pdf").read_bytes())
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["letter"], "`letter` needs --application ID; ids: keystone-genomics-staff-mle"),
        (["letter", "-a", "nope"], "no application with id 'nope'"),
        (["references", "--public"], "--public applies to `resume` only"),
        (["resume", "-a", "x"], "no application with id 'x'"),
        (["all", "-a", "x"], "--application applies to `resume`, `letter` and `references`"),
    ],
)
def test_cli_user_errors_are_one_line_and_exit_1(site: Path, args: list[str], message: str) -> None:
    result = _cli(site, *args)
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert message in stderr and "Traceback" not in stderr
    assert stderr.count("\n") == 1


def test_cli_writes_each_format_into_build(tmp_path: Path) -> None:
    site = tmp_path / "s"
    (site / "profiles").mkdir(parents=True)
    shutil.copy(EXAMPLE, site / "profiles" / "example.yml")
    shutil.copy(EXAMPLE.parent.parent / "mkdocs.yml", site / "mkdocs.yml")
    shutil.copytree(EXAMPLE.parent / "documents", site / "profiles" / "documents")
    for fmt in ("txt", "md"):
        result = run_cli("pdf", "resume", "--format", fmt, "-a", TAILORED, cwd=site, process=True)
        assert result.returncode == 0, result.stderr
        assert f"wrote build/{TAILORED}/resume.{fmt}" in result.stderr
    written = (site / "build" / TAILORED / "resume.txt").read_text(encoding="utf-8")
    assert written == (GOLDEN / "resume-lakefront.txt").read_text(encoding="utf-8")
    out = run_cli("pdf", "resume", "--format", "txt", "-o", "-", cwd=site)
    assert out.returncode == 0 and out.stdout.startswith("Elena M. Vasquez\n")
    bad = run_cli("pdf", "references", "--format", "txt", cwd=site)
    assert bad.returncode == 1 and "applies to `resume` and `letter`" in bad.stderr
    bad = run_cli("pdf", "resume", "--format", "txt", "--design", "sidebar", cwd=site)
    assert bad.returncode == 1 and "--design applies to the PDF only" in bad.stderr
    assert "Traceback" not in bad.stderr


@pytest.mark.slow
def test_a_cohort_folder_renders_every_profile_and_reports_the_broken_one(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(ROOT / "content" / "images", site / "content" / "images")
    (site / "mkdocs.yml").write_text("site_name: Cohort\ndocs_dir: content\n", encoding="utf-8")
    cohort = site / "cohort"
    shutil.copytree(EXAMPLE.parent / "documents", cohort / "documents")
    example = EXAMPLE.read_text(encoding="utf-8")
    names = ["Amara Okafor", "Jonas Lindqvist", "Priya Raman"]
    for name in names:
        slug = name.split()[0].lower()
        (cohort / f"{slug}.yml").write_text(
            example.replace("Elena M. Vasquez", name), encoding="utf-8"
        )
    (cohort / "broken.yml").write_text("basics:\n  name: [unclosed\n", encoding="utf-8")
    result = run_cli(
        "pdf",
        "resume",
        "cohort",
        "-o",
        "out",
        cwd=site,
        timeout=180,
        JOBPACKET_CACHE_DIR=str(tmp_path / "c"),
        process=True,
    )
    assert result.returncode == 1, result.stderr
    assert (
        "cohort/broken.yml:3:1: YAML syntax error" in result.stderr
        and "Traceback" not in result.stderr
    )
    assert "3 of 4 profiles rendered" in result.stderr
    for name in names:
        pdf = site / "out" / name.split()[0].lower() / "resume.pdf"
        assert name in text(pdf.read_bytes())
    assert not (site / "out" / "broken").exists()
