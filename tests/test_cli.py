"""The `jobpacket` command: exit codes, messages, help, schema freshness, export, scaffold."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import jsonschema
import pytest
from click.testing import CliRunner

from jobpacket import __version__
from jobpacket.cli import main
from jobpacket.profile.schema import schema_text

from .conftest import EXAMPLE, JSONRESUME, ROOT

BAD = "basics:\n  name: Ann\n  emial: a@example.com\nwork:\n  - startDate: Fall 2023\n"


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None):
    """The real entry point in a fresh interpreter, as a user would run it."""
    return subprocess.run(
        [sys.executable, "-m", "jobpacket.cli", *args],
        cwd=cwd or ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_example_passes():
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "profiles/example.yml: ok"
    # only infos (an overdue follow-up depends on today's date): no error, no warning
    assert all(": info" in line for line in result.stderr.splitlines()), result.stderr


def test_check_bad_profile_exits_1_with_located_lines_and_no_traceback(tmp_path: Path):
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD, encoding="utf-8")
    result = run("check", str(bad), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "bad.yml:3:3: basics.emial: unknown key 'emial'; did you mean 'email'?",
        "bad.yml:5:16: work[0].startDate: 'Fall 2023' is not a date; "
        "use YYYY-MM-DD, YYYY-MM or YYYY",
        "2 problems found: 2 errors",
    ]


def test_check_reports_every_file(tmp_path: Path):
    good = tmp_path / "good.yml"
    good.write_text("basics:\n  name: Ann\n", encoding="utf-8")
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD, encoding="utf-8")
    missing = tmp_path / "missing.yml"
    result = CliRunner().invoke(main, ["check", str(good), str(bad), str(missing)])
    assert result.exit_code == 1
    assert f"{good}: ok" in result.stdout or "good.yml: ok" in result.stdout
    assert "bad.yml:3:3:" in result.stderr and "bad.yml:5:16:" in result.stderr
    assert "missing.yml:1:1: file not found" in result.stderr
    assert "3 problems found" in result.stderr


def test_check_all_json_resume_fixtures():
    paths = [str(p) for p in sorted(JSONRESUME.glob("*.resume.json"))]
    result = CliRunner().invoke(main, ["check", *paths])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count(": ok") == 3


def test_profile_is_chosen_by_option_env_then_mkdocs_yml(tmp_path: Path):
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "mine.yml").write_text("basics:\n  name: A\n", encoding="utf-8")
    (tmp_path / "other.yml").write_text(BAD, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n  jobpacket:\n    profile: profiles/mine.yml\n",
        encoding="utf-8",
    )
    assert run("check", cwd=tmp_path).stdout.strip() == "profiles/mine.yml: ok"
    via_env = run("check", cwd=tmp_path, env={"JOBPACKET_PROFILE": "other.yml"})
    assert via_env.returncode == 1 and via_env.stderr.startswith("other.yml:3:3:")
    via_option = run("check", "--profile", "profiles/mine.yml", cwd=tmp_path)
    assert via_option.returncode == 0


def test_check_does_not_import_weasyprint_or_mkdocs():
    code = (
        "import sys\nfrom jobpacket.cli import main\n"
        "main(['check'], standalone_mode=False)\n"
        "print(sorted(m for m in ('weasyprint', 'mkdocs', 'material', 'jinja2') "
        "if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _all_commands(command, (*prefix, name))


def test_every_command_has_help():
    runner = CliRunner()
    commands = list(_all_commands(main))
    assert {"check", "schema", "new", "export"} <= {path[0] for path, _ in commands}
    for path, command in commands:
        assert command.help and len(command.help.strip()) > 20, path
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output, path


def test_version_and_usage_errors():
    runner = CliRunner()
    version = runner.invoke(main, ["--version"])
    assert version.exit_code == 0 and __version__ in version.output
    assert runner.invoke(main, ["check", "--no-such-option"]).exit_code == 2
    assert runner.invoke(main, ["no-such-command"]).exit_code == 2
    assert runner.invoke(main, ["export", "--format", "docx"]).exit_code == 2


def test_committed_schema_is_fresh():
    committed = (ROOT / "profiles" / "schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: jobpacket schema -o profiles/schema.json"
    assert CliRunner().invoke(main, ["schema"]).stdout == committed


def test_schema_describes_extensions_and_example_points_at_it():
    schema = json.loads(schema_text())
    defs = schema["$defs"]
    assert {"applications", "documents", "$schema"} <= set(schema["properties"])
    assert "followUp" in defs["Application"]["properties"]
    first_line = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=schema.json"


def test_schema_accepts_the_example_and_fixtures():
    schema = json.loads(schema_text())
    from jobpacket.profile.read import read_file

    for path in [EXAMPLE, *JSONRESUME.glob("*.resume.json")]:
        jsonschema.validate(read_file(path).data, schema)


@pytest.fixture(scope="module")
def official_schema() -> dict:
    return json.loads((JSONRESUME / "schema.json").read_text(encoding="utf-8"))


def test_export_validates_against_official_schema(tmp_path: Path, official_schema: dict):
    out = tmp_path / "resume.json"
    result = CliRunner().invoke(main, ["export", "--format", "jsonresume", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, official_schema)
    text = out.read_text(encoding="utf-8")
    for extension in ('"applications"', '"documents"', '"tags"', '"visibility"', '"letter"'):
        assert extension not in text
    assert '"present"' not in text  # ongoing is written as no endDate
    assert "Family caregiving" not in text  # the example's private interest


def test_export_include_private_keeps_private_items(official_schema: dict):
    result = CliRunner().invoke(main, ["export", "--include-private"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    jsonschema.validate(data, official_schema)
    assert "Family caregiving" in {i["name"] for i in data["interests"]}


def test_export_round_trips_fixtures(official_schema: dict):
    for path in JSONRESUME.glob("*.resume.json"):
        result = CliRunner().invoke(main, ["export", "--profile", str(path)])
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout)
        jsonschema.validate(data, official_schema)
        original = json.loads(path.read_text(encoding="utf-8"))
        assert data["basics"]["name"] == original["basics"]["name"]
        assert len(data.get("work", [])) == len(original.get("work", []))


def test_new_scaffolds_a_site_that_checks_clean(tmp_path: Path):
    from .test_new import fill_in

    site = tmp_path / "my-site"
    result = run("new", str(site), "--no-git", "--title", 'Ann "Quotes" O\'Neil')
    assert result.returncode == 0, result.stderr
    for rel in ("mkdocs.yml", "hooks/site.py", "profiles/profile.yml", "profiles/schema.json"):
        assert (site / rel).is_file(), rel
    assert (site / "profiles" / "schema.json").read_text(encoding="utf-8") == schema_text()
    fill_in(site)  # the starter's own text is a `placeholders` error (tests/test_new.py)
    checked = run("check", cwd=site)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip() == "profiles/profile.yml: ok"
    import yaml

    from jobpacket.settings import read_site_settings

    assert read_site_settings(site / "mkdocs.yml")["profile"] == "profiles/profile.yml"
    site_name = yaml.load((site / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["site_name"]
    assert site_name == 'Ann "Quotes" O\'Neil'


def test_new_refuses_to_overwrite(tmp_path: Path):
    (tmp_path / "mkdocs.yml").write_text("site_name: mine\n", encoding="utf-8")
    result = run("new", str(tmp_path))
    assert result.returncode == 1
    assert "already has mkdocs.yml" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: mine\n"
    assert not (tmp_path / "profiles").exists()
