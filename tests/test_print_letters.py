"""Letters by kind: assembled from the profile's facts when there is no body, the user's text
with `[[updates]]` / `[[enclosures]]` blocks when there is one. Real PDFs read back with pypdf."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jobpacket.errors import ProfileError
from jobpacket.print import documents, outputs
from jobpacket.print.letters import letter_body
from jobpacket.print.typography import smarten
from jobpacket.profile.validate import LoadedProfile, load_profile

from .conftest import EXAMPLE, copy_example_files, run_cli
from .pdf_support import flat, page_texts, weasyprint_log

# A clinical data analyst who was a nurse: a realistic profile with items on both sides of
# the application dates, one on the boundary month and one marked private.
PROFILE = """\
basics:
  name: Priya Raman
  label: Clinical Data Analyst
  email: priya.raman@example.com
  phone: "+1 503-555-0114"
  location: {city: Portland, region: OR, countryCode: US}
work:
  - name: Riverside Health System
    position: Senior Clinical Data Analyst
    startDate: "2026-04"
    endDate: present
    highlights:
      - Lead the analytics for the hospital-wide sepsis quality program across four campuses.
    tags: [analytics, healthcare]
  - name: Riverside Health System
    position: Clinical Data Analyst
    startDate: "2024-02"
    endDate: "2026-03"
    highlights:
      - Built the sepsis early-warning dashboard used by 12 intensive care units.
      - Cut the monthly quality report from five days of manual work to one automated run.
    tags: [analytics, healthcare, sql]
  - name: Mercy General Hospital
    position: Registered Nurse, Intensive Care
    startDate: "2018-06"
    endDate: "2024-01"
    highlights:
      - Cared for critically ill adults in a 24-bed intensive care unit.
    tags: [clinical, healthcare]
volunteer:
  - organization: Portland Community Health Workshops
    position: Volunteer instructor
    startDate: "2021-01"
    highlights: [Teach blood-pressure screening to community health workers.]
    tags: [teaching]
education:
  - institution: Oregon Coast University
    studyType: Master of Science
    area: Health Informatics
    startDate: "2024-09"
    endDate: "2026-05"
certificates:
  - name: Certified Health Data Analyst (CHDA)
    issuer: AHIMA
    date: "2025-09-12"
  - name: Tableau Desktop Specialist
    issuer: Tableau
    date: "2026-03"
  - name: Certified Professional in Healthcare Quality (CPHQ)
    issuer: NAHQ
    date: "2026-05-12"
  - name: Lean Six Sigma Green Belt
    issuer: ASQ
    date: "2026-05-02"
    visibility: private
publications:
  - name: Reducing Alarm Fatigue with Tiered Sepsis Alerts
    publisher: Journal of Nursing Informatics
    releaseDate: "2026-04-30"
skills:
  - name: Data Analysis
    keywords: [SQL, Python, pandas, Tableau]
    tags: [analytics]
  - name: Clinical Practice
    keywords: [critical care, patient safety, sepsis protocols]
    tags: [clinical]
  - name: Teaching
    keywords: [staff training, workshops]
    tags: [teaching]
projects:
  - name: Sepsis Alert Tuning
    description: Retuned sepsis alert thresholds with nursing leadership to halve false alarms.
    startDate: "2025-01"
    endDate: "2025-10"
    tags: [analytics, healthcare]
applications:
  - id: northshore-cover
    organization: Northshore Children's Hospital
    position: Clinical Analytics Manager
    contact: {name: Ms. Carla Jimenez, title: Director of Quality}
    applied: "2026-05-20"
    status: applied
    letter: {kind: cover}
    tailor: {tags: [analytics, healthcare]}
  - id: lakeview-reconsideration
    organization: Lakeview University Medical Center
    position: Nursing Informatics Specialist
    contact: {name: Dr. Samuel Okafor, address: "1200 Lakeview Drive\\nSeattle, WA 98101"}
    applied: "2026-03-15"
    decided: "2026-04-20"
    status: reconsideration
    letter: {kind: reconsideration, date: "2026-06-01"}
  - id: harbor-follow-up
    organization: Harbor Health Partners
    position: Population Health Analyst
    applied: "2026-02-01"
    status: applied
    letter: {kind: follow-up, date: "2026-05-25"}
  - id: eastside-thank-you
    organization: Eastside Clinic Network
    position: Quality Improvement Analyst
    contact: {name: Mr. Daniel Cho}
    applied: "2026-05-02"
    status: interviewing
    letter: {kind: thank-you, date: "2026-05-28"}
  - id: lakeview-role-proposal
    organization: Lakeview University Medical Center
    position: Nursing Informatics Specialist
    applied: "2026-03-15"
    decided: "2026-04-20"
    status: rejected
    alternateRole: Clinical Data Analyst, Sepsis Quality Program
    tailor: {tags: [analytics]}
    letter: {kind: role-proposal, date: "2026-06-02"}
  - id: no-letter
    organization: Cascade Care Collaborative
    position: Healthcare Data Analyst
    applied: "2026-05-30"
