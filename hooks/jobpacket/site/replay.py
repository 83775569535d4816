"""An unchanged `mkdocs build`, replayed from what the hooks did last time.

A build whose every input is as it was when a build last succeeded makes the same site and
the same build/ folder. Making them again costs validating the profile, rendering the pages'
Markdown, looking up every document by its inputs, proofreading from the cache, and first
importing pydantic and the profile model: all of it jobpacket's, none of it MkDocs'. So a
successful `mkdocs build` keeps a recording of what the hooks handed MkDocs and what they
said, under a digest of the inputs, and the next build with the same digest hands MkDocs the
same things without loading the profile.

The inputs, all of them in the digest: the profile, its private overlay and dictionary; every
file of docs_dir and of the theme's custom_dir; the files the profile names (read back from
the recording and checked one by one, since their paths come from the profile); the
resolved MkDocs configuration the hooks read; the state of build/ (the private step merges
into it); today's date, the environment's settings, the working folder; jobpacket's code and
the installed libraries. The profile and the configuration count by their bytes; the files
of the folders and those the profile names by their size, times and inode (`_add_stat`),
so that a folder of large images costs a look per file, not a read.

A recording is kept only for a build that published, and only when the inputs did not
change while it ran. Anything MkDocs asks that the recording cannot answer (a page's head
tags for a URL it did not have) is made from the profile, loaded then. Serving never
replays: it is the edit loop, where the inputs change every time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..caches import (
    cache_folder,
    code_fingerprint,
    installed_versions,
    read_entry,
    write_cache_entry,
)
from ..digests import add_file, add_text
from ..settings import current

if TYPE_CHECKING:
    from ..profile.validate import LoadedProfile
    from .values import Linker, SiteStage

FORMAT = "jobpacket-replay-1"
#: Recordings kept: a few profiles or configurations built in turn.
KEEP = 8
#: Files larger than this count by size and times, not by their bytes.
LARGE = 16 * 1024 * 1024
#: Hook events whose messages are recorded; each is said again in the same event.
PHASES = ("config", "files", "post_build")
LOGGER = "mkdocs.plugins.jobpacket"
#: What on_config decided about the site (site/replaying.py reads each).
IDENTITY = frozenset({"site_name", "escaped", "profile_name", "site_url", "language"})
#: Files beside the profile that loading or proofreading reads (overlay.PRIVATE_NAME,
#: vocabulary.DICTIONARY_FILE).
BESIDE_PROFILE = ("private.yml", "dictionary.txt")


def _add_file(h: Any, path: Path, roots: Sequence[Path]) -> None:
    """A small text file's bytes (the profile, mkdocs.yml) when it is inside `roots`; where it
    leads, its kind, size and time when it leads out of them (a key reads nothing the build
    itself may not read)."""
    add_file(h, path, roots, limit=LARGE, look_outside=True)


def _add_stat(h: Any, path: Path, *, changed: bool = True) -> None:
    """Where a file leads, its kind, size, times and inode; nothing is read, so a folder of
    large images costs a look per file. A file counts as unchanged while these are (the rule
    of digests.py: a change time cannot be set back by a program, so a rewrite in place is
    seen). Without `changed` (build/, staged as hard links whose count moves the change time
    on every build) the modification time and inode stand for it."""
    add_text(h, os.path.realpath(path))
    try:
        st = os.stat(path)
    except OSError as exc:
        add_text(h, f"missing {exc.errno}")
        return
    ctime = st.st_ctime_ns if changed else 0
    add_text(h, f"{st.st_mode} {st.st_size} {st.st_mtime_ns} {ctime} {st.st_ino}")


def _add_tree(h: Any, folder: Path, *, changed: bool = True) -> None:
    """Every file below `folder`, by its relative path and `_add_stat`."""
    add_text(h, str(folder))
    if not folder.is_dir():
        add_text(h, "no folder")
        return
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
        dirnames.sort()
        here = Path(dirpath)
        for name in sorted(filenames):
            path = here / name
            add_text(h, path.relative_to(folder).as_posix())
            _add_stat(h, path, changed=changed)


@dataclass(frozen=True)
class Inputs:
    """Where a build's inputs are: everything but build/ goes into `project_key`."""

    profile: Path
    docs_dir: Path
    private_dir: Path
    config: str
    """The configuration values the hooks read, as text (`config_text`)."""
    theme_dirs: tuple[Path, ...] = ()
    """The theme's folders inside the project (custom_dir): their files are inputs too."""
    files: tuple[Path, ...] = ()
    """Other files read whole: the configuration file."""


