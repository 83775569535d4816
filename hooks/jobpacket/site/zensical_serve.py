"""`jobpacket site serve --engine zensical`: Zensical's server over the generated project.

Zensical serves the project site/zensical.py writes and rebuilds when its docs folder
changes; it cannot see the profile, so this loop watches the profile, mkdocs.yml and content/
(polling their sizes and times) and remakes that folder when one changes. A profile that
stops validating is reported and the last good site stays served. The private documents are
not made, as with `mkdocs serve`.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import Problem
from . import publish as pub
from .child import stopping
from .stage import list_sources
from .zensical import ZENSICAL, Prepared, Say, prepare, read_config


def _inputs(prepared: Prepared) -> tuple[tuple[str, int, int], ...]:
    """What the site is made from: the profile, mkdocs.yml and the files of docs_dir."""
    paths = [prepared.loaded.path, prepared.root / "mkdocs.yml"]
    paths.extend(list_sources(prepared.docs_dir).values())
    out = []
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            continue
        out.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(out)


def serve(
    root: Path,
    report: Callable[[Problem], None],
    say: Say,
    *,
    dev_addr: str | None = None,
    profile: Path | None = None,
    poll: float = 0.5,
) -> int:
    """`jobpacket site serve --engine zensical`: Zensical serves the generated project and
    rebuilds when its docs folder changes; this loop remakes that folder when the profile or
    content/ changes. A profile that stops validating is reported and the last good site
    stays served. The private documents are not made (as with `mkdocs serve`)."""
    root = root.resolve()
    prepared = prepare(root, read_config(root), report, say, profile)
    extra = ["--dev-addr", dev_addr] if dev_addr else []
    command = [*ZENSICAL, "serve", "-f", str(prepared.config), *extra]
    process = subprocess.Popen(command, cwd=prepared.config.parent)
    seen = _inputs(prepared)
    with stopping(process):
        while process.poll() is None:
            time.sleep(poll)
            now = _inputs(prepared)
            if now == seen:
                continue
            seen = now
            try:
                prepared = prepare(root, read_config(root), report, say, profile)
                say("the profile or content/ changed: the pages were remade")
            except pub.SiteError as exc:
                for line in str(exc).splitlines():
                    say(line)
                say("still serving the last good site; fix the above and save")
    return process.returncode or 0


__all__ = ["serve"]
