"""Nothing goes out unchecked: the commands that make something to send proofread it.

Issue 19's reproduction: a nurse educator's reconsideration letter with `[Company]` and
`TODO add phone!!` in its body was written by `letter`, `pdf letter` and `packet` with exit 0
and no word. Each command now runs the proofreading rules on what it prints, through the
real CLI: an error writes nothing (the previous file is kept) unless --force; warnings are
printed; a finding in something the document does not print does not stop it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_cli

PROFILE = """\
basics:
  name: Dana Whitfield
  label: Nurse Educator
  email: dana.whitfield@example.com
  phone: "+1 503-555-0199"
work:
  - name: Mercy General Hospital
    position: Nurse Educator
    startDate: "2019-03"
    endDate: present
    highlights:
      - Trained 140 new graduate nurses in sepsis recognition.{printed}
  - name: Harbor Clinic
    position: Staff Nurse
    startDate: "2016-01"
    endDate: "2019-02"
    visibility: private
    highlights:
      - Private draft bullet, TODO finish this.
certificates:
  - name: Certified Nurse Educator (CNE)
    issuer: NLN
    date: "2026-10-02"
applications:
  - id: stmarys
    organization: St. Mary's Medical Center
    position: Clinical Nurse Educator
    contact: {{name: Dr. Helen Park}}
    applied: "2026-07-10"
    decided: "2026-09-01"
    status: rejected
    letter:
      kind: reconsideration
      date: "2026-12-03"
      greeting: "Dear Dr. Park,"
      body: |
        Thank you for considering my application to {company}. {todo}

        I remain interested in the Clinical Nurse Educator role at St. Mary's Medical
        Center, and I respect the decision you made. Since I applied, I have kept teaching
        sepsis recognition to new graduate nurses and earned a new certification:

        [[updates]]

        I would be glad to talk about how this helps your education program, and I thank
        you again for the time you and your colleagues gave my application. Whatever you
        decide, I am grateful for your consideration and hope we can stay in touch about
        future openings in clinical education at St. Mary's Medical Center. I am available
        to speak at any time that suits you, by phone or in person, and I can send anything
        further that would help your decision.
  - id: lakeside
    organization: Lakeside Hospital
    position: Nurse Educator
    applied: "2026-11-02"
    status: applied
    letter:
      kind: cover
      body: |
        Draft for Lakeside: TODO write the letter.
