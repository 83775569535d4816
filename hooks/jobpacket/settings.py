"""Which profile to use and the run's options, read in one place without importing MkDocs.

The CLI and the MkDocs hook must agree on the profile, so both ask this module:
``--profile``/``JOBPACKET_PROFILE`` first, then ``extra.jobpacket.profile`` in mkdocs.yml
(``!ENV`` tags resolved as MkDocs resolves them), then ``profiles/example.yml``.

The environment variables jobpacket understands are read here and nowhere else, into one
frozen `Settings` value (`current()`); a bad value is a user error naming the variable.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from .errors import UserError

DEFAULT_PROFILE = Path("profiles/example.yml")
ENV_PROFILE = "JOBPACKET_PROFILE"
ENV_CACHE_DIR = "JOBPACKET_CACHE_DIR"
ENV_RENDER_TIMEOUT = "JOBPACKET_RENDER_TIMEOUT"
ENV_SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
ENV_WORKERS = "JOBPACKET_WORKERS"
ENV_RENDER_MEMORY = "JOBPACKET_RENDER_MEMORY"
_KEYS = (
    ENV_PROFILE,
    ENV_CACHE_DIR,
    ENV_RENDER_TIMEOUT,
    ENV_SOURCE_DATE_EPOCH,
    ENV_WORKERS,
    ENV_RENDER_MEMORY,
)
#: Seconds one document may take to render; the example's résumé needs well under one.
DEFAULT_RENDER_TIMEOUT = 60.0
#: A longer document gets the time limit once per this many bytes of print HTML (see
#: `print.renderjob.time_limit`), so a long CV is never stopped for being long; the allowance is
#: several times what a slow machine needs (figures in benchmarks/README.md).
RENDER_TIMEOUT_BYTES = 250_000
#: Megabytes of memory a render process may use before it is stopped. WeasyPrint keeps every
#: laid-out page until the PDF is written, so a very long résumé needs far more than a
#: one-page one; the limit leaves room for the largest profile benchmarks/bench_scale.py
#: builds, and stops a runaway document before it takes the machine.
DEFAULT_RENDER_MEMORY_MB = 2048
#: A worker that holds more than this after a job is replaced before the next one, so a
#: long `mkdocs serve` session does not keep the peak of its largest document.
RECYCLE_WORKER_MB = 400
#: The last second of year 9999: datetime and PDF dates cannot go further.
MAX_EPOCH = 253402300799


@dataclass(frozen=True)
class Settings:
    """The options of one run that come from the environment."""

    profile: str | None = None  # JOBPACKET_PROFILE
    cache_dir: Path | None = None  # JOBPACKET_CACHE_DIR
    render_timeout: float = DEFAULT_RENDER_TIMEOUT  # JOBPACKET_RENDER_TIMEOUT, seconds
    source_date_epoch: int | None = None  # SOURCE_DATE_EPOCH (reproducible builds)
    workers: int | None = None  # JOBPACKET_WORKERS: render processes at most (default: cores)
    render_memory_mb: int = DEFAULT_RENDER_MEMORY_MB  # JOBPACKET_RENDER_MEMORY, megabytes


def child_environment(profile: Path | None = None) -> dict[str, str]:
    """The environment of a site engine run as a child process: this one, with ``profile``
    (a ``--profile`` option) as JOBPACKET_PROFILE, which the hook reads."""
    env = dict(os.environ)
    if profile is not None:
        env["JOBPACKET_PROFILE"] = str(profile.resolve())
    return env


def current() -> Settings:
    """The settings for the environment as it is now (parsed once per distinct value)."""
    return _parse(tuple(os.environ.get(k) for k in _KEYS))


@lru_cache(maxsize=8)
def _parse(values: tuple[str | None, ...]) -> Settings:
    profile, cache_dir, timeout, epoch, workers, memory = (v.strip() if v else None for v in values)
    if memory and not (memory.isdigit() and 16 <= int(memory) <= 1_000_000):
        raise UserError(
            f"{ENV_RENDER_MEMORY}={memory[:40]!r}: not a number of megabytes (at least 16); "
            "use e.g. 4096"
        )
    if workers and not (workers.isdigit() and 0 < int(workers) <= 256):
        raise UserError(f"{ENV_WORKERS}={workers[:40]!r}: not a number of processes; use e.g. 2")
    seconds = DEFAULT_RENDER_TIMEOUT
    if timeout:
        try:
            seconds = float(timeout)
        except ValueError:
            seconds = -1.0
        if not 0 < seconds < 86400:
            raise UserError(
                f"{ENV_RENDER_TIMEOUT}={timeout!r}: not a number of seconds; use e.g. 60"
            )
    stamp: int | None = None
    if epoch:
        if not epoch.isdigit() or len(epoch) > 12 or int(epoch) > MAX_EPOCH:
            raise UserError(
                f"{ENV_SOURCE_DATE_EPOCH}={epoch[:40]!r}: not a time jobpacket can print; use "
                "seconds since 1970 up to the end of year 9999 (e.g. `git log -1 --format=%ct`)"
            )
        stamp = int(epoch)
    return Settings(
        profile=profile or None,
        cache_dir=Path(cache_dir) if cache_dir else None,
        render_timeout=seconds,
        source_date_epoch=stamp,
        workers=int(workers) if workers else None,
        render_memory_mb=int(memory) if memory else DEFAULT_RENDER_MEMORY_MB,
    )


class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml often carries ``!!python/name:`` tags; read past them, never run them."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


# `!ENV NAME` / `!ENV [NAME, OTHER, default]`, resolved by the library MkDocs itself uses.
_LenientLoader.add_constructor("!ENV", construct_env_tag)
_LenientLoader.add_multi_constructor("", _ignore_tag)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def read_site_config(mkdocs_yml: Path) -> dict[str, Any]:
    """A mkdocs.yml as a mapping (tags read past, `!ENV` resolved), or {} when there is none."""
    try:
        data = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_LenientLoader)
    except FileNotFoundError:
        return {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise UserError(f"{mkdocs_yml}: cannot read it: {exc}") from None
    return data if isinstance(data, dict) else {}


def read_site_settings(mkdocs_yml: Path) -> dict[str, Any]:
    """The ``extra.jobpacket`` mapping of a mkdocs.yml, or {} when there is none."""
    data = read_site_config(mkdocs_yml)
    extra = data.get("extra") or {}
    settings = extra.get("jobpacket") if isinstance(extra, dict) else None
    return settings if isinstance(settings, dict) else {}


CACHE_DIR_NAME = ".jobpacket-cache"


def site_folder(profile: Path) -> Path:
    """The site folder of a profile: the nearest folder above it holding mkdocs.yml, else the
    profile's own folder. Only the path is needed, so the CLI can find the cache before it
    loads the profile."""
    start = profile.resolve().parent
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return start


def resolve_profile(explicit: object, root: Path | None = None) -> Path:
    """The profile path to load, relative paths taken from ``root`` (the site folder).
    `explicit` may be anything mkdocs.yml holds: what is not a path is a located error."""
    root = root or Path.cwd()
    chosen: object = explicit or current().profile
    if not chosen:
        chosen = read_site_settings(root / "mkdocs.yml").get("profile") or DEFAULT_PROFILE
    if not isinstance(chosen, (str, os.PathLike)):
        # Only mkdocs.yml can hold something else: `profile: [a, b]` or `profile: 3`.
        kinds = {bool: "true/false", int: "a number", float: "a number", list: "a list"}
        kind = kinds.get(type(chosen), "a mapping" if isinstance(chosen, dict) else "not text")
        raise UserError(
            f"{root / 'mkdocs.yml'}: extra.jobpacket.profile is {kind}, not a path; write the "
            "path of one profile as text, e.g. profile: profiles/me.yml"
        )
    path = Path(chosen)
    return path if path.is_absolute() else root / path


def site_profile(root: Path, named: object, explicit: object = None) -> tuple[Path, bool]:
    """The profile a site build uses (`explicit`, else JOBPACKET_PROFILE, else `named`, the
    mkdocs.yml's extra.jobpacket.profile, else the default), resolved; and whether it is
    another than the one mkdocs.yml names, in which case the site's name follows it."""
    path = resolve_profile(explicit or current().profile or named, root).resolve()
    return path, path != resolve_profile(named or DEFAULT_PROFILE, root).resolve()


def display_path(path: Path, root: Path | None = None) -> str:
    """Paths in messages are relative to where the user stands, as a compiler prints them.
    A symbolic link is named as itself, not as what it points to (the message is about it)."""
    try:
        shown = path.parent.resolve() / path.name if path.name else path.resolve()
        return str(shown.relative_to((root or Path.cwd()).resolve()))
    except ValueError:
        return str(path)


def configured_theme_language(mkdocs_yml: Path) -> str | None:
    """``theme.language`` as written in mkdocs.yml, or None: the profile's language then
    sets the theme's (the theme's own default is English whether or not anyone chose it)."""
    try:
        data = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_LenientLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    theme = data.get("theme") if isinstance(data, dict) else None
    language = theme.get("language") if isinstance(theme, dict) else None
    return language if isinstance(language, str) and language.strip() else None