def project_key(inputs: Inputs) -> str:
    import sys

    h = hashlib.sha256(FORMAT.encode())
    add_text(h, code_fingerprint())
    add_text(h, sys.version)
    add_text(h, repr(sorted(installed_versions().items())))  # the theme and every plugin
    add_text(h, date.today().isoformat())
    add_text(h, os.getcwd())
    add_text(h, repr(current()))
    add_text(h, inputs.config)
    add_text(h, str(inputs.profile))
    beside = (inputs.profile.parent.resolve(),)
    _add_file(h, inputs.profile, beside)
    for name in BESIDE_PROFILE:
        _add_file(h, inputs.profile.parent / name, beside)
    for path in inputs.files:
        _add_file(h, path, (path.parent.resolve(),))
    for folder in (inputs.docs_dir, *inputs.theme_dirs):
        _add_tree(h, folder)
    return h.hexdigest()


def build_key(project: str, inputs: Inputs) -> str:
    """The project's digest with build/ as it is now."""
    h = hashlib.sha256(project.encode())
    _add_tree(h, inputs.private_dir, changed=False)
    return h.hexdigest()


def named_files_digest(named: list[str]) -> str:
    """The files the profile names, as they are now (`_add_stat`)."""
    h = hashlib.sha256()
    for path in named:
        _add_stat(h, Path(path))
    return h.hexdigest()


def config_text(values: dict[str, Any]) -> str:
    return repr(sorted(values.items()))


class Recorder(logging.Handler):
    """What the hooks say during a build, by event, to be said again when it is replayed."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.phase = PHASES[0]
        self.said: dict[str, list[tuple[int, str]]] = {p: [] for p in PHASES}

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(Exception):
            self.said.setdefault(self.phase, []).append((record.levelno, record.getMessage()))


@dataclass
class Recording:
    """What a build's hooks handed MkDocs and build/, as plain values (see `encode`)."""

    named: list[str] = field(default_factory=list)
    """The files the profile names (resolved): their state is checked before a replay."""
    said: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    identity: dict[str, Any] = field(default_factory=dict)
    documents: dict[str, bytes] = field(default_factory=dict)
    private: list[tuple[str, bytes]] = field(default_factory=list)
    """build/'s files as an unchanged build stages them (relative to the project)."""
    packets: int = 0
    calendar: tuple[str, bytes] = ("", b"")
    stage: dict[str, Any] = field(default_factory=dict)
    heads: dict[str, str] = field(default_factory=dict)

    def say(self, phase: str) -> None:
        logger = logging.getLogger(LOGGER)
        for level, message in self.said.get(phase, []):
            logger.log(level, message)


def head_key(src_uri: str, url: str | None) -> str:
    return f"{src_uri}\0{url or ''}"