meta: {{lang: en-US}}
"""


def _site(
    tmp_path: Path, *, company: str = "[Company]", todo: str = "TODO add phone!!", printed: str = ""
) -> Path:
    text = PROFILE.format(company=company, todo=todo, printed=printed)
    (tmp_path / "profiles").mkdir(exist_ok=True)
    (tmp_path / "profiles" / "profile.yml").write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Dana Whitfield\n", encoding="utf-8")
    return tmp_path


def _cli(site: Path, *args: str):
    return run_cli(*args, "--profile", "profiles/profile.yml", cwd=site, process=True)


@pytest.mark.parametrize(
    ("args", "target"),
    [
        (("letter", "stmarys"), "build/stmarys/reconsideration-letter.pdf"),
        (("pdf", "letter", "-a", "stmarys"), "build/stmarys/reconsideration-letter.pdf"),
        (("packet", "stmarys"), "build/packets/stmarys.pdf"),
        (("letter", "stmarys", "--markdown"), None),
    ],
)
def test_a_placeholder_in_the_letter_stops_every_command_that_makes_it(
    tmp_path: Path, args: tuple[str, ...], target: str | None
) -> None:
    site = _site(tmp_path)
    if target is not None:  # the previous output is kept as it was
        (site / target).parent.mkdir(parents=True)
        (site / target).write_bytes(b"%PDF-previous")
    result = _cli(site, *args)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    # Located at the placeholder itself, with the rule and what to do.
    assert (
        "profiles/profile.yml:37:53: error placeholders: applications[0].letter.body: "
        "placeholder '[Company]' left in the text" in result.stderr
    )
    assert "error placeholders: applications[0].letter.body: placeholder 'TODO'" in result.stderr
    assert "warning tone: applications[0].letter.body: '!!'" in result.stderr  # warnings too
    assert "--force" in result.stderr
    if target is None:
        assert result.stdout == ""  # nothing printed to paste into an email
    else:
        assert (site / target).read_bytes() == b"%PDF-previous"
        assert list((site / "build").rglob("*.pdf")) == [site / target]
    # The other application's TODO and the private entry's are not in this letter.
    assert "applications[1]" not in result.stderr and "work[1]" not in result.stderr


def test_force_writes_it_anyway_and_still_says_what_is_wrong(tmp_path: Path) -> None:
    site = _site(tmp_path)
    result = _cli(site, "letter", "stmarys", "--force")
    assert result.returncode == 0, result.stderr
    assert "placeholder '[Company]'" in result.stderr
    assert "2 errors in stmarys/reconsideration-letter.pdf; writing anyway" in result.stderr
    assert (site / "build/stmarys/reconsideration-letter.pdf").read_bytes().startswith(b"%PDF-")


def test_a_clean_letter_is_written_with_its_warnings_printed(tmp_path: Path) -> None:
    site = _site(tmp_path, company="St. Mary's Medical Center", todo="Thank you!!")
    result = _cli(site, "letter", "stmarys")
    assert result.returncode == 0, result.stderr
    assert "warning tone: applications[0].letter.body: '!!'" in result.stderr
    assert " error " not in result.stderr
    assert (site / "build/stmarys/reconsideration-letter.pdf").is_file()


def test_what_the_document_prints_decides_not_where_the_text_is(tmp_path: Path) -> None:
    """A placeholder in a printed work highlight stops the résumé and the packet (which
    encloses it); one in a private entry or in another application's letter stops nothing
    of this application's."""
    clean = {"company": "St. Mary's Medical Center", "todo": ""}
    site = _site(tmp_path, **clean)
    assert _cli(site, "letter", "stmarys", "--markdown").returncode == 0
    resume = _cli(site, "pdf", "resume")
    assert resume.returncode == 0, resume.stderr
    assert "TODO" not in resume.stderr  # work[1] is private: never printed
    site = _site(tmp_path, printed=" [Hospital Name]", **clean)
    resume = _cli(site, "pdf", "resume", "-o", "r.pdf")
    assert resume.returncode == 1
    assert "work[0].highlights[0]: placeholder '[Hospital Name]'" in resume.stderr
    assert not (site / "r.pdf").exists()
    packet = _cli(site, "packet", "stmarys")
    assert packet.returncode == 1 and "'[Hospital Name]'" in packet.stderr
    assert not (site / "build/packets/stmarys.pdf").exists()
    # The reconsideration letter quotes no highlight: it is not stopped by one.
    assert _cli(site, "letter", "stmarys", "--markdown").returncode == 0


# --- status follows the work ------------------------------------------------------------------


def test_a_reconsideration_being_prepared_after_a_rejection_blocks(tmp_path: Path) -> None:
    """Issue 19: `status: rejected` with a draft reconsideration full of placeholders said
    "decided; not blocking" and exit 0. The letter is what she is preparing: it blocks."""
    site = _site(tmp_path)
    result = _cli(site, "status", "stmarys", "--today", "2026-12-04")
    assert result.returncode == 1, result.stdout
    assert (
        "status rejected (applied 2026-07-10, decided 2026-09-01): NOT READY; a "
        "reconsideration letter is being prepared (2 errors," in result.stdout
    )
    # Once a contact is logged on the letter's date (it was sent), and no follow-up is due
    # yet, nothing is being prepared: the errors no longer block.
    text = (site / "profiles/profile.yml").read_text(encoding="utf-8")
    sent = text.replace(
        "    status: rejected\n",
        '    status: rejected\n    followUp: {every: 1m, log: [{date: "2026-12-03"}]}\n',
    )
    (site / "profiles/profile.yml").write_text(sent, encoding="utf-8")
    result = _cli(site, "status", "stmarys", "--today", "2026-12-04")
    assert result.returncode == 0, result.stdout
    assert "decided; not blocking (2 errors," in result.stdout


# --- outputs know what made them ----------------------------------------------------------------


