"""Tests mirror the modules: every module of hooks/jobpacket/ has a test file named after it,
and every other test file is named after a user-facing property listed in
docs/guide/development.md. The rule is there so a newcomer who changes a module knows which
file to run and where a new test goes; this file keeps it true.

The rule: hooks/jobpacket/<room>/<module>.py is tested in tests/test_<room>_<module>.py, a
top-level module in tests/test_<module>.py, a package's own code (<room>/__init__.py) in
tests/test_<room>.py.
"""

from __future__ import annotations

import re

from .conftest import ROOT

PACKAGE = ROOT / "hooks" / "jobpacket"
TESTS = ROOT / "tests"
GUIDE = ROOT / "docs" / "guide" / "development.md"

#: Modules that need no test file of their own, each with why. It only ever shrinks.
NO_TEST_FILE: dict[str, str] = {
    "__init__.py": "the version string, no code",
    "i18n/__init__.py": "a docstring, no code",
    "print/__init__.py": "a docstring, no code",
    "profile/__init__.py": "a docstring, no code",
    "views/__init__.py": "re-exports public_view, tested in test_views_public.py",
    "mkdocs.py": "a one-line re-export kept for sites made before site/mkdocs.py",
    "cli/__main__.py": "`python -m jobpacket.cli`: two lines, run by every run_cli(process=True)",
    "scaffold/site.py": "a file `jobpacket new` copies into a new site, not imported here",
}

#: Modules whose tests still live in a property or older file (named after the arrow), to be
#: moved into their own file. Nothing is ever added here; each move removes an entry.
NOT_MOVED_YET: dict[str, str] = {}

#: Test files still named otherwise, with the name the rule gives them (or why they wait).
#: Nothing is ever added here either.
FILES_NOT_RENAMED_YET: dict[str, str] = {
    "test_new.py": (
        "test_scaffold.py, test_site_deploy.py (test_cli_project, test_site import fill_in)"
    ),
    "test_site_support.py": "site_support.py: helpers, not tests",
}

#: How many entries the two module lists hold together: lowered with each move, never raised
#: (a new module comes with its test file).
MAX_EXCEPTIONS = 8


def modules() -> list[str]:
    """Every Python module of the package, as a path relative to hooks/jobpacket/."""
    return sorted(
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if "templates" not in p.relative_to(PACKAGE).parts
    )


def mirror_file(module: str) -> str:
    """The test file the rule names for a module path relative to hooks/jobpacket/."""
    parts = module.removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return "test_" + "_".join(parts) + ".py"


def property_files() -> set[str]:
    """The test files development.md lists as named after a property, not a module."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("### Tests named after a property", 1)[1].split("\n#", 1)[0]
    return set(re.findall(r"`(test_\w+\.py)`", section))


def test_the_rule_names_the_files_already_named_after_their_module() -> None:
    assert mirror_file("swap.py") == "test_swap.py"
    assert mirror_file("checks/tone.py") == "test_checks_tone.py"
    assert mirror_file("checks/__init__.py") == "test_checks.py"
    assert mirror_file("site/preview.py") == "test_site_preview.py"


def test_every_module_has_its_test_file() -> None:
    missing = [
        f"hooks/jobpacket/{m}: add tests/{mirror_file(m)}"
        for m in modules()
        if m not in NO_TEST_FILE
        and m not in NOT_MOVED_YET
        and not (TESTS / mirror_file(m)).exists()
    ]
    assert missing == []


def test_the_lists_of_exceptions_only_name_modules_still_without_a_file() -> None:
    """An entry goes when its module gets its test file or is removed: the lists only shrink."""
    stale = [
        m
        for m in (*NO_TEST_FILE, *NOT_MOVED_YET)
        if m not in modules() or (TESTS / mirror_file(m)).exists()
    ]
    assert stale == [], "remove these entries from NO_TEST_FILE / NOT_MOVED_YET"
    held = len(NO_TEST_FILE) + len(NOT_MOVED_YET)
    assert held <= MAX_EXCEPTIONS, "a new module comes with its test file, not an exception"
    assert held == MAX_EXCEPTIONS, f"lower MAX_EXCEPTIONS to {held}, so the lists cannot grow back"


def test_every_other_test_file_is_a_listed_property() -> None:
    mirrors = {mirror_file(m) for m in modules()}
    files = {p.name for p in TESTS.glob("test_*.py")}
    properties = property_files()
    unlisted = sorted(files - mirrors - properties - set(FILES_NOT_RENAMED_YET))
    assert unlisted == [], (
        "name it after its module (tests/test_<room>_<module>.py), or list the property it "
        "tests in docs/guide/development.md"
    )
    gone = sorted(properties - files)
    assert gone == [], "development.md lists test files that do not exist"
    renamed = sorted(set(FILES_NOT_RENAMED_YET) - (files - mirrors))
    assert renamed == [], "remove these entries from FILES_NOT_RENAMED_YET"
    both = sorted(properties & mirrors)
    assert both == [], "a file named after a module is that module's, not a property's"
