"""A build publishes whole or not at all: site/ and build/ are swapped in as wholes, after
MkDocs has finished, one build of a project at a time.

Each failure here is one a user met: a strict build that aborts on warnings after the files
were already replaced, a plugin failing after jobpacket's own step, two builds at once that
left site/ with a fraction of its files, a build killed while it published.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from .conftest import EXAMPLE
from .test_safety_failures import snapshot
from .test_site_support import MKDOCS, ROOT, build, make_site, mkdocs_env

pytestmark = pytest.mark.slow


def _built(tmp_path: Path, name: str = "s", mkdocs_yml: str | None = None) -> Path:
    site = make_site(tmp_path / name, EXAMPLE, mkdocs_yml=mkdocs_yml)
    result = build(site)
    assert result.returncode == 0, result.stderr
    assert (site / "build" / "resume.pdf").is_file() and (site / "site" / "index.html").is_file()
    return site


def _edit(site: Path, old: str, new: str) -> None:
    profile = site / "profiles" / "profile.yml"
    text = profile.read_text(encoding="utf-8")
    assert old in text
    profile.write_text(text.replace(old, new, 1), encoding="utf-8")


def _no_leftovers(site: Path) -> None:
    leftovers = [p.name for p in site.iterdir() if ".jobpacket-" in p.name]
    assert leftovers == [], leftovers


def test_a_strict_build_that_aborts_on_warnings_changes_nothing(tmp_path: Path) -> None:
    site = _built(tmp_path)
    before = snapshot(site / "site", site / "build")
    # The reproduction: two warnings from proofreading, and a change that would alter
    # every page and PDF if it were published.
    _edit(site, "url: https://elenavasquez.example.com", "url: http://elenavasquez.example.com")
    _edit(site, "Led a team of four engineers", "Led a teeam of four engineers")
    _edit(site, "Elena M. Vasquez", "Elena Quintero")
    result = build(site)
    assert result.returncode == 1, result.stderr
    assert "Aborted with" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site / "site", site / "build") == before
    _no_leftovers(site)
    # Without --strict the same build publishes both folders.
    result = build(site, strict=False)
    assert result.returncode == 0, result.stderr
    assert "Elena Quintero" in (site / "site" / "index.html").read_text(encoding="utf-8")
    assert (site / "build" / "resume.pdf").read_bytes() != before[
        str(site / "build" / "resume.pdf")
    ]
    _no_leftovers(site)


def test_a_plugin_that_fails_after_jobpacket_changes_nothing(tmp_path: Path) -> None:
    """Another hook's on_post_build runs after jobpacket's (lower priority) and fails."""
    failing = tmp_path / "s" / "hooks" / "failing.py"
    failing.parent.mkdir(parents=True)
    failing.write_text(
        "import os\n"
        "from mkdocs.plugins import event_priority\n"
        "@event_priority(-200)\n"
        "def on_post_build(config):\n"
        "    if os.environ.get('FAIL_LAST_HOOK'):\n"
        "        raise RuntimeError('the last hook failed')\n",
        encoding="utf-8",
    )
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("hooks:\n", "hooks:\n  - hooks/failing.py\n", 1)
    assert "hooks/failing.py" in config
    site = _built(tmp_path, mkdocs_yml=config)
    before = snapshot(site / "site", site / "build")
    _edit(site, "Elena M. Vasquez", "Elena Quintero")
    result = build(site, env=mkdocs_env(FAIL_LAST_HOOK="1"))
    assert result.returncode != 0
    assert "the last hook failed" in result.stderr
    assert snapshot(site / "site", site / "build") == before
    _no_leftovers(site)


def test_files_the_user_keeps_in_build_survive_the_swap(tmp_path: Path) -> None:
    site = _built(tmp_path)
    notes = site / "build" / "notes" / "call with Dr. Feldman.txt"
    notes.parent.mkdir()
    notes.write_text("asked about the lactate figures", encoding="utf-8")
    _edit(site, "Elena M. Vasquez", "Elena Quintero")
    result = build(site)
    assert result.returncode == 0, result.stderr
    assert notes.read_text(encoding="utf-8") == "asked about the lactate figures"
    _no_leftovers(site)


def test_a_symlinked_output_folder_is_refused_and_nothing_is_written_through_it(
    tmp_path: Path,
) -> None:
    site = _built(tmp_path)
    packets = site / "build" / "packets"
    for pdf in packets.iterdir():
        pdf.unlink()
    packets.rmdir()
    published = site / "content" / "pub"
    published.mkdir()
    packets.symlink_to(published)
    before = snapshot(site / "site", site / "build", site / "content")
    _edit(site, "Elena M. Vasquez", "Elena Quintero")
    result = build(site)
    assert result.returncode == 1
    assert "build/packets: is a link to content/pub" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(published.iterdir()) == []
    assert snapshot(site / "site", site / "build", site / "content") == before


def test_two_builds_at_once_each_publish_a_whole_site(tmp_path: Path) -> None:
    site = _built(tmp_path)
    expected = sorted(str(p.relative_to(site)) for p in (site / "site").rglob("*"))
    env = mkdocs_env()
    for attempt in range(3):
        _edit(site, "Elena M. Vasquez" if attempt == 0 else "Elena Q", "Elena Q")
        strict = [*MKDOCS, "build", "--strict"]
        procs = [
            subprocess.Popen(strict, cwd=site, env=env, stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        errors = [p.communicate(timeout=300)[1] for p in procs]
        assert [p.returncode for p in procs] == [0, 0], errors
        assert any("waiting for another build of this project" in e for e in errors), errors
        names = sorted(str(p.relative_to(site)) for p in (site / "site").rglob("*"))
        assert names == expected
        _no_leftovers(site)


def _git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_gh_deploy_strict_that_aborts_deploys_nothing_and_a_good_one_deploys_the_site(
    tmp_path: Path,
) -> None:
    site = _built(tmp_path)
    remote = tmp_path / "remote.git"
    _git(tmp_path, "init", "-q", "--bare", str(remote))
    _git(site, "init", "-q")
    (site / ".gitignore").write_text("site/\nbuild/\n.jobpacket*\n", encoding="utf-8")
    _git(site, "add", "-A")
    _git(site, "commit", "-qm", "site")
    _git(site, "remote", "add", "origin", str(remote))
    before = snapshot(site / "site", site / "build")
    _edit(site, "Led a team of four engineers", "Led a teeam of four engineers")
    _edit(site, "Elena M. Vasquez", "Elena Quintero")
    env = {
        **mkdocs_env(),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    deploy = [*MKDOCS, "gh-deploy", "--strict", "--force"]
    result = subprocess.run(deploy, cwd=site, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr
    assert _git(remote, "branch", "--list", "gh-pages") == ""
    assert snapshot(site / "site", site / "build") == before
    _edit(site, "Led a teeam of four engineers", "Led a team of four engineers")
    result = subprocess.run(deploy, cwd=site, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    files = _git(remote, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert "index.html" in files and "resume.pdf" in files
    private = ("build/", "packets/", "followups.ics", ".jobpacket-", "cover-letter")
    assert not [f for f in files if any(p in f for p in private)]
    home = _git(remote, "show", "gh-pages:index.html")
    assert "Elena Quintero" in home
    assert "Elena Quintero" in (site / "site" / "index.html").read_text(encoding="utf-8")
    _no_leftovers(site)


def test_a_strict_serve_rebuild_that_aborts_keeps_the_served_site(
    tmp_path: Path, serving: None
) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    folder = make_site(tmp_path / "s", EXAMPLE)
    served = tmp_path / "served"

    def rebuild() -> None:
        config = load_config(str(folder / "mkdocs.yml"), site_dir=str(served), strict=True)
        mkdocs_build(config, serve_url="http://127.0.0.1:8000/")

    rebuild()
    good = snapshot(served)
    # a warning of the build itself (proofreading runs after a serve rebuild, on a thread)
    (folder / "content" / "notes.md").write_text("[gone](missing.md)\n", encoding="utf-8")
    _edit(folder, "Elena M. Vasquez", "Elena Quintero")
    with pytest.raises(Abort):
        rebuild()
    assert snapshot(served) == good
