"""What every command shares (cli/common.py): which profile it reads, how it prints findings."""

from __future__ import annotations

from pathlib import Path

from .test_cli import BAD, run


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
