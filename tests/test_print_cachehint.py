"""A one-shot `jobpacket pdf`: the render worker is started only when the PDF must be rendered.

The CLI guesses before loading the profile whether its PDF is cached (print/cachehint.py).
These tests run the real command in a fresh interpreter and ask that interpreter, after the
command, whether it started any process: multiprocessing imports the module of a start
method (popen_spawn_posix, popen_forkserver) the first time a process starts.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jobpacket.print import cachehint
from jobpacket.profile.paths import project_root
from jobpacket.profile.validate import load_profile
from jobpacket.settings import site_folder

from .conftest import EXAMPLE, checkout_env, copy_example_files, run_python
from .pdf_support import text

pytestmark = pytest.mark.slow

# The command in this interpreter, then a report on the processes it started.
PROBE = """
import json, multiprocessing, sys
from jobpacket.cli import main
try:
    main(sys.argv[1:], prog_name="jobpacket")
except SystemExit as exc:
    code = exc.code
started = sorted(m for m in sys.modules if m.startswith("multiprocessing.popen_"))
print(json.dumps({"code": code, "started": started}))
"""


def _pdf(site: Path, cache: Path, out: Path, *args: str) -> dict[str, object]:
    result = run_python(
        "-c",
        PROBE,
        "pdf",
        "resume",
        "-o",
        str(out),
        *args,
        cwd=site,
        env=checkout_env(JOBPACKET_CACHE_DIR=str(cache)),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["code"] in (0, None), result.stderr
    return report


def _spawned(report: dict[str, object]) -> bool:
    """A worker was spawned, and no fork server started (one document needs none)."""
    started = report["started"]
    assert isinstance(started, list)
    return "multiprocessing.popen_spawn_posix" in started and not any(
        "forkserver" in m for m in started
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    (folder / "profiles").mkdir(parents=True)
    shutil.copy(EXAMPLE, folder / "profiles" / "example.yml")
    copy_example_files(folder)
    (folder / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    return folder


def test_a_cached_render_starts_no_render_process(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _pdf(site, cache, tmp_path / "a.pdf")
    assert _spawned(first)
    again = _pdf(site, cache, tmp_path / "b.pdf")
    assert again["started"] == []  # served from the cache: no worker, no fork server
    assert (tmp_path / "b.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()
    # another document of the same profile is another request: it is rendered
    public = _pdf(site, cache, tmp_path / "c.pdf", "--public")
    assert _spawned(public)
    assert "+1 412-555-0147" not in text((tmp_path / "c.pdf").read_bytes())


def test_an_edited_profile_is_rendered_with_a_worker(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _pdf(site, cache, tmp_path / "a.pdf")
    profile = site / "profiles" / "example.yml"
    edited = profile.read_text(encoding="utf-8").replace("Senior Machine", "Staff Machine", 1)
    profile.write_text(edited, encoding="utf-8")
    report = _pdf(site, cache, tmp_path / "b.pdf")
    assert _spawned(report)
    assert "Staff Machine Learning Engineer" in text((tmp_path / "b.pdf").read_bytes())


def test_a_hint_whose_pdf_left_the_cache_starts_the_worker(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _pdf(site, cache, tmp_path / "a.pdf")
    for pdf in (cache / "pdf").glob("*.pdf"):
        pdf.unlink()
    report = _pdf(site, cache, tmp_path / "b.pdf")
    assert _spawned(report)
    assert (tmp_path / "b.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()


def test_a_wrong_hint_costs_time_never_the_output(site: Path, tmp_path: Path) -> None:
    """A hint that claims the PDF is cached (a changed file the hint does not list) leaves
    only the late worker start: the PDF is the new one."""
    cache = tmp_path / "cache"
    _pdf(site, cache, tmp_path / "a.pdf")
    (hint,) = (cache / cachehint.HINTS).iterdir()
    data = json.loads(hint.read_text(encoding="utf-8"))
    data["files"] = []  # no longer watches the profile
    hint.write_text(json.dumps(data), encoding="utf-8")
    profile = site / "profiles" / "example.yml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("Senior Machine", "Staff Machine", 1),
        encoding="utf-8",
    )
    report = _pdf(site, cache, tmp_path / "b.pdf")
    assert _spawned(report)  # started late
    assert "Staff Machine Learning Engineer" in text((tmp_path / "b.pdf").read_bytes())


def test_the_hint_finds_the_site_folder_as_the_build_does(site: Path, tmp_path: Path) -> None:
    inside = site / "profiles" / "example.yml"
    assert site_folder(inside) == project_root(load_profile(inside)) == site.resolve()
    alone = tmp_path / "alone" / "p.yml"
    alone.parent.mkdir()
    shutil.copy(EXAMPLE, alone)
    assert site_folder(alone) == project_root(load_profile(alone)) == alone.parent.resolve()


def test_an_unreadable_hint_is_no_hint(tmp_path: Path) -> None:
    (tmp_path / cachehint.HINTS).mkdir()
    (tmp_path / cachehint.HINTS / "r").write_text("{not json", encoding="utf-8")
    assert not cachehint.likely_cached(tmp_path, "r")
    assert not cachehint.likely_cached(tmp_path, "missing")
