"""Tailoring per application: `tailor.tags` selects and orders entries, `tailor.exclude`
drops them, `tailor.summary` replaces the summary; unknown tags are located warnings."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from jobpacket.print import documents, outputs
from jobpacket.profile.validate import LoadedProfile, load_profile
from jobpacket.views.tailored import tailored_view, tailoring_findings

from .conftest import run_cli
from .pdf_support import flat, page_texts

PROFILE = """\
basics:
  name: Tomás Ortega
  label: Backend Engineer
  email: tomas.ortega@example.com
  summary: Software engineer who has built web products end to end for ten years.
work:
  - name: Brightline Payments
    position: Senior Backend Engineer
    startDate: "2023-02"
    endDate: present
    highlights: [Moved card settlement to an idempotent Go service paying 2 million a day.]
    tags: [backend, payments, go]
  - name: Cedar Analytics
    position: Full-Stack Developer
    startDate: "2020-05"
    endDate: "2023-01"
    highlights: [Rebuilt the reporting dashboard in React, halving page load time.]
    tags: [frontend, javascript]
  - name: Harbor Code Academy
    position: Part-time Python Instructor
    startDate: "2019-09"
    endDate: "2020-04"
    highlights: [Taught evening Python courses to 60 career changers.]
    tags: [teaching, python]
  - name: Northwind Logistics
    position: Software Engineer
    startDate: "2016-07"
    endDate: "2019-08"
    highlights: [Wrote the Python routing service that scheduled 4,000 deliveries a day.]
    tags: [python, backend]
  - name: Self-employed
    position: Freelance Web Developer
    startDate: "2015-01"
    endDate: "2016-06"
projects:
  - name: ledger-sync
    description: Reconciles bank statements against a double-entry ledger.
    tags: [payments, go]
  - name: pyflow
    description: A small Python workflow runner with retries and backoff.
    tags: [python]
  - name: portfolio-site
    description: A personal site built with Astro.
    tags: [frontend]
  - name: field-notes
    description: Notes on running Postgres in production.
education:
  - institution: Portland Community College
    studyType: Certificate
    area: Adult Education
    tags: [teaching]
  - institution: Oregon State University
    studyType: Bachelor of Science
    area: Computer Science
skills:
  - {name: Go, keywords: [gRPC, concurrency], tags: [backend]}
  - {name: Python, keywords: [FastAPI, asyncio], tags: [python]}
  - {name: React, keywords: [TypeScript, Next.js], tags: [frontend]}
  - {name: Teaching, keywords: [curriculum design], tags: [teaching]}
  - {name: Databases, keywords: [PostgreSQL, Redis]}
applications:
  - id: fintech-backend
    organization: Ledgerly
    position: Senior Backend Engineer, Payments
    tailor:
      tags: [python, backend, payments]
      exclude: [teaching]
      summary: Backend engineer for payment systems in Go and Python.
  - id: typos
    organization: Acme
    tailor:
      tags: [pyhton, backend, blockchain]
      exclude: [teachng]
  - id: plain
    organization: Plainview
