"""Unbounded work from issue 17 (items 6-9, 14): every size a user controls has a cap that
`jobpacket check` enforces, located, and the work under it finishes quickly.

Each test reproduces the report through the real CLI (a fresh interpreter, as a user runs
it) on a realistic profile with one hostile value; the caps live in profile/bounds.py.
"""

from __future__ import annotations

import base64
import os
import time
from pathlib import Path

import pytest

from jobpacket.checks import run_checks
from jobpacket.profile import bounds
from jobpacket.profile.validate import load_profile

from .conftest import example_site
from .conftest import run_cli as run
from .test_site_support import blank_pdf

PROFILE = """\
basics:
  name: Marisol Etxeberria
  label: Data engineer
  email: marisol@example.org
  summary: "Builds pipelines. {summary}"
work:
  - name: Harbor Freight Analytics
    position: Senior data engineer
    startDate: "2021-03"
    highlights:
      - "Kept the lights on. {highlight}"
applications:
  - id: {app_id}
    organization: Harbor Freight Analytics
    position: Senior data engineer
    applied: "{applied}"
    status: applied
    followUp:
      every: {every}
      maxAttempts: {attempts}
"""
DEFAULTS = {
    "summary": "",
    "highlight": "",
    "app_id": "harbor-data",
    "applied": "2026-10-01",
    "every": "2w",
    "attempts": "3",
}


#: A short letter of the candidate's own, so no letter is assembled from the profile.
LETTER = """\
    letter:
      body: |
        I am writing to apply for the position of senior data engineer at Harbor Freight
        Analytics, where I have built and run the pipelines of the last four years.
"""


def profile(**values: str) -> str:
    return PROFILE.format(**{**DEFAULTS, **values})


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# --- 6: one long token ------------------------------------------------------------------------

TOKEN = base64.b64encode(os.urandom(150_000)).decode("ascii")[:200_000]
#: The longest a value may be (profile/bounds.py): the rules must be linear up to it.
UNDER = TOKEN[: bounds.MAX_TEXT_CHARS - 100]


@pytest.mark.parametrize("token", [TOKEN, "a" * 200_000, "x@" * 100_000, "ab" * 100_000])
def test_a_200000_character_token_is_refused_in_seconds(write_profile, token: str) -> None:
    """`\\S+@\\S+` made this quadratic: 86 s for 200,000 characters, 4 MB never finished
    (and laying out such a paragraph takes WeasyPrint half a minute): now a located error."""
    path = write_profile(profile(summary=token, highlight=token) + LETTER)
    started = time.monotonic()
    result = run("check", str(path))
    took = time.monotonic() - started
    print(f"check, a {len(token):,}-character token in two fields: {took:.2f} s")
    assert took < 10, took
    assert result.returncode == 1 and "Traceback" not in result.stderr
    text = path.read_text(encoding="utf-8")
    cap = f"characters long, more than the {bounds.MAX_TEXT_CHARS:,} one value may hold"
    for field, needle in (("basics.summary", "summary:"), ("work[0].highlights[0]", '- "Kept')):
        where = f"{path}:{line_of(text, needle)}:"
        assert any(
            ln.startswith(where) and f"{field}: is " in ln and cap in ln
            for ln in result.stderr.splitlines()
        ), result.stderr


