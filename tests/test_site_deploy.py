"""`mkdocs gh-deploy` only from a site that is its own git repository (site/deploy.py), with
real git repositories. A real gh-deploy into a bare repository is in test_site_portfolio.py."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from jobpacket.site.deploy import git_toplevel, own_repository_problem

from .conftest import run_cli
from .test_new import fill_in, git, outer_repository
from .test_site_support import MKDOCS, mkdocs_env


def _git_init(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(folder)], check=True, capture_output=True)
    return folder


def test_build_and_serve_are_never_stopped(tmp_path: Path) -> None:
    for command in ("build", "serve", None):
        assert own_repository_problem(command, tmp_path) is None


def test_a_site_that_is_its_own_repository_may_deploy(tmp_path: Path) -> None:
    site = _git_init(tmp_path / "portfolio")
    assert git_toplevel(site) == site.resolve()
    (site / "content").mkdir()
    assert git_toplevel(site / "content") == site.resolve()
    assert own_repository_problem("gh-deploy", site) is None


def test_a_site_inside_another_repository_is_refused(tmp_path: Path) -> None:
    outer = _git_init(tmp_path / "jobpacket-clone")
    site = outer / "my-site"
    site.mkdir()
    problem = own_repository_problem("gh-deploy", site)
    assert problem is not None
    assert problem.startswith(f"{site.resolve()} is inside the git repository {outer.resolve()}")
    assert f"cd {site.resolve()} && git init" in problem


def test_a_site_outside_any_repository_is_told_to_init_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # git looks no higher
    site = tmp_path / "plain"
    site.mkdir()
    assert git_toplevel(site) is None
    problem = own_repository_problem("gh-deploy", site)
    assert problem is not None and "is not a git repository" in problem
    assert "git init" in problem and "git remote add origin URL" in problem


def test_gh_deploy_is_refused_inside_another_repository(tmp_path: Path) -> None:
    outer = outer_repository(tmp_path)
    assert run_cli("new", "s", "--no-git", cwd=outer).returncode == 0
    site = outer / "s"
    fill_in(site)
    result = subprocess.run(
        [*MKDOCS, "gh-deploy", "--force"],
        cwd=site,
        capture_output=True,
        text=True,
        env=mkdocs_env(),
        timeout=300,
    )
    assert result.returncode == 1
    assert f"is inside the git repository {outer.resolve()}, not a repository of its own" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert git("branch", "--list", "gh-pages", cwd=outer).stdout.strip() == ""
    assert not (site / "site").exists()


def test_gh_deploy_pushes_only_the_public_site(tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    assert git("init", "-q", "--bare", str(remote), cwd=tmp_path).returncode == 0
    assert run_cli("new", "s", "--name", "Ann Example", cwd=tmp_path).returncode == 0
    site = tmp_path / "s"
    fill_in(site)
    private = site / "profiles" / "private.yml"  # the overlay the scaffold started
    assert private.read_text(encoding="utf-8").rstrip().endswith("applications: []")
    private.write_text(
        'basics: {phone: "+44 113 496 0718"}\napplications:\n  - id: acme\n'
        "    organization: Acme\n    notes: not for anyone\n",
        encoding="utf-8",
    )
    assert git("add", "-A", cwd=site).returncode == 0
    committed = git("ls-files", cwd=site).stdout.split()
    assert "profiles/private.yml" not in committed
    assert git("commit", "-qm", "start", cwd=site).returncode == 0
    assert git("remote", "add", "origin", str(remote), cwd=site).returncode == 0
    env = mkdocs_env(GIT_AUTHOR_NAME="T", GIT_AUTHOR_EMAIL="t@example.org")
    env.update(GIT_COMMITTER_NAME="T", GIT_COMMITTER_EMAIL="t@example.org")
    result = subprocess.run(
        [*MKDOCS, "gh-deploy", "--force"],
        cwd=site,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    tree = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).stdout.split()
    assert "index.html" in tree and "resume.pdf" in tree
    assert not any(p.startswith(("profiles/", "build/", ".jobpacket")) for p in tree), tree
    for name in tree:
        blob = subprocess.run(
            ["git", "show", f"gh-pages:{name}"], cwd=remote, capture_output=True, check=True
        ).stdout
        assert b"496 0718" not in blob and b"not for anyone" not in blob, name
    index = subprocess.run(
        ["git", "show", "gh-pages:index.html"], cwd=remote, capture_output=True, check=True
    ).stdout.decode()
    assert "<title>" in index and "Ann Example" in index
    # The overlay reached the private documents, which stay here, unpublished.
    from pypdf import PdfReader

    resume = PdfReader(site / "build" / "resume.pdf").pages[0].extract_text()
    assert "+44 113 496 0718" in resume
    assert (site / "build" / "acme" / "cover-letter.pdf").is_file()