def _status(site: Path) -> str:
    result = _cli(site, "status", "stmarys", "--today", "2026-12-04")
    assert "Traceback" not in result.stderr
    return result.stdout


def _edit(site: Path, old: str, new: str) -> None:
    path = site / "profiles/profile.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_status_says_stale_when_the_profile_changed_after_the_letter_was_made(
    tmp_path: Path,
) -> None:
    """Issue 19: after a fix to the profile, the letter and packet in build/ still held the
    old text and `status` said "ok". Each output now records what it was made from."""
    import json

    site = _site(tmp_path, company="St. Mary's Medical Center", todo="")
    assert _cli(site, "letter", "stmarys").returncode == 0
    assert _cli(site, "packet", "stmarys").returncode == 0
    record = json.loads((site / "build/jobpacket-manifest.json").read_text(encoding="utf-8"))
    entry = record["files"]["stmarys/reconsideration-letter.pdf"]
    assert set(entry) == {"profile", "inputs", "sha256"}
    assert (site / "build/packets/jobpacket-manifest.json").is_file()
    fresh = _status(site)
    assert "letter           ok       assembled: reconsideration letter dated 2026-12-03" in fresh
    assert "packet           ok       bound: packets/stmarys.pdf" in fresh
    assert "stale" not in fresh
    # An edit to a private note changes no output: still up to date.
    _edit(site, "    status: rejected\n", "    status: rejected\n    notes: call on Monday\n")
    assert "stale" not in _status(site)
    # An edit to the letter's text: both are stale, never "ok".
    _edit(site, "I remain interested", "I remain very interested")
    stale = _status(site)
    assert (
        "letter           warning  stale: reconsideration letter dated 2026-12-03 in "
        "stmarys/reconsideration-letter.pdf: the profile changed after it was made; remake it: "
        "jobpacket letter stmarys"
    ) in stale
    assert (
        "packet           warning  stale: packets/stmarys.pdf: the profile changed after it was "
        "made; remake it: jobpacket packet stmarys"
    ) in stale
    assert "remake before sending" in stale
    assert " ok       assembled" not in stale
    # Remade: up to date again.
    assert _cli(site, "letter", "stmarys").returncode == 0
    assert "letter           ok       assembled" in _status(site)
    # A file replaced by hand is not vouched for.
    (site / "build/stmarys/reconsideration-letter.pdf").write_bytes(b"%PDF-edited")
    assert "changed after jobpacket made it" in _status(site)


def test_mkdocs_build_records_its_private_outputs_in_the_staged_build(tmp_path: Path) -> None:
    """`mkdocs build` writes build/ through a staged copy swapped in whole; the manifests are
    among the files it writes there, so they always describe the files beside them."""
    import json

    from .test_site_support import build, make_site

    text = PROFILE.format(company="St. Mary's Medical Center", todo="", printed="")
    text = text.replace("Draft for Lakeside: TODO write the letter.", "Dear Lakeside team.")
    text = text.replace("Private draft bullet, TODO finish this.", "Cared for adults.")
    site = make_site(tmp_path / "site", text)
    result = build(site, strict=False)
    assert result.returncode == 0, result.stderr
    documents = json.loads((site / "build/jobpacket-manifest.json").read_text(encoding="utf-8"))
    assert sorted(documents["files"]) == [
        "lakeside/cover-letter.pdf",
        "resume.pdf",
        "stmarys/reconsideration-letter.pdf",
    ]
    packets = json.loads((site / "build/packets/jobpacket-manifest.json").read_text("utf-8"))
    assert sorted(packets["files"]) == ["lakeside.pdf", "stmarys.pdf"]
    assert not list(site.glob("site/**/jobpacket-manifest.json"))  # never published
    assert "stale" not in _status(site)
    _edit(site, "I remain interested", "I remain very interested")
    stale = _status(site)
    assert "stale: reconsideration letter dated 2026-12-03 in stmarys/" in stale
    assert "stale: packets/stmarys.pdf: the profile changed after it was made" in stale
    assert build(site, strict=False).returncode == 0
    assert "stale" not in _status(site)


# --- every finding in one run -------------------------------------------------------------------

