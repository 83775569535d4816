"""`jobpacket new DIR`: a working site folder for a new user, ready for `mkdocs serve`."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from .profile.errors import UserError
from .profile.schema import schema_text

PROFILE_NAME = "profile.yml"


def _template(name: str) -> str:
    return resources.files("jobpacket").joinpath("scaffold", name).read_text(encoding="utf-8")


def scaffold_files(site_name: str) -> dict[str, str]:
    """Relative path -> text of every file a new site starts with."""
    mkdocs_yml = _template("mkdocs.yml").replace("{{ site_name }}", json.dumps(site_name))
    return {
        "mkdocs.yml": mkdocs_yml,
        "hooks/site.py": _template("site.py"),
        f"profiles/{PROFILE_NAME}": _template("starter.yml"),
        "profiles/schema.json": schema_text(),
        "content/.gitkeep": "",
        ".gitignore": "site/\nbuild/\n.jobpacket-cache/\n.*.jobpacket-new/\n",
    }


def create_site(target: Path, site_name: str | None = None) -> list[Path]:
    """Write the scaffold; refuses to overwrite anything the user already has."""
    files = scaffold_files(site_name or "My portfolio")
    clashes = [rel for rel in files if (target / rel).exists()]
    if clashes:
        raise UserError(
            f"{target}: already has {', '.join(sorted(clashes))}; "
            "choose an empty or new folder (nothing was written)"
        )
    written = []
    for rel, text in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
