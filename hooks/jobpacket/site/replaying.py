"""How the MkDocs adapter records a `mkdocs build` and replays an unchanged one.

site/replay.py keeps the recordings and their keys; this module reads MkDocs' configuration
(as the adapter hands it over, without importing MkDocs) and fills or applies a recording
at each event: the configuration's changes, the documents and build/'s files at
``on_config``, the stage at ``on_files``, the head tags at ``on_post_page``, the calendar at
``on_post_build``. Only `mkdocs build` records or replays; serving and ``--dirty`` builds
always make everything.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..fsutil import unwritable
from ..settings import display_path
from . import replay
from .names import PRIVATE_DIR
from .publish import SiteError
from .serving import Build
from .work import PrivateOutputs


def inputs(config: Any, root: Path, profile: Path) -> replay.Inputs:
    """Every value of the configuration the hooks read, before they change any of it."""
    theme = config.theme
    values = {
        "file": str(config.config_file_path),
        "site_name": str(config.site_name),
        "site_url": config.site_url,
        "site_dir": config.site_dir,
        "site_description": config.site_description,
        "use_directory_urls": config.use_directory_urls,
        "nav": repr(config.nav),
        "extra": repr(config.extra),
        "extra_css": repr(list(config.extra_css)),
        "theme": repr(sorted((str(k), repr(theme[k])) for k in theme)),
        "theme_dirs": repr(list(theme.dirs)),
    }
    files = (Path(config.config_file_path),) if config.config_file_path else ()
    custom = (Path(theme.custom_dir),) if theme.custom_dir else ()
    return replay.Inputs(
        profile=profile,
        docs_dir=Path(config.docs_dir),
        private_dir=root / PRIVATE_DIR,
        config=replay.config_text(values),
        theme_dirs=custom,
        files=files,
    )


def start(build: Build, config: Any, profile: Path) -> None:
    """Look for a recording of this build; without one, record what the build says."""
    build.inputs = found = inputs(config, build.root, profile)
    project = replay.project_key(found)
    build.replayed = replay.recall(found, project)
    if build.replayed is None:
        build.keys = (project, "")
        build.recorder = replay.Recorder()
        logging.getLogger(replay.LOGGER).addHandler(build.recorder)


def loaded(build: Build) -> None:
    """The profile is loaded: note the files it names, as they are before the build reads
    them."""
    if build.recorder is None:
        return
    named = replay.named_files(build.loaded)
    build.keys = (build.keys[0], replay.named_files_digest(named))
    build.recording = replay.Recording(named=named)


def phase(build: Build, name: str) -> None:
    """A new hook event: what a recording build says now is said again in this event; a
    replayed build says it here."""
    if build.recorder is not None:
        build.recorder.phase = name
    if build.replayed is not None:
        build.replayed.say(name)


def stop(build: Build | None) -> None:
    """Nothing more is recorded (the build is over, or failed)."""
    if build is not None and build.recorder is not None:
        logging.getLogger(replay.LOGGER).removeHandler(build.recorder)
        if build.recording is not None:
            build.recording.said = build.recorder.said
        build.recorder = None


def record_config(build: Build, config: Any) -> None:
    """What on_config decided: the site's name, address and language, and the documents."""
    rec = build.recording
    if rec is None:
        return
    rec.identity = {
        "site_name": str(config.site_name),
        "escaped": isinstance(config.site_name, Markup),
        "profile_name": build.site_name,
        "site_url": config.site_url,
        "language": config.theme.get("language"),
    }
    rec.documents = dict(build.documents)
    root = build.root
    rec.private = [(str(p.relative_to(root)), d) for p, d in build.private.documents]
    pdfs = [p for p, _ in build.private.packets if p.suffix == ".pdf"]
    rec.packets = len(pdfs) + build.private.packets_unchanged


def replay_config(build: Build, config: Any) -> None:
    """on_config from the recording: what it decided, and build/'s files as an unchanged
    build stages them (the packets are in build/ already: its state is part of the key)."""
    rec = build.replayed
    assert rec is not None
    rec.say("config")
    who = rec.identity
    config.site_name = Markup(who["site_name"]) if who["escaped"] else who["site_name"]
    build.site_name = who["profile_name"]
    config.site_url = who["site_url"]
    if who["language"] is not None:
        config.theme["language"] = who["language"]
    build.documents = dict(rec.documents)
    documents = [(build.root / p, d) for p, d in rec.private]
    problems = unwritable([target for target, _ in documents])
    if problems:
        lines = [f"error: {display_path(where)}: {why}" for where, why in problems]
        raise SiteError("\n".join([*lines, "nothing was written; fix the above and rebuild"]))
    build.private = PrivateOutputs(documents, [], rec.packets)


def calendar(build: Build, made: tuple[Path, bytes] | None) -> tuple[Path, bytes]:
    """The follow-up calendar: recorded (`made`), or from the recording."""
    if made is not None:
        if build.recording is not None:
            build.recording.calendar = (str(made[0].relative_to(build.root)), made[1])
        return made
    assert build.replayed is not None
    path, data = build.replayed.calendar
    return build.root / path, data


def finish(build: Build) -> None:
    """The build is published: keep its recording under the inputs as they are now."""
    stop(build)
    if build.recording is not None and build.inputs is not None:
        replay.keep(build.inputs, build.keys[0], build.keys[1], build.recording)


__all__ = [
    "calendar",
    "finish",
    "inputs",
    "loaded",
    "phase",
    "record_config",
    "replay_config",
    "start",
    "stop",
]
