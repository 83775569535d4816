"""`jobpacket check` and the builds: one set of findings, the same lines, the same verdicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobpacket.checks import run_checks
from jobpacket.errors import ProfileError
from jobpacket.print import documents
from jobpacket.profile.validate import load_profile

from .checks_support import BASE, LETTER_BODY, TODAY, pos, write
from .conftest import EXAMPLE, JSONRESUME, ROOT, run_cli, run_python
from .test_site_support import build, make_site

APP = """\
applications:
  - id: harbour
    organization: Harbour Retail Group
    position: Senior Data Analyst
    letter:
      body: {body}
"""


def test_example_profile_has_no_error_and_no_warning() -> None:
    found = run_checks(load_profile(EXAMPLE, "profiles/example.yml"), today=TODAY)
    assert [str(p) for p in found if p.severity != "info"] == []


@pytest.mark.parametrize("name", ["new-grad", "career-changer"])
def test_json_resume_fixtures_have_no_error_and_no_warning(name: str) -> None:
    path = JSONRESUME / f"{name}.resume.json"
    # Rule `private` is about the user's own repository; these fixtures are jobpacket's.
    found = run_checks(load_profile(path, path.name), today=TODAY, disable=("private",))
    assert [str(p) for p in found if p.severity != "info"] == []


def test_json_resume_sample_only_has_its_real_faults() -> None:
    """The upstream sample is written as a joke: http links, "Awesome", "THAT would NOT be".
    Those are real findings; anything more would be a false positive."""
    path = JSONRESUME / "sample.resume.json"
    found = run_checks(load_profile(path, path.name), today=TODAY, disable=("private",))
    assert not [p for p in found if p.severity == "error"]
    assert sorted((p.rule, p.message.split("'")[1]) for p in found) == sorted(
        [
            ("contact", "http://richardhendricks.example.com"),
            ("contact", "http://piedpiper.example.com"),
            ("contact", "http://coderdojo.example.com/"),
            ("contact", "http://en.wikipedia.org/wiki/Silicon_Valley_(TV_series)"),
            ("contact", "http://missdirection.example.com"),
            ("tone", "Awesome"),
            ("tone", "THAT"),
            ("tone", "NOT"),
        ]
    )


def test_json_format_has_stable_fields_and_exit_status(tmp_path: Path) -> None:
    body = LETTER_BODY.replace("Harbour Retail Group", "[Company Name]")
    path = write(tmp_path, BASE + APP.format(body=body))
    result = run_cli("check", "--format", "json", str(path))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert set(report) == {"findings", "errors", "warnings", "infos", "ok"}
    assert report["ok"] is False and report["errors"] >= 1
    slot = next(f for f in report["findings"] if f["rule"] == "placeholders")
    assert list(slot) == ["file", "line", "column", "level", "rule", "field", "message", "hint"]
    line, col = pos(path.read_text(), "[Company Name]")
    assert slot | {"file": ""} == {
        "file": "",
        "line": line,
        "column": col,
        "level": "error",
        "rule": "placeholders",
        "field": "applications[0].letter.body",
        "message": "placeholder '[Company Name]' left in the text",
        "hint": "replace it with the real text before sending",
    }


def test_strict_makes_warnings_fail(tmp_path: Path) -> None:
    path = write(tmp_path, BASE.replace("https://priyaraman", "http://priyaraman"))
    relaxed = run_cli("check", str(path))
    assert relaxed.returncode == 0
    expected = "warning contact: basics.url: 'http://priyaraman.example.com' uses http://"
    assert expected in relaxed.stderr
    assert relaxed.stdout.strip().endswith("ok (1 warning)")
    strict = run_cli("check", "--strict", str(path))
    assert strict.returncode == 1
    assert "1 problem found: 0 errors, 1 warning" in strict.stderr
    assert run_cli("check", "--disable", "contact", str(path)).returncode == 0


def test_check_does_not_import_the_renderer() -> None:
    code = (
        "import sys\nfrom jobpacket.cli import main\n"
        "main(['check', 'profiles/example.yml'], standalone_mode=False)\n"
        "print(sorted(m for m in ('weasyprint', 'mkdocs', 'jinja2') if m in sys.modules))\n"
    )
    result = run_python("-c", code, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def _build_errors(path: Path) -> list[tuple[int, int]]:
    try:
        list(documents.private_set(load_profile(path, "p.yml")))
    except ProfileError as exc:
        return [(p.line, p.col) for p in exc.problems]
    return []


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda t: t.replace("name: Priya Raman", "name: '  '"), "'  '"),
        (lambda t: t.replace("body: I am", 'body: ""\n      greeting: I am'), '""'),
        (
            lambda t: t + "    attachments:\n      - path: ../../../etc/passwd\n",
            "../../../etc/passwd",
        ),
        (
            # a role proposal to assemble, with no role to propose
            lambda t: t.replace(
                "    letter:\n      body: I am",
                "    letter:\n      kind: role-proposal\n      closing: I am",
            ),
            "id: harbour",
        ),
        (
            lambda t: t.replace("body: I am", "body: |\n        [[updaets]]\n\n        I am"),
            "|\n        [[updaets]]",
        ),
    ],
    ids=[
        "blank-name",
        "blank-letter-body",
        "attachment-outside",
        "role-proposal-without-role",
        "unknown-letter-block",
    ],
)
def test_what_the_build_rejects_check_rejects_at_the_same_line(
    tmp_path: Path, change, needle: str
) -> None:
    text = change(BASE + APP.format(body=LETTER_BODY))
    path = write(tmp_path, text)
    rejected = _build_errors(path)
    assert pos(text, needle) in rejected
    result = run_cli("check", str(path))
    assert result.returncode == 1
    line, col = pos(text, needle)
    assert f"{path}:{line}:{col}: error " in result.stderr


# --- the builds ------------------------------------------------------------------------------


@pytest.mark.slow
def test_missing_enclosure_stops_the_build_and_check_at_the_same_line(tmp_path: Path) -> None:
    """The packets `mkdocs build` binds refuse a missing enclosure; `check` says so first."""
    site = make_site(tmp_path / "s", EXAMPLE)
    (site / "profiles" / "documents" / "letters" / "hartman-2026.pdf").unlink()
    text = (site / "profiles" / "profile.yml").read_text(encoding="utf-8")
    line, col = pos(text, "documents/letters/hartman-2026.pdf")  # the recommendation letter
    located = f"profiles/profile.yml:{line}:{col}: error files: references[0].letter.file: packet "
    result = build(site, strict=False)
    assert result.returncode == 1
    assert located in result.stdout + result.stderr
    checked = run_cli("check", cwd=site)
    assert checked.returncode == 1
    assert located in checked.stderr


@pytest.mark.slow
def test_missing_file_warning_fails_mkdocs_build_strict(tmp_path: Path) -> None:
    """A missing file no packet encloses is a warning: `mkdocs build` passes, `--strict` not."""
    site = make_site(tmp_path / "s", EXAMPLE)
    (site / "profiles" / "documents" / "evaluation-2025.pdf").unlink()
    text = (site / "profiles" / "profile.yml").read_text(encoding="utf-8")
    line, col = pos(text, "documents/evaluation-2025.pdf")
    expected = f"profiles/profile.yml:{line}:{col}: warning files: documents[1].path: file "
    relaxed = build(site, strict=False)
    assert relaxed.returncode == 0, relaxed.stderr
    assert relaxed.stderr.count(expected) == 1, relaxed.stderr
    strict = build(site)
    assert strict.returncode == 1
    assert "Aborted with 1 warnings in strict mode" in strict.stdout + strict.stderr


@pytest.mark.slow
def test_placeholder_stops_mkdocs_build_with_the_located_line(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("Dear Ms. Donnelly,", "Dear [Name],")
    site = make_site(tmp_path / "s", EXAMPLE)
    (site / "profiles" / "profile.yml").write_text(text, encoding="utf-8")
    result = build(site, strict=False)
    assert result.returncode == 1
    line, col = pos(text, "[Name]")
    assert f"profiles/profile.yml:{line}:{col}: error placeholders:" in result.stderr
    assert not (site / "site" / "index.html").exists()


@pytest.mark.slow
def test_letter_over_one_page_is_found_by_the_print_step_and_check_render(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s", EXAMPLE)
    path = site / "profiles" / "profile.yml"
    text = path.read_text(encoding="utf-8")
    long_body = "\n\n        ".join([LETTER_BODY] * 4)
    text = text.replace(
        "        I am writing to apply", f"        {long_body}\n\n        I am writing", 1
    )
    text = text.replace("disable: [private]", "disable: [private, spelling, consistency]")
    path.write_text(text, encoding="utf-8")
    line, _ = pos(text, "|\n        " + LETTER_BODY[:20])
    # mkdocs build: the print step's page-count warning reaches MkDocs' log
    result = build(site, strict=False)
    assert result.returncode == 0, result.stderr
    overflow = (
        f"profiles/profile.yml:{line}:13: warning length: applications[0].letter.body: "
        "the letter runs to 2 pages when printed"
    )
    assert overflow in result.stderr
    # jobpacket check: only --render measures pages
    plain = run_cli("check", str(path))
    assert "pages when printed" not in plain.stderr
    rendered = run_cli(
        "check", "--render", "profiles/profile.yml", cwd=site, process=True, timeout=300
    )
    assert overflow in rendered.stderr


@pytest.mark.parametrize(
    "path", sorted((ROOT / "tests" / "fixtures" / "realworld").glob("*.json")), ids=lambda p: p.name
)
def test_real_world_resume_files_have_no_error(path: Path) -> None:
    """Files in the shapes people write (other languages, Markdown, chat links): jobpacket may
    warn, but `check` must exit 0 on what a build accepts."""
    found = run_checks(load_profile(path, path.name), today=TODAY)
    assert [str(p) for p in found if p.severity == "error"] == []
    assert not [p for p in found if p.rule == "spelling" and p.severity == "warning"]
