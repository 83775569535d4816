"""`jobpacket site build|serve --engine ...`: the portfolio with any of the three engines.

MkDocs and ProperDocs run jobpacket as a hook: this only runs their own command on the
project's mkdocs.yml. Zensical runs no hooks, so site/zensical.py makes the pages itself and
runs Zensical on them. One command for the three, so a user whose engine goes away changes
one word.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path

import click

from ..errors import Problem, UserError
from ..settings import child_environment
from .common import profile_option, say, user_errors

ENGINES = ("mkdocs", "properdocs", "zensical")
#: The package each engine comes in, for the message when it is missing.
_EXTRAS = {
    "mkdocs": "mkdocs",
    "properdocs": "jobpacket[properdocs]",
    "zensical": "jobpacket[zensical]",
}

engine_option = click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="mkdocs",
    show_default=True,
    help="The site engine: mkdocs and properdocs run jobpacket's hook; zensical gets the "
    "pages written out for it (see the guide's Engines section for what it cannot do yet).",
)
config_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The site's mkdocs.yml; its folder is the project folder.",
)


def _prepare(engine: str, config_file: Path) -> Path:
    """The project folder, once the engine is known to be installed."""
    if not config_file.is_file():
        raise UserError(
            f"{config_file}: no such file; run this in the site's folder (where mkdocs.yml "
            "is) or name it with -f"
        )
    if find_spec(engine) is None:
        raise UserError(
            f"{engine} is not installed; install it with: pip install '{_EXTRAS[engine]}'"
        )
    return config_file.resolve().parent


def _reporter() -> tuple[Callable[[Problem], None], Callable[[str], None]]:
    """Findings printed once each (proofreading and printing can find the same thing)."""
    seen: set[str] = set()

    def report(problem: Problem) -> None:
        line = str(problem)
        if line not in seen:
            seen.add(line)
            click.echo(line, err=True)

    return report, lambda line: say(line, err=True)


def _engine(engine: str, command: str, config_file: Path, profile: Path | None, *extra: str) -> int:
    """The engine's own command, until it ends; it ends with this process (Ctrl-C, SIGTERM)."""
    from ..site.child import stopping

    command_line = [sys.executable, "-m", engine, command, "-f", str(config_file), *extra]
    process = subprocess.Popen(command_line, env=child_environment(profile))
    with stopping(process):
        process.wait()
    return process.returncode if process.returncode is not None else 1


@click.group(name="site")
def site_group() -> None:
    """Build or preview the portfolio site, with MkDocs (default), ProperDocs or Zensical."""


@site_group.command(name="build")
@engine_option
@config_option
@click.option("--strict", is_flag=True, help="Fail on warnings too (as `mkdocs build --strict`).")
@profile_option
@user_errors
def site_build(engine: str, config_file: Path, strict: bool, profile: Path | None) -> None:
    """Build the site into site/ and the private documents into build/ (never deployed).

    A failed build leaves both folders as they were.
    """
    root = _prepare(engine, config_file)
    if engine != "zensical":
        sys.exit(_engine(engine, "build", config_file, profile, *(["--strict"] * strict)))
    from ..site import zensical
    from ..site.publish import SiteError

    report, note = _reporter()
    try:
        lines = zensical.build(root, report, note, strict=strict, profile=profile)
    except SiteError as exc:
        for line in str(exc).splitlines():
            say(line, err=True)
        sys.exit(1)
    for line in lines:
        say(line, err=True)


@site_group.command(name="serve")
@engine_option
@config_option
@click.option(
    "-a", "--dev-addr", metavar="<IP:PORT>", help="Address to serve on (default: localhost:8000)."
)
@profile_option
@user_errors
def site_serve(engine: str, config_file: Path, dev_addr: str | None, profile: Path | None) -> None:
    """Preview the site while you edit: saving the profile or a page rebuilds it."""
    root = _prepare(engine, config_file)
    if engine != "zensical":
        address = ["-a", dev_addr] if dev_addr else []
        sys.exit(_engine(engine, "serve", config_file, profile, *address))
    from ..site.publish import SiteError
    from ..site.zensical_serve import serve

    report, note = _reporter()
    try:
        code = serve(root, report, note, dev_addr=dev_addr, profile=profile)
    except SiteError as exc:
        for line in str(exc).splitlines():
            say(line, err=True)
        sys.exit(1)
    sys.exit(code)


__all__ = ["ENGINES", "site_group"]
