"""print/pagefit.py, rule `length` on the page: a letter over one page, a résumé over its
budget, told from the PDFs' page counts (real PDFs made with pypdf here; WeasyPrint's through
`check --render` and the build in test_checks_cli.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from jobpacket.print import documents
from jobpacket.print.pagefit import page_findings
from jobpacket.profile.validate import LoadedProfile, load_profile

from .checks_support import BASE, LETTER_BODY
from .test_site_support import blank_pdf

APP = f"""\
applications:
  - id: harbour
    organization: Harbour Retail Group
    position: Senior Data Analyst
    letter:
      body: {LETTER_BODY}
"""


def _load(tmp_path: Path, extra: str = "") -> LoadedProfile:
    path = tmp_path / "profile.yml"
    path.write_text(BASE + APP + extra, encoding="utf-8")
    return load_profile(path, "profile.yml")


def test_a_letter_over_one_page_and_a_resume_over_budget_are_warnings(tmp_path: Path) -> None:
    loaded = _load(tmp_path)
    letter, resume = documents.letter(loaded, "harbour"), documents.resume(loaded, public=False)
    found = page_findings(loaded, [(letter, blank_pdf(2)), (resume, blank_pdf(2))])
    assert [(p.rule, p.severity, p.path, p.message) for p in found] == [
        (
            "length",
            "warning",
            ("applications", 0, "letter", "body"),
            "the letter runs to 2 pages when printed",
        ),
        (
            "length",
            "warning",
            ("meta", "pages"),
            "the résumé prints on 2 pages, over its budget of 1",
        ),
    ]


def test_within_one_page_and_within_the_budget_nothing_is_said(tmp_path: Path) -> None:
    loaded = _load(tmp_path, "meta:\n  pages: 2\n")
    letter, resume = documents.letter(loaded, "harbour"), documents.resume(loaded, public=False)
    assert page_findings(loaded, [(letter, blank_pdf(1)), (resume, blank_pdf(2))]) == []


def test_the_rule_turned_off_says_nothing(tmp_path: Path) -> None:
    loaded = _load(tmp_path, "meta:\n  checks:\n    disable: [length]\n")
    letter = documents.letter(loaded, "harbour")
    assert page_findings(loaded, [(letter, blank_pdf(3))]) == []


def test_a_document_of_no_known_application_and_other_documents_say_nothing(
    tmp_path: Path,
) -> None:
    loaded = _load(tmp_path)
    letter = documents.letter(loaded, "harbour")
    stray = dataclasses.replace(letter, name="gone/cover-letter")
    references = dataclasses.replace(letter, name="references")
    assert page_findings(loaded, [(stray, blank_pdf(3)), (references, blank_pdf(5))]) == []
