"""settings.py: the one module that reads the environment and mkdocs.yml's settings, and
names the variable when a value is wrong."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli

HOOKS = ROOT / "hooks" / "jobpacket"


def test_only_settings_reads_the_environment() -> None:
    readers = []
    for path in HOOKS.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
                readers.append(path.name)
            if isinstance(node, ast.keyword) and node.arg in ("envvar", "auto_envvar_prefix"):
                readers.append(path.name)
    # launch.py and supervisor.py hand a pipe from the launcher to its child in one variable
    # of their own (supervisor.ENV): a channel between two jobpacket processes, not a setting,
    # and the launcher must not import settings (it runs before anything heavy is loaded).
    # For the same reason the launcher reads the one setting that decides how it runs a
    # render (launch.ONE_PROCESS) itself.
    assert set(readers) == {"settings.py", "launch.py", "supervisor.py"}
    for name in ("launch.py", "supervisor.py"):
        text = (HOOKS / name).read_text(encoding="utf-8")
        uses = [line for line in text.splitlines() if "os.environ" in line]
        allowed = ("ENV", "ONE_PROCESS")
        assert uses and all(any(a in line for a in allowed) for line in uses), (name, uses)


def test_the_cli_understands_env_tags_in_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nextra:\n  jobpacket:\n    profile: !ENV [CAREER_PROFILE, a.yml]\n",
        encoding="utf-8",
    )
    (tmp_path / "a.yml").write_text("basics:\n  name: Ana Default\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("basics:\n  name: Bo Chosen\n", encoding="utf-8")
    assert run_cli("check", cwd=tmp_path).stdout.strip() == "a.yml: ok"
    chosen = run_cli("check", cwd=tmp_path, CAREER_PROFILE="b.yml")
    assert chosen.stdout.strip() == "b.yml: ok", chosen.stderr


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("JOBPACKET_RENDER_TIMEOUT", "soon", "JOBPACKET_RENDER_TIMEOUT='soon': not a number"),
        ("JOBPACKET_WORKERS", "-3", "JOBPACKET_WORKERS='-3': not a number of processes"),
        ("SOURCE_DATE_EPOCH", "1e9", "SOURCE_DATE_EPOCH='1e9': not a time"),
    ],
)
def test_a_bad_setting_names_the_variable(
    tmp_path: Path, variable: str, value: str, message: str
) -> None:
    result = run_cli(
        "pdf", "resume", "-o", str(tmp_path / "r.pdf"), cwd=ROOT, **{variable: value}, process=True
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: {message}")


def test_a_site_build_takes_the_profile_asked_for_and_says_whether_mkdocs_yml_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jobpacket import settings

    monkeypatch.delenv("JOBPACKET_PROFILE", raising=False)
    root = tmp_path.resolve()
    assert settings.site_profile(root, "profiles/me.yml") == (root / "profiles/me.yml", False)
    assert settings.site_profile(root, None) == (root / settings.DEFAULT_PROFILE, False)
    other = settings.site_profile(root, "profiles/me.yml", "profiles/cohort/ann.yml")
    assert other == (root / "profiles/cohort/ann.yml", True)
    with pytest.raises(settings.UserError, match=r"extra\.jobpacket\.profile is a list"):
        settings.site_profile(root, ["a.yml", "b.yml"], "profiles/ann.yml")