def encode(rec: Recording) -> bytes:
    """JSON for the values, the bytes (PDFs, pages' files) after it, each named in the JSON by
    its span: a format that holds nothing but data, whatever the cache folder holds."""
    blobs: list[bytes] = []
    size = 0

    def out(value: Any) -> Any:
        nonlocal size
        if isinstance(value, bytes):
            blobs.append(value)
            size += len(value)
            return {"$b": [size - len(value), size]}
        if isinstance(value, str):
            return str(value)  # Markup too
        if isinstance(value, dict):
            return {str(k): out(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [out(v) for v in value]
        return value

    doc = {
        "format": FORMAT,
        "named": rec.named,
        "said": rec.said,
        "identity": rec.identity,
        "documents": rec.documents,
        "private": rec.private,
        "packets": rec.packets,
        "calendar": rec.calendar,
        "stage": rec.stage,
        "heads": rec.heads,
    }
    text = json.dumps(out(doc), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return len(text).to_bytes(8, "big") + text + b"".join(blobs)


def decode(data: bytes) -> Recording | None:
    """The recording `encode` wrote, or None for anything else (a damaged or older entry is
    a miss, never an error)."""
    try:
        length = int.from_bytes(data[:8], "big")
        doc = json.loads(data[8 : 8 + length].decode("utf-8"))
        body = memoryview(data)[8 + length :]

        def back(value: Any) -> Any:
            if isinstance(value, dict):
                if set(value) == {"$b"}:
                    start, end = value["$b"]
                    if not 0 <= start <= end <= len(body):
                        raise ValueError("a span past the end")
                    return bytes(body[start:end])
                return {k: back(v) for k, v in value.items()}
            if isinstance(value, list):
                return [back(v) for v in value]
            return value

        raw = back(doc)
        if raw.get("format") != FORMAT:
            return None
        rec = Recording(
            named=[str(p) for p in raw["named"]],
            said={str(k): [(int(lv), str(m)) for lv, m in v] for k, v in raw["said"].items()},
            identity=dict(raw["identity"]),
            documents={str(k): bytes(v) for k, v in raw["documents"].items()},
            private=[(str(p), bytes(d)) for p, d in raw["private"]],
            packets=int(raw["packets"]),
            calendar=(str(raw["calendar"][0]), bytes(raw["calendar"][1])),
            stage=dict(raw["stage"]),
            heads={str(k): str(v) for k, v in raw["heads"].items()},
        )
        if not {"site_name", "escaped", "profile_name", "site_url", "language"} <= set(
            rec.identity
        ):
            return None  # each is read at on_config
        stage_from(rec.stage, lambda _page, target: target)  # its shape, before it is used
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, UnicodeDecodeError):
        return None
    return rec


def named_files(loaded: LoadedProfile) -> list[str]:
    """Every file the profile names (photo, images, letters, enclosures, documents), each
    where it would be looked for: the profile's folder and the site's content folder."""
    from ..profile.paths import Folders, references

    folders = Folders.of(loaded)
    roots = (folders.profile_dir, folders.content_dir)
    return sorted({str(base / ref.value) for ref in references(loaded) for base in roots})


def _plain(value: Any) -> Any:
    """Builtin types only: a str subclass such as Markup becomes a str."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def stage_values(stage: SiteStage) -> dict[str, Any]:
    """The stage as an engine receives it. Its findings are not kept: they were said, and
    the recording says them again."""
    ctx = stage.context
    return {
        "site_name": str(stage.site_name),
        "site_url": stage.site_url,
        "context": [str(ctx.site_name), ctx.site_url, sorted(ctx.files)],
        "pages": [
            [p.path, str(p.title), str(p.markdown), p.section, *_page_rest(p)] for p in stage.pages
        ],
        "replaced": sorted(stage.replaced),
        "nav": _plain(stage.nav),
        "assets": dict(stage.assets),
        "content": dict(stage.content),
        "documents": dict(stage.documents),
    }


def _page_rest(page: Any) -> list[Any]:
    return [str(page.description), str(page.nav_title), page.in_nav]


def stage_from(values: dict[str, Any], link: Linker) -> SiteStage:
    """The stage again, with the engine's own linker (a function is not recorded)."""
    from types import MappingProxyType

    from .values import SiteContext, SitePage, SiteStage

    name, url, files = values["context"]
    nav = values["nav"]
    return SiteStage(
        site_name=values["site_name"],
        site_url=values["site_url"],
        context=SiteContext(site_name=name, link=link, site_url=url, files=frozenset(files)),
        pages=tuple(SitePage(*row) for row in values["pages"]),
        replaced=frozenset(values["replaced"]),
        nav=None if nav is None else tuple(nav),
        assets=MappingProxyType(values["assets"]),
        content=MappingProxyType(values["content"]),
        documents=MappingProxyType(values["documents"]),
    )


def _entry(profile: Path, key: str) -> Path:
    return cache_folder(profile) / "replay" / f"{key}.bin"


def recall(inputs: Inputs, project: str) -> Recording | None:
    """The recording of a build with these inputs, if one succeeded and nothing changed."""
    key = build_key(project, inputs)
    data = read_entry(_entry(inputs.profile, key))
    rec = decode(data[64:]) if data is not None and len(data) > 64 else None
    if rec is None or data is None:
        return None
    if data[:64].decode("ascii", "replace") != named_files_digest(rec.named):
        return None  # a file the profile names changed
    return rec


def keep(inputs: Inputs, project: str, named: str, rec: Recording) -> bool:
    """Store the recording under the inputs as they are after publishing: False (nothing
    kept) when an input changed while the build ran (`project` and `named` are the digests
    taken before it read them)."""
    header = named_files_digest(rec.named)
    if header != named or project_key(inputs) != project:
        return False
    key = build_key(project, inputs)
    data = header.encode("ascii") + encode(rec)
    write_cache_entry(_entry(inputs.profile, key), data, keep=KEEP)
    return True


__all__ = [
    "Inputs",
    "Recorder",
    "Recording",
    "build_key",
    "config_text",
    "head_key",
    "keep",
    "named_files",
    "named_files_digest",
    "project_key",
    "recall",
    "stage_from",
    "stage_values",
]