meta: {lang: en-US}
"""

# What each kind must say, beyond naming the position and the organisation.
DISTINCTIVE = {
    "northshore-cover": [
        "Re: Application for Clinical Analytics Manager",
        "I am writing to apply for the Clinical Analytics Manager position",
        "My current position is Senior Clinical Data Analyst at Riverside Health System.",
        "Built the sepsis early-warning dashboard used by 12 intensive care units "
        "(Riverside Health System).",
        "Dear Ms. Jimenez,",
    ],
    "lakeview-reconsideration": [
        "Re: Request for reconsideration, Nursing Informatics Specialist",
        "Dear Dr. Okafor,",
        "I respect the decision.",
        "Some weeks have passed since you wrote on April 20, 2026",
        "since I applied on March 15, 2026",
        "Senior Clinical Data Analyst, Riverside Health System, since April 2026.",
        "Certified Professional in Healthcare Quality (CPHQ), NAHQ, earned in May 2026.",
        "Master of Science in Health Informatics, Oregon Coast University, completed in May 2026",
        "Whatever you decide, thank you again",
    ],
    "harbor-follow-up": [
        "I am writing to follow up on my application",
        "Dear Hiring Manager,",
        "Since I applied, there is news",
        "Tableau Desktop Specialist, Tableau, earned in March 2026.",
    ],
    "eastside-thank-you": [
        "Thank you for the time you and your colleagues spent with me during the interviews",
        "Dear Mr. Cho,",
    ],
    "lakeview-role-proposal": [
        "Re: Clinical Data Analyst, Sepsis Quality Program",
        "consider me instead for another of your openings: Clinical Data Analyst, Sepsis "
        "Quality Program.",
        "Lead the analytics for the hospital-wide sepsis quality program",
        "Built the sepsis early-warning dashboard",
    ],
    "no-letter": ["I am writing to apply for the Healthcare Data Analyst position"],
}


@pytest.fixture(scope="module")
def priya(tmp_path_factory: pytest.TempPathFactory) -> LoadedProfile:
    path = tmp_path_factory.mktemp("priya") / "profile.yml"
    path.write_text(PROFILE, encoding="utf-8")
    return load_profile(path, "profile.yml")


def _load(tmp_path: Path, text: str) -> LoadedProfile:
    path = tmp_path / "p.yml"
    path.write_text(text, encoding="utf-8")
    return load_profile(path, "p.yml")


def _bullets(markdown: str) -> list[str]:
    return [line[2:] for line in markdown.splitlines() if line.startswith("- ")]


@pytest.mark.parametrize("app_id", list(DISTINCTIVE))
def test_assembled_letter_is_one_real_page_for_each_kind(priya: LoadedProfile, app_id: str) -> None:
    app = priya.profile.application(app_id)
    assert app is not None and (app.letter is None or app.letter.body is None)
    doc = documents.letter(priya, app_id)
    assert doc.notes == ()
    with weasyprint_log() as log:
        pages = page_texts(outputs.render_uncached(doc))
    assert log.messages == []
    assert len(pages) == 1, f"{app_id} runs to {len(pages)} pages"
    body = flat(pages[0])
    # print sets typographic apostrophes: Children's -> Children’s
    assert smarten(app.position) in body and smarten(app.organization) in body
    for phrase in DISTINCTIVE[app_id]:
        assert phrase in body, phrase
    # Courteous, never entitled: the letter asks, it does not demand or appeal.
    for word in ("demand", "deserve", "unfair", "appeal", "must reconsider"):
        assert word not in body.lower()


def test_reconsideration_lists_exactly_what_is_new_since_applying(priya: LoadedProfile) -> None:
    markdown, notes = documents.letter_markdown(priya, "lakeview-reconsideration")
    assert notes == ()
    assert _bullets(markdown) == [
        "**Senior Clinical Data Analyst**, Riverside Health System, since April 2026. Lead the "
        "analytics for the hospital-wide sepsis quality program across four campuses.",
        "**“Reducing Alarm Fatigue with Tiered Sepsis Alerts”**, Journal of Nursing "
        "Informatics, published in April 2026.",
        "**Master of Science in Health Informatics**, Oregon Coast University, completed in "
        "May 2026.",
        "**Certified Professional in Healthcare Quality (CPHQ)**, NAHQ, earned in May 2026.",
    ]
    # Before the application, in its month (not after it), or private: never listed.
    for absent in ("CHDA", "Tableau", "Lean Six Sigma", "Sepsis Alert Tuning"):
        assert absent not in markdown
    # The follow-up counts from the later of applied and decided; it has no decision yet.
    follow, _ = documents.letter_markdown(priya, "harbor-follow-up")
    assert len(_bullets(follow)) == 5 and "Tableau Desktop Specialist" in follow


def test_follow_up_counts_from_the_last_logged_contact(tmp_path: Path) -> None:
    text = PROFILE.replace(
        '    letter: {kind: follow-up, date: "2026-05-25"}\n',
        '    letter: {kind: follow-up, date: "2026-05-25"}\n'
        "    followUp:\n      log:\n"
        '        - {date: "2026-04-15", channel: phone}\n'
        '        - {date: "2026-05-25", channel: letter, note: this letter}\n',
    )
    markdown, _ = documents.letter_markdown(_load(tmp_path, text), "harbor-follow-up")
    assert "Since we were last in touch on April 15, 2026, there is news" in markdown
    # The new role (Apr 2026) is not after Apr 15 at month precision; the letter's own log
    # entry is not an earlier contact.
    bullets = _bullets(markdown)
    assert len(bullets) == 3
    assert bullets[0].startswith("**“Reducing Alarm Fatigue")
    assert bullets[1].startswith("**Master of Science in Health Informatics")
    assert bullets[2].startswith("**Certified Professional in Healthcare Quality")


def _example_without_bodies(site: Path, circumstances: str | None = None) -> LoadedProfile:
    text = EXAMPLE.read_text(encoding="utf-8")
    text, n = re.subn(r"      body: \|\n(?:        .*\n|\n)+", "", text)
    assert n == 2  # both example letters had a body
    if circumstances:
        text = text.replace(
            "      kind: reconsideration\n",
            f"      kind: reconsideration\n      circumstances: {circumstances}\n",
        )
    (site / "profiles").mkdir(parents=True, exist_ok=True)
    copy_example_files(site)
    path = site / "profiles" / "example.yml"
    path.write_text(text, encoding="utf-8")
    return load_profile(path)


def test_example_reconsideration_assembled_lists_the_items_after_its_applied_date(
    tmp_path: Path,
) -> None:
    loaded = _example_without_bodies(tmp_path)
    markdown, notes = documents.letter_markdown(loaded, "lakefront-clinical-ai-rse")
    assert notes == ()
    bullets = _bullets(markdown)
    # Applied 2026-08-04: the ledgerline article (Oct 9), ledgerline 1.0 (Oct 14) and the
    # Google Cloud certificate (Oct 30); the project was started after it too, but counts
    # once, as released. Everything else in the example is older.
    assert len(bullets) == 3
    assert "ledgerline: Reproducible Evaluation Harnesses" in bullets[0]
    # Each update as its outcome, not its description.
    assert bullets[1].startswith("**ledgerline**, released in October 2026. Cut the time")
    assert "Google Cloud Professional Machine Learning Engineer" in bullets[2]
    for older in ("CKAD", "Databricks", "Best Civic Data", "Engineering Excellence", "driftwatch"):
        assert older not in markdown
    assert "Family caregiving" not in markdown  # private
    pages = page_texts(
        outputs.render_uncached(documents.letter(loaded, "lakefront-clinical-ai-rse"))
    )
    assert len(pages) == 1
    page = flat(pages[0])
    assert (
        "Dear Dr. Feldman," in page and "Re: Request for reconsideration, Senior Research" in page
    )


def test_circumstances_paragraph_only_when_given(tmp_path: Path) -> None:
    note = (
        "One point from my final interview may have been unclear; the federated training "
        "setup I described ran in production across three hospitals."
    )
    without, _ = documents.letter_markdown(
        _example_without_bodies(tmp_path / "a"), "lakefront-clinical-ai-rse"
    )
    given = _example_without_bodies(tmp_path / "b", circumstances=note)
    with_note, _ = documents.letter_markdown(given, "lakefront-clinical-ai-rse")
    paragraphs = with_note.split("\n\n")
    assert note in paragraphs
    # In its place: after what is new, before the close.
    assert paragraphs.index(note) == len(paragraphs) - 2
    assert len(paragraphs) == len(without.split("\n\n")) + 1
    assert "federated" not in without
    text = flat(
        page_texts(outputs.render_uncached(documents.letter(given, "lakefront-clinical-ai-rse")))[0]
    )
    assert "ran in production across three hospitals" in text


USER_BODY = """\
basics: {name: Ann Lee}
certificates:
  - {name: AWS Certified Solutions Architect, issuer: Amazon Web Services, date: "2026-02-10"}
  - {name: Scrum Master, issuer: Scrum Alliance, date: "2025-06-01"}