@pytest.mark.parametrize("token", [UNDER, "a" * len(UNDER), "x@" * (len(UNDER) // 2)])
def test_a_token_just_under_the_cap_is_checked_in_seconds(write_profile, token: str) -> None:
    """Under the cap the rules read it, in linear time (before: about 7 s per field)."""
    path = write_profile(profile(summary=token, highlight=token) + LETTER)
    started = time.monotonic()
    result = run("check", str(path))
    took = time.monotonic() - started
    print(f"check, a {len(token):,}-character token in two fields: {took:.2f} s")
    assert took < 10, took
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith(f"{path}: ok")


def test_an_assembled_letter_quoting_it_is_refused(write_profile) -> None:
    path = write_profile(profile(summary=UNDER, highlight=UNDER))
    result = run("check", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "as assembled from the profile's text it quotes, more than the 20,000" in result.stderr
    assert "shorten the long highlight or summary it quotes" in result.stderr


def test_the_rules_on_long_tokens_take_well_under_a_second(write_profile) -> None:
    path = write_profile(profile(summary=UNDER, highlight=UNDER) + LETTER)
    loaded = load_profile(path)
    started = time.monotonic()
    run_checks(loaded)  # loads the dictionaries
    cold = time.monotonic() - started
    started = time.monotonic()
    found = run_checks(loaded)
    took = time.monotonic() - started
    print(
        f"run_checks on two {len(UNDER):,}-character tokens: {cold:.3f} s cold, {took:.3f} s warm"
    )
    assert took < 1, took
    assert not [p for p in found if p.severity == "error"]


def test_thousands_of_findings_in_one_field_are_capped(write_profile) -> None:
    """Every word misspelt and shouted: findings per field stop at the cap, with a count."""
    text = " ".join(f"zqx{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}!!" for i in range(4_000))
    path = write_profile(profile(summary=text))
    started = time.monotonic()
    result = run("check", str(path))
    assert time.monotonic() - started < 20
    line = line_of(path.read_text(encoding="utf-8"), "summary:")
    mine = [ln for ln in result.stderr.splitlines() if f":{line}:" in ln]
    per_rule = {rule: [ln for ln in mine if f" {rule}: " in ln] for rule in ("spelling", "tone")}
    for rule, lines in per_rule.items():
        assert len(lines) == bounds.MAX_FINDINGS_PER_FIELD + 1, (rule, len(lines))
        assert sum(f"more {rule} findings in this field not listed" in ln for ln in lines) == 1


def test_findings_over_the_rule_cap_share_one_note(write_profile) -> None:
    """500 highlights with a misspelling each: 200 listed, then one line for the rest."""
    lines = "".join("      - Built the zqxvbn pipeline.\n" for _ in range(500))
    text = profile().replace('      - "Kept the lights on. "\n', lines)
    path = write_profile(text)
    result = run("check", str(path))
    spelling = [ln for ln in result.stderr.splitlines() if " spelling: " in ln]
    assert len(spelling) == bounds.MAX_FINDINGS_PER_RULE + 1, len(spelling)
    assert "300 more spelling findings here and in 299 more fields not listed" in spelling[-1]


# --- 7: an enclosure of 20,000 pages ------------------------------------------------------------


@pytest.mark.slow
def test_a_20000_page_enclosure_is_refused_quickly_and_named(tmp_path: Path) -> None:
    """2.5 MB, under the size cap: the packet took 595 s and 2 GB, then blamed the text."""
    site = example_site(tmp_path)
    case = site / "profiles" / "documents" / "ledgerline-case-study.pdf"
    case.write_bytes(blank_pdf(20_000))
    text = (site / "profiles" / "example.yml").read_text(encoding="utf-8")
    line = line_of(text, "      - path: documents/ledgerline-case-study.pdf")
    expected = (
        f"'documents/ledgerline-case-study.pdf' has more than {bounds.MAX_ENCLOSURE_PAGES} pages"
    )
    started = time.monotonic()
    checked = run("check", cwd=site)
    assert time.monotonic() - started < 30
    assert checked.returncode == 1, checked.stderr
    assert any(
        ln.startswith(f"profiles/example.yml:{line}:") and expected in ln
        for ln in checked.stderr.splitlines()
    ), checked.stderr
    started = time.monotonic()
    packed = run("packet", "keystone-genomics-staff-mle", "-o", str(tmp_path / "out"), cwd=site)
    took = time.monotonic() - started
    print(f"packet with a 20,000-page enclosure refused in {took:.2f} s")
    assert took < 30
    assert packed.returncode == 1 and "Traceback" not in packed.stderr
    assert expected in packed.stderr and "profile's text" not in packed.stderr
    assert not (tmp_path / "out" / "keystone-genomics-staff-mle.pdf").exists()


def test_a_page_tree_is_counted_without_reading_every_page() -> None:
    import io

    from pypdf import PdfReader

    from jobpacket.print.pdffacts import count_pages

    reader = PdfReader(io.BytesIO(blank_pdf(300)))
    assert count_pages(reader, 200) == 201  # stops one past the cap
    assert count_pages(PdfReader(io.BytesIO(blank_pdf(7))), 200) == 7


# --- 8: a letter multiplied by its blocks --------------------------------------------------------


def _with_body(body: str) -> str:
    return (
        profile()
        + "    letter:\n      kind: follow-up\n      body: |\n"
        + "".join(f"        {line}\n" for line in body.splitlines())
    )


def test_a_repeated_updates_block_is_a_located_error(write_profile) -> None:
    """A 2.4 KB body of [[updates]] lines rendered for 251 s until the time limit."""
    body = "Since I applied:\n\n" + "[[updates]]\n\n" * 300 + "Best regards."
    path = write_profile(_with_body(body))
    text = path.read_text(encoding="utf-8")
    started = time.monotonic()
    result = run("check", str(path))
    assert time.monotonic() - started < 10
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = line_of(text, "body: |")
    again = [ln for ln in result.stderr.splitlines() if "[[updates]] again (it is on line 3)" in ln]
    assert again and all(ln.startswith(f"{path}:{line}:") for ln in again), result.stderr
    letter = run("letter", "harbor-data", "--profile", str(path), "-o", str(path.parent / "l.pdf"))
    assert letter.returncode == 1 and "a block expands once" in letter.stderr
    assert not (path.parent / "l.pdf").exists()


def test_a_letter_over_the_cap_is_a_located_error(write_profile) -> None:
    body = "\n\n".join(["I would welcome the chance to talk about the role."] * 500)
    path = write_profile(_with_body(body))
    result = run("check", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = line_of(path.read_text(encoding="utf-8"), "body: |")
    assert any(
        ln.startswith(f"{path}:{line}:")
        and f"more than the {bounds.MAX_LETTER_CHARS:,} (about five pages)" in ln
        for ln in result.stderr.splitlines()
    ), result.stderr


# --- 9: follow-up dates, periods and attempts ---------------------------------------------------


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"applied": "9999-12-20"}, "applied:", "would fall after the year 9999"),
        ({"every": "99999999999d"}, "every:", "between follow-ups is more than a year"),
        ({"every": "999999999999m"}, "every:", "between follow-ups is more than a year"),
        ({"every": "9" * 5000 + "w"}, "every:", "between follow-ups is more than a year"),
        ({"attempts": "1000000000"}, "maxAttempts:", "follow-ups is more than anyone sends"),
        ({"attempts": "1e9"}, "maxAttempts:", "follow-ups is more than anyone sends"),
    ],
)
def test_follow_ups_out_of_range_are_located_errors(
    write_profile, values: dict[str, str], field: str, message: str
) -> None:
    path = write_profile(profile(**values))
    line = line_of(path.read_text(encoding="utf-8"), field)
    for args in (("check", str(path)), ("followups", "--profile", str(path))):
        started = time.monotonic()
        result = run(*args)
        assert time.monotonic() - started < 10
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        lines = result.stderr.splitlines()
        assert any(ln.startswith(f"{path}:{line}:") and message in ln for ln in lines), lines


def test_the_largest_allowed_schedule_is_planned(write_profile) -> None:
    every = f"{bounds.MAX_FOLLOWUP_EVERY['m']}m"
    path = write_profile(profile(every=every, attempts=str(bounds.MAX_FOLLOWUP_ATTEMPTS)))
    result = run("check", str(path))
    assert result.returncode == 0, result.stderr
    from datetime import date

    from jobpacket.profile.schedule import schedules

    (sched,) = schedules(load_profile(path).profile, date(2026, 12, 6))
    assert len(sched.items) == bounds.MAX_FOLLOWUP_ATTEMPTS
    assert sched.items[-1].date == date(2026 + bounds.MAX_FOLLOWUP_ATTEMPTS, 10, 1)


# --- 14: the application id names files ---------------------------------------------------------


def test_a_300_character_id_is_a_located_error_at_check_time(write_profile) -> None:
    """It passed `check`, then the build failed "File name too long" after publishing."""
    path = write_profile(profile(app_id="a" * 300))
    result = run("check", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = line_of(path.read_text(encoding="utf-8"), "- id:")
    assert result.stderr.startswith(
        f"{path}:{line}:9: applications[0].id: is 300 characters long; an id names the "
        f"application's files, so it has at most {bounds.MAX_ID_CHARS}"
    ), result.stderr
    ok = write_profile(profile(app_id="a" * bounds.MAX_ID_CHARS), "ok.yml")
    assert run("check", str(ok)).returncode == 0
