"""Shared paths and helpers for the test suite."""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, overload

import pytest
from click.testing import CliRunner
from hypothesis import settings

# CI (`CI` set, as .ci/run does): the property tests draw the same examples on every run, so
# a landing never turns red by the luck of a draw; a developer's runs keep exploring new ones
# (and Hypothesis replays any failure they find from its database).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "profiles" / "example.yml"
JSONRESUME = Path(__file__).resolve().parent / "fixtures" / "jsonresume"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/*.png from the current print designs (review the diff)",
    )


@pytest.fixture
def write_profile(tmp_path: Path):
    """Write profile text (str or bytes) to a file and return its path."""

    def write(content: str | bytes, name: str = "profile.yml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


def copy_example_files(site: Path) -> None:
    """The files the example profile names (its photo under content/, its enclosures next
    to the profile), so a copy of the example in ``site`` builds without warnings."""
    shutil.copytree(ROOT / "content" / "images", site / "content" / "images", dirs_exist_ok=True)
    shutil.copytree(
        EXAMPLE.parent / "documents", site / "profiles" / "documents", dirs_exist_ok=True
    )


def example_site(tmp_path: Path) -> Path:
    """A copy of the example project (profile, photo, enclosures) with no build/ folder: a
    command run there sees what a fresh clone sees, not the documents a developer made."""
    site = tmp_path / "site"
    (site / "profiles").mkdir(parents=True)
    (site / "content").mkdir()
    copy_example_files(site)
    (site / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    shutil.copy(EXAMPLE, site / "profiles" / EXAMPLE.name)
    return site


@overload
def run_cli(
    *args: str | os.PathLike[str],
    cwd: Path = ...,
    process: bool = ...,
    timeout: float = ...,
    input: str | None = ...,
    binary: Literal[False] = ...,
    **env: str,
) -> subprocess.CompletedProcess[str]: ...
@overload
def run_cli(
    *args: str | os.PathLike[str],
    cwd: Path = ...,
    process: bool = ...,
    timeout: float = ...,
    input: str | None = ...,
    binary: Literal[True],
    **env: str,
) -> subprocess.CompletedProcess[bytes]: ...
def run_cli(
    *args: str | os.PathLike[str],
    cwd: Path = ROOT,
    process: bool = False,
    timeout: float = 120,
    input: str | None = None,
    binary: bool = False,
    **env: str,
) -> subprocess.CompletedProcess[str] | subprocess.CompletedProcess[bytes]:
    """`jobpacket ARGS` as a user runs it from ``cwd``: this checkout's package, none of the
    developer's JOBPACKET_* settings, plus the variables given. The one way tests run the CLI.

    The rule: in-process (click's CliRunner, the default) when the test looks only at what the
    command prints, writes and returns; ``process=True`` when the test needs a real process:
    it renders through WeasyPrint or the render workers (pdf, letter without --markdown,
    packet, check --render: their processes and caches would outlive the test in this one),
    relies on a timeout or a signal, reads what only the interpreter prints (a traceback,
    a Python warning), or runs with a reduced environment (PATH, locale).

    In-process, a bug is raised in the test with its own traceback (no exception is caught),
    and ``timeout`` does not apply. Both ways return the same value: exit status, stdout and
    stderr apart, as text, or as bytes with ``binary=True`` (a PDF written to stdout).
    """
    words = [os.fspath(a) for a in args]
    if process:
        return run_python(
            "-m",
            "jobpacket.cli",
            *words,
            cwd=cwd,
            env=checkout_env(**env),
            input=input.encode() if binary and input is not None else input,
            timeout=timeout,
            binary=binary,
        )
    from jobpacket.cli import main

    changes: dict[str, str | None] = {k: None for k in os.environ if k.startswith("JOBPACKET_")}
    changes.update(env)
    thresholds = gc.get_threshold()  # the command tunes the collector for a short process
    try:
        with contextlib.chdir(cwd):
            result = CliRunner().invoke(
                main, words, input=input, env=changes, catch_exceptions=False
            )
    finally:
        gc.set_threshold(*thresholds)
    if binary:
        return subprocess.CompletedProcess(
            ["jobpacket", *words], result.exit_code, result.stdout_bytes, result.stderr_bytes
        )
    return subprocess.CompletedProcess(
        ["jobpacket", *words], result.exit_code, result.stdout, result.stderr
    )


def checkout_env(**extra: str) -> dict[str, str]:
    """The environment a user's fresh process would have: this checkout's package (not
    whatever is installed), none of the developer's JOBPACKET_* settings, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOBPACKET_")}
    env.update(PYTHONPATH=str(ROOT / "hooks"), **extra)
    return env


@overload
def run_python(
    *args: str | os.PathLike[str],
    cwd: Path | None = ...,
    env: Mapping[str, str] | None = ...,
    input: str | bytes | None = ...,
    timeout: float | None = ...,
    check: bool = ...,
    binary: Literal[False] = ...,
) -> subprocess.CompletedProcess[str]: ...
@overload
def run_python(
    *args: str | os.PathLike[str],
    cwd: Path | None = ...,
    env: Mapping[str, str] | None = ...,
    input: str | bytes | None = ...,
    timeout: float | None = ...,
    check: bool = ...,
    binary: Literal[True],
) -> subprocess.CompletedProcess[bytes]: ...
@overload
def run_python(
    *args: str | os.PathLike[str],
    cwd: Path | None = ...,
    env: Mapping[str, str] | None = ...,
    input: str | bytes | None = ...,
    timeout: float | None = ...,
    check: bool = ...,
    binary: bool,
) -> subprocess.CompletedProcess[str] | subprocess.CompletedProcess[bytes]: ...
def run_python(
    *args: str | os.PathLike[str],
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    input: str | bytes | None = None,
    timeout: float | None = 120,
    check: bool = False,
    binary: bool = False,
) -> subprocess.CompletedProcess[str] | subprocess.CompletedProcess[bytes]:
    """This interpreter in a fresh process: ``python ARGS`` (``-c CODE ARG...``, ``-m MODULE
    ARG...`` or a script), its output captured as text (as bytes with ``binary=True``). The
    one way tests run jobpacket or a probe of their own in a new interpreter, for what only
    one shows: which modules an import pulls in, what a cold start does, bytes made without
    this process's warm caches. (Builds by MkDocs and ProperDocs, and processes a test
    signals or reads while they run, with Popen, are started where they are used.)

    ``env`` is the child's whole environment and each test says which it needs: None inherits
    this process's (the PYTHONPATH pytest runs with included), ``checkout_env()`` is a user's
    with this checkout's package, a dict written out keeps only what it names (a reduced
    PATH). ``check=True`` raises when the child fails.
    """
    return subprocess.run(
        [sys.executable, *(os.fspath(a) for a in args)],
        cwd=cwd,
        env=env,
        input=input,
        capture_output=True,
        text=not binary,
        timeout=timeout,
        check=check,
    )


@pytest.fixture
def serving(monkeypatch: pytest.MonkeyPatch):
    """The MkDocs adapter in `mkdocs serve` mode, reset afterwards for the other tests."""
    from jobpacket.site import mkdocs as adapter

    from .test_site_support import PDF_CACHE

    monkeypatch.setenv("JOBPACKET_CACHE_DIR", str(PDF_CACHE))
    monkeypatch.delenv("JOBPACKET_PROFILE", raising=False)
    adapter.on_startup(command="serve", dirty=False)
    yield
    adapter.on_shutdown()
    adapter.on_startup(command="build", dirty=False)
