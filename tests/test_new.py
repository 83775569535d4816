"""`jobpacket new`: a site that is its own repository, confined to its folder, honest about
its starter text. `mkdocs gh-deploy` from the site it makes: test_site_deploy.py."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import yaml

from jobpacket.checks.placeholders import starter_values
from jobpacket.site.identity import FOLLOW_NAME

from .conftest import run_cli

GIT_ID = ["-c", "user.name=Test", "-c", "user.email=test@example.org"]


def git(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *GIT_ID, *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def outer_repository(tmp_path: Path) -> Path:
    """A repository standing for the clone of jobpacket a new user is in."""
    outer = tmp_path / "jobpacket-clone"
    outer.mkdir()
    assert git("init", "-q", cwd=outer).returncode == 0
    return outer


def fill_in(site: Path, **extra: Any) -> None:
    """Replace every starter value of the site's profile with the user's own."""
    path = site / "profiles" / "profile.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    starter = starter_values()

    def own(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: own(v) for k, v in value.items()}
        if isinstance(value, list):
            return [own(v) for v in value]
        if isinstance(value, str) and value in starter:
            if "@" in value:
                return "mine@example.org"
            if value.startswith("https://"):
                return value.replace("you", "mine").replace("employer", "acme")
            return f"Mine {value.lower()}"
        return value

    data = own(data)
    data["basics"].update(extra)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_new_inside_another_repository_makes_its_own(tmp_path: Path) -> None:
    outer = outer_repository(tmp_path)
    result = run_cli("new", "my-site", "--name", "Jérémy Buget", cwd=outer)
    assert result.returncode == 0, result.stderr
    site = outer / "my-site"
    top = git("rev-parse", "--show-toplevel", cwd=site).stdout.strip()
    assert Path(top).resolve() == site.resolve()
    assert "git remote add origin" in result.stdout
    # Nothing of the site is visible to the outer repository's `git add -A`.
    assert git("status", "--porcelain", "--untracked-files=all", cwd=outer).stdout.strip() in (
        "?? my-site/",
        "",
    )
    # The site's own .gitignore keeps output, caches, staging folders and private data out.
    for rel in (
        "build/x.pdf",
        "site/index.html",
        ".jobpacket-cache/a",
        ".jobpacket.lock",
        ".site.jobpacket-new-1/a",
        ".build.jobpacket-old-2/b",
        "profiles/private.yml",
    ):
        assert git("check-ignore", "-q", rel, cwd=site).returncode == 0, rel
    for rel in ("profiles/profile.yml", "mkdocs.yml", "content/.gitkeep", "hooks/site.py"):
        assert git("check-ignore", "-q", rel, cwd=site).returncode == 1, rel
    # YAML written by jobpacket keeps the name as typed; the title follows it.
    profile_text = (site / "profiles" / "profile.yml").read_text(encoding="utf-8")
    assert 'name: "Jérémy Buget"' in profile_text and "\\u" not in profile_text
    assert yaml.safe_load(profile_text)["basics"]["name"] == "Jérémy Buget"
    mkdocs_yml = yaml.load((site / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    assert mkdocs_yml["site_name"] == FOLLOW_NAME


def test_no_git_and_a_set_title(tmp_path: Path) -> None:
    result = run_cli("new", "s", "--no-git", "--title", "Ateliers d’Élodie", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "s" / ".git").exists()
    text = (tmp_path / "s" / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_name: "Ateliers d’Élodie"' in text


def test_new_refuses_symlinks_in_the_target(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    # A dangling link where the scaffold writes a folder, and one where it writes a file.
    for rel, dest in (("profiles", outside / "gone"), ("mkdocs.yml", outside / "m.yml")):
        target = tmp_path / f"t-{rel}"
        target.mkdir()
        (target / rel).symlink_to(dest)
        result = run_cli("new", str(target), "--no-git")
        assert result.returncode == 1
        assert "is a symlink" in result.stderr and "Traceback" not in result.stderr
        assert list(outside.iterdir()) == [], rel
        assert [p.name for p in target.iterdir()] == [rel]
    # The target itself a link: refused, nothing created where it points.
    link = tmp_path / "link"
    link.symlink_to(outside / "site")
    result = run_cli("new", str(link), "--no-git")
    assert result.returncode == 1 and "is a symlink" in result.stderr
    assert list(outside.iterdir()) == []


def test_starter_text_is_a_placeholder_until_replaced(tmp_path: Path) -> None:
    assert run_cli("new", "s", "--no-git", cwd=tmp_path).returncode == 0
    site = tmp_path / "s"
    checked = run_cli("check", cwd=site)
    assert checked.returncode == 1
    found = [line for line in checked.stderr.splitlines() if "error placeholders:" in line]
    for text in ("'Your Name'", "'you@example.com'", "'Your City'", "'A result you delivered"):
        assert any(text in line for line in found), text
    assert all(line.startswith("profiles/profile.yml:") for line in found)
    # Country, network, degree and dates are choices, not slots.
    assert not any("countryCode" in line or "network" in line for line in found)
    fill_in(site)
    checked = run_cli("check", cwd=site)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip() == "profiles/profile.yml: ok"