THREE_KINDS = """\
basics:
  name: Dana Whitfield
  email: dana.whitfield@example.com
work:
  - name: Mercy General Hospital
    position: Nurse Educator
    startDate: "2019-03"
    endDate: present
    highlights: 12
  - name: Harbor Clinic
    position: Staff Nurse
    startDate: "2018-01"
    endDate: "2016-02"
    highlights:
      - Cared for adults in a busy TODO unit.
applications:
  - organization: Nowhere
  - id: stmarys
    organization: St. Mary's Medical Center
    position: Clinical Nurse Educator
    applied: "2026-05-01"
    decided: "2026-04-01"
    letter:
      kind: cover
      body: Dear [Company], I am applying.
"""


def test_one_check_shows_schema_validation_and_proofreading_problems(tmp_path: Path) -> None:
    """Issue 19: one file needed three runs to show three problems. Schema errors (a wrong
    type, a missing id), a validation rule (decided before applied) and proofreading (a
    placeholder in an entry after the one taken out) now come in one run, each at its line,
    numbered as the file is. (An end before its start is read as written, with a warning:
    issue 21.)"""
    (tmp_path / "p.yml").write_text(THREE_KINDS, encoding="utf-8")
    result = run_cli("check", "p.yml", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "p.yml:9:17: work[0].highlights: expected a list, found the number 12" in lines[1]
    expected = [
        "p.yml:13:14: warning dates: work[1].endDate: ends (2016-02) before it starts",
        "p.yml:15:36: error placeholders: work[1].highlights[0]: placeholder 'TODO'",
        "p.yml:17:5: applications[0].id: is required; add it",
        "p.yml:22:14: applications[1].decided: decided (2026-04-01) before it was applied for",
        # applications[0] is left out of the rest: the letter is still applications[1].
        "p.yml:25:18: error placeholders: applications[1].letter.body: placeholder '[Company]'",
    ]
    for line in expected:
        assert any(x.startswith(line) for x in lines), (line, result.stderr)
    assert lines[-1] == "9 problems found: 5 errors, 4 warnings"
    assert len([x for x in lines if ": error " in x or ": warning " in x]) + 3 == 9
    # The same in JSON, for editors.
    import json

    report = json.loads(run_cli("check", "p.yml", "--format", "json", cwd=tmp_path).stdout)
    rules = {f["rule"] for f in report["findings"]}
    assert {"schema", "dates", "placeholders", "consistency"} <= rules
    assert report["errors"] == 5


def test_the_count_counts_every_error_and_warning_shown(tmp_path: Path) -> None:
    """Issue 19: "1 problem found" closed a list of seven findings."""
    text = THREE_KINDS.replace("    highlights: 12\n", "").replace('endDate: "2016-02"', "")
    text = text.replace("  - organization: Nowhere\n", "").replace(" TODO", "")
    text = text.replace('    decided: "2026-04-01"\n', "")
    (tmp_path / "p.yml").write_text(text, encoding="utf-8")
    result = run_cli("check", "p.yml", cwd=tmp_path)
    shown = [x for x in result.stderr.splitlines() if ": error " in x or ": warning " in x]
    errors = sum(": error " in x for x in shown)
    assert errors == 1 and len(shown) >= 3
    assert result.stderr.splitlines()[-1] == (
        f"{len(shown)} problems found: 1 error, {len(shown) - 1} warnings"
    )


def test_status_knows_updates_lists_the_certificate(tmp_path: Path) -> None:
    """Issue 19: `status` said a certificate was "not in the letter" when the letter's
    [[updates]] block lists it."""
    site = _site(tmp_path, company="St. Mary's Medical Center", todo="")
    out = _status(site)
    assert "since applying   ok       the packet includes everything dated since" in out
    assert "not in the letter" not in out
    _edit(site, "        [[updates]]\n", "")
    out = _status(site)
    assert "certificate Certified Nurse Educator (CNE) (2026-10-02): not in the letter" in out


def test_mkdocs_build_shows_every_kind_of_problem_at_once(tmp_path: Path) -> None:
    from .test_site_support import build, make_site

    site = make_site(tmp_path / "site", THREE_KINDS)
    result = build(site, strict=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for line in (
        "work[0].highlights: expected a list, found the number 12",
        "warning dates: work[1].endDate: ends (2016-02) before it starts (2018-01)",
        "applications[1].decided: decided (2026-04-01) before it was applied for",
        "error placeholders: work[1].highlights[0]: placeholder 'TODO'",
        "error placeholders: applications[1].letter.body: placeholder '[Company]'",
    ):
        assert line in result.stderr, result.stderr


def test_pdf_all_writes_nothing_when_one_document_has_an_error(tmp_path: Path) -> None:
    """`pdf all` writes every private document at once: the lakeside draft's TODO stops all
    of them (as `mkdocs build` does), and --force writes them with the errors printed."""
    site = _site(tmp_path, company="St. Mary's Medical Center", todo="")
    result = _cli(site, "pdf", "all")
    assert result.returncode == 1
    assert "applications[1].letter.body: placeholder 'TODO'" in result.stderr
    assert "work[1]" not in result.stderr  # private: in no document
    assert not (site / "build").exists()
    forced = _cli(site, "pdf", "all", "--force")
    assert forced.returncode == 0, forced.stderr
    assert "1 error in the documents; writing anyway (--force)" in forced.stderr
    assert (site / "build/lakeside/cover-letter.pdf").is_file()
    assert (site / "build/jobpacket-manifest.json").is_file()


# --- all applications at a glance ---------------------------------------------------------------


def test_a_cohort_proofreads_each_profile_and_records_what_made_each_file(tmp_path: Path) -> None:
    """`pdf resume FOLDER`: a career office's batch is proofread too; the profile with a
    placeholder in a printed highlight is not rendered, the others are, with a manifest."""
    import json

    cohort = tmp_path / "cohort"
    cohort.mkdir()
    clean = PROFILE.format(company="St. Mary's Medical Center", todo="", printed="")
    (cohort / "dana.yml").write_text(clean, encoding="utf-8")
    (cohort / "drafty.yml").write_text(
        PROFILE.format(company="x", todo="", printed=" [Hospital Name]"), encoding="utf-8"
    )
    result = run_cli(
        "pdf", "resume", "cohort", "-o", "out", cwd=tmp_path, timeout=180, process=True
    )
    assert result.returncode == 1
    assert "cohort/drafty.yml" in result.stderr and "placeholder '[Hospital Name]'" in result.stderr
    assert "1 of 2 profiles rendered" in result.stderr
    assert not (tmp_path / "out" / "drafty").exists()
    record = json.loads((tmp_path / "out/dana/jobpacket-manifest.json").read_text("utf-8"))
    assert list(record["files"]) == ["resume.pdf"]


# --- the application's private brief ------------------------------------------------------------


def test_the_valid_rest_keeps_every_position_when_entries_are_taken_out(tmp_path: Path) -> None:
    """Entries taken out of nested lists (an attachment without a path inside the third
    application, the first application without an id): findings on what is left are located
    and numbered as in the file."""
    text = """\
basics: {name: Dana Whitfield}
applications:
  - organization: Nowhere
  - id: first
    letter: {kind: cover, body: "Dear [Company], hello."}
  - id: second
    attachments:
      - title: no path here
      - path: documents/cv.pdf
    letter: {kind: cover, body: "TODO write this."}
"""
    (tmp_path / "p.yml").write_text(text, encoding="utf-8")
    result = run_cli("check", "p.yml", cwd=tmp_path)
    lines = result.stderr.splitlines()
    assert any(x.startswith("p.yml:3:5: applications[0].id: is required") for x in lines)
    assert any(
        x.startswith("p.yml:8:9: applications[2].attachments[0].path: is required") for x in lines
    )
    assert any(
        x.startswith("p.yml:5:39: error placeholders: applications[1].letter.body: placeholder")
        for x in lines
    ), result.stderr
    assert any(
        x.startswith(
            "p.yml:10:34: error placeholders: applications[2].letter.body: placeholder 'TODO'"
        )
        for x in lines
    ), result.stderr
    # The file the second attachment names is missing: found at its own line, numbered [1].
    assert any("applications[2].attachments[1].path" in x for x in lines), result.stderr
