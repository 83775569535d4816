"""Helpers for the proofreading-rule tests: a realistic base profile, findings, positions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jobpacket.checks import run_checks
from jobpacket.errors import Problem
from jobpacket.profile.validate import load_profile

TODAY = date(2026, 11, 26)

BASE = """\
basics:
  name: Priya Raman
  label: Data Analyst
  email: priya.raman@example.com
  phone: "+44 20 7946 0958"
  url: https://priyaraman.example.com
  location:
    city: London
    countryCode: GB
  summary: >-
    Data analyst with five years of experience in retail forecasting and reporting.
"""

LETTER_BODY = (
    "I am writing to apply for the Senior Data Analyst position at Harbour Retail Group. "
    "For five years I have built the weekly forecasting reports that buyers at Camden Foods "
    "use to plan stock, and I cut forecast error by a fifth last year by adding promotions "
    "and weather to the model. I also rebuilt our reporting in SQL and Python so that each "
    "store manager receives a short summary every Monday morning. I would welcome the chance "
    "to bring that experience to your merchandising team, and I have enclosed my résumé. "
    "Thank you for your time and consideration."
)


def write(tmp_path: Path, text: str, name: str = "profile.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def findings(
    tmp_path: Path, text: str, rule: str | None = None, *, today: date = TODAY
) -> list[Problem]:
    loaded = load_profile(write(tmp_path, text), "p.yml")
    found = run_checks(loaded, today=today)
    return [p for p in found if rule is None or p.rule == rule]


def pos(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """(line, column) of the nth occurrence of needle in text, 1-based like the findings."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    return line, start - (text.rfind("\n", 0, start) + 1) + 1


def at(problem: Problem) -> tuple[int, int]:
    return problem.line, problem.col
