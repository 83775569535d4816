"""The official JSON Resume schema suite (tests/fixtures/resume-schema/, MIT, vendored):
every fixture the schema calls valid checks with exit 0, every one it calls invalid is
refused with a located message. The README promises that a schema-valid file is accepted;
this is that promise, tested against the schema's own cases."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import FIXTURES, run_cli

SUITE = FIXTURES / "resume-schema"
_VALID = re.compile(r"valid\d*$", re.IGNORECASE)


def _cases() -> list[tuple[str, Any, bool]]:
    cases = []
    for path in sorted(SUITE.glob("*.json")):
        if path.name == "dates.json":
            continue
        for name, resume in json.loads(path.read_text(encoding="utf-8")).items():
            assert _VALID.search(name), f"{path.name}: {name} is neither valid nor invalid"
            cases.append((f"{path.stem}.{name}", resume, not name.lower().endswith("invalid")))
    return cases


CASES = _cases()


def _with_name(resume: Any) -> Any:
    """jobpacket needs a name to print (`basics.name` is optional in the schema, and every
    fixture but one leaves it out); fixtures about `basics` itself are kept as they are."""
    resume = dict(resume)
    basics = resume.get("basics", {})
    if isinstance(basics, dict) and "name" not in basics:
        resume["basics"] = {"name": "Richard Hendriks", **basics}
    return resume


def _check(tmp_path: Path, resume: Any) -> tuple[int, str]:
    path = tmp_path / "resume.json"
    path.write_text(json.dumps(resume, indent=2), encoding="utf-8")
    result = run_cli("check", str(path))
    return result.returncode, (result.stdout + result.stderr)


def test_the_suite_is_all_there() -> None:
    valid = [c for c in CASES if c[2]]
    # With dates.json's three valid dates and one invalid: 121 valid cases, 97 invalid.
    assert (len(valid), len(CASES) - len(valid)) == (118, 96)


@pytest.mark.parametrize("resume, valid", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_fixture_is_accepted_or_refused_as_the_schema_says(
    tmp_path: Path, resume: Any, valid: bool
) -> None:
    code, output = _check(tmp_path, _with_name(resume))
    if valid:
        assert code == 0, output
        assert "Traceback" not in output
    else:
        assert code == 1, output
        assert re.search(r"resume\.json:\d+:\d+: ", output), output
        assert "Traceback" not in output


@pytest.mark.parametrize("name, value", json.loads((SUITE / "dates.json").read_text()).items())
def test_the_schema_dates_are_read_or_refused(tmp_path: Path, name: str, value: str) -> None:
    resume = {"basics": {"name": "Ann"}, "work": [{"name": "Acme", "startDate": value}]}
    code, output = _check(tmp_path, resume)
    if name == "invalid":
        assert code == 1 and "work[0].startDate" in output, output
    else:
        assert code == 0, output
