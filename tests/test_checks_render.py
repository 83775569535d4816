"""checks/render.py, `check --render`: the documents a build would make, rendered and measured,
or the errors that would stop them. What the page counts mean is in test_print_pagefit.py;
the real renders through `check --render` are in test_checks_cli.py."""

from __future__ import annotations

from pathlib import Path

from jobpacket.checks.render import check_rendered
from jobpacket.profile.validate import load_profile

from .checks_support import BASE


def test_turned_off_it_renders_nothing(tmp_path: Path) -> None:
    path = tmp_path / "profile.yml"
    # a letter with no body would stop the build: reported only when the rule runs
    path.write_text(
        BASE + "applications:\n  - id: harbour\n    letter:\n      body: ''\n", encoding="utf-8"
    )
    loaded = load_profile(path, "profile.yml")
    assert check_rendered(loaded, disable=["length"]) == []
    [problem] = check_rendered(loaded)
    assert problem.path == ("applications", 0, "letter", "body")
    assert problem.severity == "error" and "the letter body is" in problem.message
