"""The false-positive figures of the README's proofreading section, kept true.

scripts/false_positives.py runs every rule on the realistic fixtures and counts the findings
nobody has judged real; this test fails when a rule starts producing one, so the figures in
the README stay what the script prints.
"""

from __future__ import annotations

import re

from .conftest import ROOT, run_python


def test_no_rule_has_an_unjudged_finding_on_the_realistic_fixtures() -> None:
    result = run_python(ROOT / "scripts" / "false_positives.py", "--list", timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    false = [line for line in result.stdout.splitlines() if line.startswith("FALSE")]
    assert false == []
    table = {
        m.group(1): (int(m.group(2)), int(m.group(3)))
        for m in re.finditer(r"^(\S+)\s+(\d+)\s+\d+\s+(\d+)\s", result.stdout, re.MULTILINE)
    }
    # What the README quotes (findings, false) for the rules that find something.
    assert table["tone"] == (7, 0) and table["contact"] == (5, 0) and table["files"] == (1, 0)
    assert table["spelling"] == (0, 0)
