"""Rule `tone`: casual words, !!, emoji, shouting, 'I' bullets, the same highlight twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from .checks_support import BASE, at, findings, pos

WORK = """\
work:
  - name: Camden Foods
    position: Data Analyst
    highlights:
      - {first}
      - Rebuilt the weekly sales report in SQL and Python for 40 store managers.
"""


def test_professional_bullets_pass(tmp_path: Path) -> None:
    text = BASE + WORK.format(first="Cut forecast error by 20% with promotions and weather data.")
    text = text.replace("in SQL", "in SQL (ETL, KPI and GDPR reporting)")
    assert findings(tmp_path, text, "tone") == []


@pytest.mark.parametrize(
    ("bullet", "needle", "words"),
    [
        ("Built an awesome forecasting model for buyers.", "awesome", "casual"),
        ("Cut forecast error by a fifth!!", "!!", "'!!'"),
        ("Cut forecast error by a fifth 🚀", "🚀", "emoji"),
        ("Cut forecast error by a fifth, EVERY single week.", "EVERY", "shouting"),
        ("I built the forecasting model for buyers.", "I built", "starts with 'I'"),
        (
            "Rebuilt the weekly sales report in SQL and Python for 40 store managers.",
            "Rebuilt",
            "twice",
        ),
    ],
)
def test_casual_tone_is_located(tmp_path: Path, bullet: str, needle: str, words: str) -> None:
    text = BASE + WORK.format(first=bullet)
    (problem,) = findings(tmp_path, text, "tone")
    nth = 1 if words == "twice" else 0
    assert at(problem) == pos(text, needle, nth)
    assert words in problem.message


def test_acronyms_in_capitals_are_not_shouting(tmp_path: Path) -> None:
    # RGAA and PNRR are not words: acronyms, whatever list they are missing from
    text = BASE + WORK.format(first="Audited 12 services against RGAA and PNRR requirements.")
    assert findings(tmp_path, text, "tone") == []


@pytest.mark.parametrize(
    "bullet",
    [
        # Issue 19: every "shouting" finding on real files was one of these; some are also
        # dictionary words (stem, crud), which is why the dictionary cannot decide.
        "Taught STEM outreach workshops to 300 pupils.",
        "Built CRUD services and AJAX front ends for the ordering team.",
        "Wrote a WYSIWYG editor for the help centre.",
        "Interviewed SMEs and PMs for the KPIs and OKRs of each LOB.",
        "Led the MERN and LAMP stacks, the CICD and the SaaS RFPs.",
    ],
)
def test_all_caps_tokens_of_up_to_eight_letters_are_never_shouting(
    tmp_path: Path, bullet: str
) -> None:
    text = BASE + WORK.format(first=bullet)
    assert [p.message for p in findings(tmp_path, text, "tone")] == []


def test_long_words_and_emphasis_words_in_capitals_are_shouting(tmp_path: Path) -> None:
    text = BASE + WORK.format(first="Delivered EXCEPTIONAL results, NEVER late.")
    found = sorted(p.message for p in findings(tmp_path, text, "tone"))
    assert found == [
        "'EXCEPTIONAL' in capitals reads as shouting",
        "'NEVER' in capitals reads as shouting",
    ]


GERMAN_APPLICATION = """\
applications:
  - id: berlin
    organization: Charité Digital GmbH
    position: Dateningenieurin
    lang: de
    applied: 2026-12-01
    letter:
      kind: cover
      body: >-
        Ihre Ausschreibung hat mich wirklich BEGEISTERT, denn ich entwickle seit fünf Jahren
        Datenpipelines für klinische Forschungsteams.
"""


def test_shouting_in_a_letter_is_judged_in_its_applications_language(tmp_path: Path) -> None:
    """A German letter of an English profile: a German word in capitals (past the length of
    an acronym) is shouting, as an
    English one is in English; its application's `lang` says which dictionary decides."""
    text = BASE + GERMAN_APPLICATION
    found = [(p.message, at(p)) for p in findings(tmp_path, text, "tone")]
    assert found == [("'BEGEISTERT' in capitals reads as shouting", pos(text, "BEGEISTERT"))]
