"""Helpers shared by the site, privacy and browser tests: throwaway site folders and builds.

Every build is a real ``mkdocs build`` in a subprocess, from a folder laid out like the one
``jobpacket new`` makes, with the repository's own mkdocs.yml and hooks/site.py. Builds of the
same fixture are shared across test modules (they are the slow part), each in its own
temporary folder that is removed when the test session ends.
"""

from __future__ import annotations

import atexit
import functools
import html.parser
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .conftest import EXAMPLE, FIXTURES, ROOT, copy_example_files, run_cli

MKDOCS = [sys.executable, "-m", "mkdocs"]
HOSTILE = FIXTURES / "hostile"
PRIVATE = FIXTURES / "private"

_SESSION_DIR = Path(tempfile.mkdtemp(prefix="jobpacket-site-tests-"))
atexit.register(shutil.rmtree, _SESSION_DIR, ignore_errors=True)
PDF_CACHE = _SESSION_DIR / "pdf-cache"


def mkdocs_env(**extra: str) -> dict[str, str]:
    """The environment of a build: no profile override, a PDF cache shared by the session."""
    env = {k: v for k, v in os.environ.items() if k != "JOBPACKET_PROFILE"}
    env.update(NO_MKDOCS_2_WARNING="1", JOBPACKET_CACHE_DIR=str(PDF_CACHE), **extra)
    return env


def make_site(
    target: Path,
    profile: Path | str,
    *,
    content: Path | Mapping[str, str | bytes] | None = None,
    mkdocs_yml: str | None = None,
) -> Path:
    """A site folder: the repo's mkdocs.yml and hook, ``profile`` as profiles/profile.yml.

    ``profile`` is a path or the YAML text; ``content`` a folder to copy as content/ or a
    mapping of relative path to file contents.
    """
    target.mkdir(parents=True, exist_ok=True)
    text = mkdocs_yml or (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("profile: profiles/example.yml", "profile: profiles/profile.yml")
    (target / "mkdocs.yml").write_text(text, encoding="utf-8")
    (target / "hooks").mkdir(exist_ok=True)
    shutil.copy(ROOT / "hooks" / "site.py", target / "hooks" / "site.py")
    (target / "profiles").mkdir(exist_ok=True)
    profile_text = profile.read_text(encoding="utf-8") if isinstance(profile, Path) else profile
    (target / "profiles" / "profile.yml").write_text(profile_text, encoding="utf-8")
    docs = target / "content"
    if profile == EXAMPLE:
        copy_example_files(target)
    if isinstance(content, Path):
        shutil.copytree(content, docs, dirs_exist_ok=True)
    else:
        docs.mkdir(exist_ok=True)
        for rel, data in (content or {}).items():
            path = docs / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
    return target


@dataclass
class Served:
    """A running `mkdocs serve`: its address, its output so far, its process."""

    url: str
    proc: subprocess.Popen[str]
    log: list[str] = field(default_factory=list)

    def get(self, path: str = "") -> bytes:
        """The bytes served at `path`, or b"" while the server cannot answer."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return bytes(response.read())
        except OSError:
            return b""


@contextmanager
def mkdocs_serve(folder: Path, *args: str) -> Iterator[Served]:
    """`mkdocs serve ARGS` of `folder` on a free port of 127.0.0.1, stopped afterwards."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [*MKDOCS, "serve", "-a", f"127.0.0.1:{port}", *args],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=mkdocs_env(),
    )
    served = Served(f"http://127.0.0.1:{port}/", proc)
    reader = threading.Thread(target=lambda: served.log.extend(proc.stdout or ()), daemon=True)
    reader.start()
    try:
        yield served
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        reader.join(timeout=5)


def build(
    site: Path, *args: str, strict: bool = True, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build`` in ``site``; the result holds the exit code and the log."""
    cmd = [*MKDOCS, "build", *(["--strict"] if strict else []), *args]
    return subprocess.run(
        cmd,
        cwd=site,
        capture_output=True,
        text=True,
        env=dict(env) if env is not None else mkdocs_env(),
        timeout=180,
    )


def build_ok(site: Path, *args: str, strict: bool = True) -> Path:
    """Build and fail loudly (with the log) unless it passed; returns site/."""
    result = build(site, *args, strict=strict)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    assert "WARNING" not in result.stderr, result.stderr
    return site / "site"


@functools.cache
def built(name: str) -> Path:
    """The site folder of a fixture (example, hostile, private), built once per session."""
    sources = {
        "example": (EXAMPLE, None),
        "hostile": (HOSTILE / "profile.yml", HOSTILE / "content"),
        "private": (PRIVATE / "profile.yml", None),
    }
    profile, content = sources[name]
    folder = make_site(_SESSION_DIR / name, profile, content=content)
    if name == "private":  # the recommendation letter its packet encloses
        letter = folder / "profiles" / "documents" / "zqprivate-letterfile.pdf"
        letter.parent.mkdir(parents=True, exist_ok=True)
        letter.write_bytes(blank_pdf())
    build_ok(folder)
    return folder


def engine_build(folder: Path, engine: str) -> Path:
    """`jobpacket site build --engine ENGINE --strict` in ``folder``, which must succeed
    without a warning; returns its site/."""
    result = run_cli(
        "site",
        "build",
        "--engine",
        engine,
        "--strict",
        cwd=folder,
        timeout=600,
        JOBPACKET_CACHE_DIR=str(PDF_CACHE),
        NO_MKDOCS_2_WARNING="1",
        DISABLE_MKDOCS_2_WARNING="true",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return folder / "site"


@functools.cache
def zensical_built() -> Path:
    """The example's site folder built by Zensical, once per session."""
    folder = make_site(_SESSION_DIR / "zensical", EXAMPLE)
    engine_build(folder, "zensical")
    return folder


def blank_pdf(pages: int = 1) -> bytes:
    """A small valid PDF, made with pypdf, for profiles that enclose one."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def site_files(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*") if p.is_file())


class Links(html.parser.HTMLParser):
    """Every URL an HTML page refers to, by tag and attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action", "data", "poster", "srcset") and value:
                self.urls.append((tag, name, value))


def urls_in(page: Path) -> list[tuple[str, str, str]]:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.urls


def test_make_site_lays_out_a_scaffold_like_folder(tmp_path: Path) -> None:
    folder = make_site(tmp_path / "s", "basics: {name: A}\n", content={"a.md": "# A\n"})
    assert (folder / "hooks" / "site.py").is_file()
    assert "profile: profiles/profile.yml" in (folder / "mkdocs.yml").read_text()
    assert (folder / "content" / "a.md").read_text() == "# A\n"
