"""The documentation site builds, and documents every command, option and profile field.

The guide and the reference live in docs/guide/ (a MkDocs site, docs/mkdocs.yml); the README
is the short way in. A command, an option or a profile field added without a word in the
docs fails here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from jobpacket.cli import main
from jobpacket.profile import model

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "guide"


def _docs_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(GUIDE.glob("*.md")))


@pytest.mark.slow
def test_the_docs_site_builds_strictly(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "docs/mkdocs.yml",
         "-d", str(tmp_path / "docs-site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "docs-site" / "commands" / "index.html").is_file()


def test_every_command_and_option_is_documented() -> None:
    commands = GUIDE / "commands.md"
    listed = commands.read_text(encoding="utf-8")
    text = _docs_text()
    missing: list[str] = []
    for name, command in sorted(main.commands.items()):
        if command.hidden:
            continue
        if f"jobpacket {name}" not in listed:
            missing.append(f"command {name} (docs/guide/commands.md)")
        for param in command.params:
            if not isinstance(param, click.Option) or param.hidden:
                continue
            longest = max(param.opts, key=len)
            if not any(re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", text) for o in param.opts):
                missing.append(f"option {longest} of `jobpacket {name}`")
    assert missing == []


def test_every_profile_field_is_documented() -> None:
    text = _docs_text()
    missing = [
        f"{owner.__name__}.{info.alias or field}"
        for owner in (model.Profile, model.Application, model.Meta)
        for field, info in owner.model_fields.items()
        if not any(
            form in text
            for key in (info.alias or field,)
            for form in (f"`{key}`", f"{key}:", f".{key}")
        )
    ]
    assert missing == []