"""


@pytest.fixture(scope="module")
def tomas(tmp_path_factory: pytest.TempPathFactory) -> LoadedProfile:
    path = tmp_path_factory.mktemp("tomas") / "t.yml"
    path.write_text(PROFILE, encoding="utf-8")
    return load_profile(path, "t.yml")


def _app(loaded: LoadedProfile, app_id: str):
    app = loaded.profile.application(app_id)
    assert app is not None
    return app


def test_tags_select_and_order_exclude_drops_summary_replaces(tomas: LoadedProfile) -> None:
    view = tailored_view(tomas.profile, _app(tomas, "fintech-backend"))
    # Ranked by the earliest listed tag each entry carries (python, then backend, then
    # payments); the rest stays after them in profile order: untagged entries, and jobs
    # tagged for something else (a history keeps no gaps), while projects and skills tagged
    # for something else go; `exclude` wins over a listed tag (the Python instructor job).
    assert [w.name for w in view.work] == [
        "Northwind Logistics",
        "Brightline Payments",
        "Cedar Analytics",
        "Self-employed",
    ]
    assert [p.name for p in view.projects] == ["pyflow", "ledger-sync", "field-notes"]
    assert [s.name for s in view.skills] == ["Python", "Go", "Databases"]
    assert [e.institution for e in view.education] == ["Oregon State University"]
    assert view.basics.summary == "Backend engineer for payment systems in Go and Python."
    # The loaded profile is untouched; an application without `tailor` sees it as it is.
    assert len(tomas.profile.work) == 5
    assert tomas.profile.basics.summary.startswith("Software engineer who has built")
    assert tailored_view(tomas.profile, _app(tomas, "plain")) is tomas.profile


def test_tailored_resume_pdf_reads_in_the_tailored_order(tomas: LoadedProfile) -> None:
    doc = documents.resume(tomas, public=False, application="fintech-backend")
    assert doc.name == "fintech-backend/resume"
    pages = page_texts(outputs.render_uncached(doc))
    assert len(pages) == 1
    text = flat(pages[0])
    order = [
        "Software Engineer",
        "Senior Backend Engineer",
        "Cedar Analytics",
        "Freelance Web Developer",
        "pyflow",
        "ledger-sync",
        "field-notes",
        "Bachelor of Science, Computer Science",
        "Python: FastAPI",
        "Go: gRPC",
        "Databases: PostgreSQL",
    ]
    positions = [text.index(item) for item in order]
    assert positions == sorted(positions)
    for gone in ("Harbor Code Academy", "portfolio-site", "React: TypeScript", "Teaching:"):
        assert gone not in text
    assert "Backend engineer for payment systems in Go and Python." in text
    assert "built web products end to end" not in text


def test_the_untailored_resume_is_unchanged(tomas: LoadedProfile) -> None:
    before = documents.resume(tomas, public=False)
    documents.resume(tomas, public=False, application="fintech-backend")
    after = documents.resume(tomas, public=False)
    assert after.html == before.html and after.name == "resume"
    text = flat(page_texts(outputs.render_uncached(after))[0])
    for kept in ("Cedar Analytics", "Harbor Code Academy", "portfolio-site", "Teaching"):
        assert kept in text
    assert text.index("Senior Backend Engineer") < text.index("Software Engineer")
    # An application without `tailor` prints exactly the plain résumé.
    plain = documents.resume(tomas, public=False, application="plain")
    assert plain.html == before.html
    assert outputs.render_uncached(plain) == outputs.render_uncached(before)


def _position(text: str, needle: str, after: str) -> tuple[int, int]:
    """1-based line and column of ``needle`` on the first line containing ``after``."""
    for n, line in enumerate(text.splitlines(), 1):
        if after in line:
            return n, line.index(needle) + 1
    raise AssertionError(after)


def test_unknown_tags_are_located_warnings_with_suggestions(tomas: LoadedProfile) -> None:
    found = [str(p) for p in tailoring_findings(tomas)]
    line, col = _position(PROFILE, "pyhton", "tags: [pyhton")
    xline, xcol = _position(PROFILE, "teachng", "exclude: [teachng")
    bline, bcol = _position(PROFILE, "blockchain", "tags: [pyhton")
    assert found == [
        f"t.yml:{line}:{col}: warning: applications[1].tailor.tags[0]: no entry carries the "
        "tag 'pyhton', so it selects nothing; did you mean 'python'?",
        f"t.yml:{bline}:{bcol}: warning: applications[1].tailor.tags[2]: no entry carries the "
        "tag 'blockchain', so it selects nothing; add it to the entries this application "
        "should show, or remove it here",
        f"t.yml:{xline}:{xcol}: warning: applications[1].tailor.exclude[0]: no entry carries "
        "the tag 'teachng', so it excludes nothing; did you mean 'teaching'?",
    ]
    # The tailored résumé carries the warnings of its own application only.
    assert documents.resume(tomas, public=False, application="fintech-backend").notes == ()
    notes = documents.resume(tomas, public=False, application="typos").notes
    assert [str(n) for n in notes] == found


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, "--profile", "t.yml", cwd=cwd, process=True, JOBPACKET_CACHE_DIR=str(cwd))


def test_cli_check_warns_and_pdf_resume_a_prints_the_tailored_resume(tomas: LoadedProfile) -> None:
    folder = tomas.path.parent
    check = _cli(folder, "check")
    assert check.returncode == 0, check.stderr
    # the finding of `jobpacket check`'s rule `tailoring`, in the linter-style line
    assert (
        "warning tailoring: applications[1].tailor.tags[0]: no entry carries the tag 'pyhton'"
        in (check.stderr)
    )
    assert check.stdout.strip() == "t.yml: ok (3 warnings)"
    result = _cli(folder, "pdf", "resume", "-a", "fintech-backend")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "wrote build/fintech-backend/resume.pdf"
    text = flat(page_texts((folder / "build" / "fintech-backend" / "resume.pdf").read_bytes())[0])
    assert text.index("Northwind Logistics") < text.index("Brightline Payments")
    assert text.index("Brightline Payments") < text.index("Cedar Analytics")
    assert "Harbor Code Academy" not in text
