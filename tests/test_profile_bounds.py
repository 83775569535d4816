"""profile/bounds.py: every cap on what a user controls, checked on the parsed tree before
anything renders, each finding located at the value. That the work under each cap finishes
quickly is tested in test_safety_limits.py and test_safety_bounds.py."""

from __future__ import annotations

from jobpacket.profile.bounds import (
    MAX_FOLLOWUP_ATTEMPTS,
    MAX_ID_CHARS,
    MAX_NAME_BYTES,
    MAX_TEXT_CHARS,
    check_bounds,
    path_problem,
)
from jobpacket.profile.load import parse_text

PROFILE = """\
basics:
  name: "Ann\\0Lee"
  summary: SUMMARY
applications:
  - id: IDX
    organization: Acme
    followUp: {every: 2w, maxAttempts: 21}
  - id: ok
    organization: Acme
    followUp: {every: 53w}
documents:
  - path: PATHX
    title: Doc
meta:
  lastModified: "0999-01-01T00:00:00"
"""


def _findings(text: str) -> list[tuple[int, int, tuple[str | int, ...], str]]:
    loaded = parse_text(text, "b.yml")
    return [(p.line, p.col, p.path, p.message) for p in check_bounds(loaded.data, loaded.source)]


def test_each_value_over_its_cap_is_one_located_error() -> None:
    text = (
        PROFILE.replace("SUMMARY", "x" * (MAX_TEXT_CHARS + 1))
        .replace("IDX", "a" * (MAX_ID_CHARS + 1))
        .replace("PATHX", "docs/" + "n" * MAX_NAME_BYTES + ".pdf")
    )
    found = {path: (line, col, message) for line, col, path, message in _findings(text)}
    assert set(found) == {
        ("basics", "name"),
        ("basics", "summary"),
        ("meta", "lastModified"),
        ("applications", 0, "id"),
        ("documents", 0, "path"),
        ("applications", 0, "followUp", "maxAttempts"),
        ("applications", 1, "followUp", "every"),
    }
    assert found[("basics", "name")] == (2, 9, "contains a NUL character (\\0); remove it")
    assert found[("basics", "summary")][2].startswith("is 50,001 characters long, more than")
    assert found[("meta", "lastModified")][2].startswith("year 0999 is out of range")
    assert found[("applications", 0, "id")][:2] == (5, 9)
    assert "at most 80" in found[("applications", 0, "id")][2]
    assert found[("applications", 0, "followUp", "maxAttempts")][2].startswith(
        f"{MAX_FOLLOWUP_ATTEMPTS + 1} follow-ups is more than anyone sends"
    )
    assert (
        "'53w' between follow-ups is more than a year"
        in (found[("applications", 1, "followUp", "every")][2])
    )


def test_values_at_their_caps_pass() -> None:
    text = (
        PROFILE.replace('"Ann\\0Lee"', "Ann Lee")
        .replace("SUMMARY", "x" * MAX_TEXT_CHARS)
        .replace("IDX", "a" * MAX_ID_CHARS)
        .replace("PATHX", "docs/" + "n" * (MAX_NAME_BYTES - 4) + ".pdf")
        .replace("maxAttempts: 21", f"maxAttempts: {MAX_FOLLOWUP_ATTEMPTS}")
        .replace("every: 53w", "every: 52w")
        .replace("0999", "2026")
    )
    assert _findings(text) == []


def test_a_path_is_judged_by_each_name_and_its_whole_length() -> None:
    assert path_problem("documents/letters/hartman-2026.pdf") is None
    too_long = path_problem("a/" + "b" * 300)
    assert too_long is not None and too_long.startswith("has a file or folder name of 300 bytes")
    assert path_problem("/".join(["d" * 200] * 25)) is not None  # 5,000 bytes in all