applications:
  - id: acme
    organization: Acme Robotics
    position: Platform Engineer
    applied: "2026-01-05"
    status: reconsideration
    attachments: [{path: sample.pdf, title: Design review sample}]
    letter:
      kind: reconsideration
      date: "2026-03-01"
      body: |
        Thank you for your time. Template text stays as typed: {{ 7*7 }}, and a
        [link](https://example.com) and [[updates]] inside a sentence are text.

        Since I applied:

        [[updates]]

        ```
        [[not-a-block-in-code]]
        ```

        Enclosed:
        [[enclosures]]
"""


def test_blocks_expand_inside_a_user_body(tmp_path: Path) -> None:
    (tmp_path / "sample.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    loaded = _load(tmp_path, USER_BODY)
    markdown, notes = documents.letter_markdown(loaded, "acme")
    assert "- AWS Certified Solutions Architect" not in markdown  # the update's own wording
    assert _bullets(markdown) == [
        "**AWS Certified Solutions Architect**, Amazon Web Services, earned in February 2026.",
        "Résumé",
        "Design review sample",
    ]
    assert "Scrum Master" not in markdown  # before the application
    assert "[[not-a-block-in-code]]" in markdown and "[[updates]] inside a sentence" in markdown
    (warning,) = notes  # the inline [[updates]] prints as typed; the user is told why
    assert warning.severity == "warning" and "line 2 of the body" in warning.message
    doc = documents.letter(loaded, "acme")
    text = flat(page_texts(outputs.render_uncached(doc))[0])
    assert "{{ 7*7 }}" in text and "[[updates]] inside a sentence" in text
    assert (
        "Since I applied: • AWS Certified Solutions Architect, Amazon Web Services, earned in "
        "February 2026." in text
    )
    assert "Enclosed: • Résumé • Design review sample Sincerely," in text


def test_unknown_block_is_a_located_error_with_a_suggestion(tmp_path: Path) -> None:
    loaded = _load(
        tmp_path,
        "basics: {name: Ann Lee}\napplications:\n  - id: acme\n    applied: '2026-01-05'\n"
        "    letter:\n      kind: follow-up\n      body: |\n        Hello.\n\n        [[update]]\n",
    )
    with pytest.raises(ProfileError) as exc:
        documents.letter(loaded, "acme")
    (problem,) = exc.value.problems
    assert str(problem).startswith("p.yml:7:13: applications[0].letter.body: line 3 of the body: ")
    assert "[[update]] is not a block jobpacket knows; did you mean [[updates]]?" in str(problem)
    # The same through the CLI: one located line, exit 1, no traceback.
    result = run_cli("letter", "acme", "--markdown", cwd=tmp_path, JOBPACKET_PROFILE="p.yml")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        "p.yml:7:13: applications[0].letter.body: line 3 of the body: [[update]]" in result.stderr
    )
    # `jobpacket check` finds it before anyone prints the letter.
    check = run_cli("check", "p.yml", cwd=tmp_path)
    assert check.returncode == 1 and "p.yml: ok" not in check.stdout
    assert check.stderr.splitlines()[0].startswith(
        "p.yml:7:13: error letters: applications[0].letter.body: line 3 of the body: "
        "[[update]] is not a block"
    )


def test_updates_block_needs_the_applied_date(tmp_path: Path) -> None:
    loaded = _load(
        tmp_path,
        "basics: {name: Ann Lee}\napplications:\n  - id: acme\n    letter:\n"
        "      body: |\n        Hello.\n        [[enclosures]]\n        [[updates]]\n",
    )
    with pytest.raises(ProfileError) as exc:
        documents.letter(loaded, "acme")
    (problem,) = exc.value.problems
    assert problem.path == ("applications", 0, "letter", "body")
    assert "line 3 of the body: [[updates]] needs the date you applied" in problem.message


def test_markdown_output_pasted_back_gives_the_same_letter(
    priya: LoadedProfile, tmp_path: Path
) -> None:
    markdown, _ = documents.letter_markdown(priya, "lakeview-role-proposal")
    indented = "".join(f"        {line}\n" if line else "\n" for line in markdown.splitlines())
    pasted = PROFILE.replace(
        '    letter: {kind: role-proposal, date: "2026-06-02"}\n',
        '    letter:\n      kind: role-proposal\n      date: "2026-06-02"\n      body: |\n'
        + indented,
    )
    loaded = _load(tmp_path, pasted)
    assert loaded.profile.application("lakeview-role-proposal").letter.body == markdown
    again, _ = documents.letter_markdown(loaded, "lakeview-role-proposal")
    assert again == markdown
    assert documents.letter(loaded, "lakeview-role-proposal").html == (
        documents.letter(priya, "lakeview-role-proposal").html
    )


def test_cli_letter_markdown_prints_the_assembled_body(priya: LoadedProfile) -> None:
    result = run_cli(
        "letter",
        "lakeview-reconsideration",
        "--markdown",
        cwd=priya.path.parent,
        JOBPACKET_PROFILE="profile.yml",
    )
    assert result.returncode == 0, result.stderr
    expected, _ = documents.letter_markdown(priya, "lakeview-reconsideration")
    assert result.stdout == expected
    assert result.stdout.startswith("Thank you for letting me know your decision")
    # Without --markdown: the letter's PDF, as `pdf letter -a ID` writes it.
    pdf = run_cli(
        "letter",
        "lakeview-reconsideration",
        "-o",
        "l.pdf",
        cwd=priya.path.parent,
        process=True,
        JOBPACKET_PROFILE="profile.yml",
    )
    assert pdf.returncode == 0, pdf.stderr
    (raw,) = page_texts((priya.path.parent / "l.pdf").read_bytes())
    page = flat(raw)
    assert "Re: Request for reconsideration, Nursing Informatics Specialist" in page
    assert "Master of Science in Health Informatics, Oregon Coast University" in page


def test_letters_that_cannot_be_assembled_say_what_to_add(tmp_path: Path) -> None:
    loaded = _load(
        tmp_path,
        "basics: {name: Ann Lee}\napplications:\n"
        "  - id: a\n    organization: Acme\n    letter: {kind: reconsideration}\n"
        "  - id: b\n    organization: Acme\n    letter: {kind: role-proposal}\n",
    )
    with pytest.raises(ProfileError, match=r"p.yml:3:5: applications\[0\]: has no applied date"):
        documents.letter(loaded, "a")
    with pytest.raises(ProfileError, match=r"applications\[1\]: a role-proposal letter names"):
        documents.letter(loaded, "b")


def test_reconsideration_with_nothing_new_warns(tmp_path: Path) -> None:
    loaded = _load(
        tmp_path,
        "basics: {name: Ann Lee}\ncertificates: [{name: Old, date: '2020-01-01'}]\n"
        "applications:\n  - id: a\n    organization: Acme\n    applied: '2026-01-05'\n"
        "    letter: {kind: reconsideration}\n",
    )
    doc = documents.letter(loaded, "a")
    (note,) = doc.notes
    assert note.severity == "warning" and "nothing in the profile is dated after" in note.message
    assert "would welcome the chance to be considered again" in doc.html


def test_private_set_prints_a_letter_for_every_application(priya: LoadedProfile) -> None:
    names = [name for name, _ in documents.private_set(priya)]
    assert "no-letter/cover-letter.pdf" in names
    assert len([n for n in names if n.endswith("-letter.pdf")]) == len(priya.profile.applications)


def test_letter_body_is_pure_and_escapes_profile_text(tmp_path: Path) -> None:
    loaded = _load(
        tmp_path,
        "basics: {name: Ann Lee}\nwork:\n  - name: 'Acme_Labs <x>'\n"
        "    position: '*Lead* {{ 7*7 }}'\n"
        "    startDate: '2024-01'\n    highlights: ['Shipped [the thing](javascript:alert(1))']\n"
        "applications:\n  - id: a\n    organization: Acme\n    position: Engineer\n",
    )
    app = loaded.profile.application("a")
    body = letter_body(loaded.profile, 0, app, enclosures=[], letter_date="2026-01-01")
    assert body.assembled and body.findings == ()
    assert r"\*Lead\* {{ 7\*7 }}" in body.markdown and r"Acme\_Labs &lt;x\>" in body.markdown
    assert r"\[the thing\](javascript:alert(1))" in body.markdown
    html = documents.letter(loaded, "a").html
    assert "*Lead* {{ 7*7 }}" in html and "Acme_Labs &lt;x&gt;" in html
    assert "href" not in html.split("letter-body")[1].split("</div>")[0]
