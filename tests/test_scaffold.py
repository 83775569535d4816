"""scaffold.py on its own: the files of a new site, the user's name and title as typed, a
folder written only through real folders (never a symlink, never over what is there), and
its own git repository. `jobpacket new` end to end, with `mkdocs gh-deploy`, is tested in
test_new.py."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from jobpacket.errors import UserError
from jobpacket.scaffold import (
    create_site,
    init_repository,
    scaffold_files,
    starter_profile,
    yaml_scalar,
)


def test_a_name_is_written_as_typed_and_read_back_as_typed() -> None:
    for name in ("Jérémy Buget", 'Ann "AJ" O\'Neil', "yes", "#1 candidate", "王小明"):
        scalar = yaml_scalar(name)
        assert "\\u" not in scalar
        assert yaml.safe_load(f"name: {scalar}\n") == {"name": name}
    assert yaml.safe_load(starter_profile("Jérémy Buget"))["basics"]["name"] == "Jérémy Buget"
    assert yaml.safe_load(starter_profile())["basics"]["name"] == "Your Name"


def test_a_new_site_has_every_file_it_needs_and_ignores_what_is_private() -> None:
    files = scaffold_files("Ann Lee", "Ann’s portfolio")
    assert set(files) == {
        "mkdocs.yml",
        "hooks/site.py",
        "profiles/profile.yml",
        "profiles/private.yml",
        "profiles/schema.json",
        "content/.gitkeep",
        ".gitignore",
    }
    assert 'site_name: "Ann’s portfolio"' in files["mkdocs.yml"]
    ignored = files[".gitignore"].splitlines()
    assert {"profiles/private.yml", "build/", "site/"} <= set(ignored)
    followed = scaffold_files("Ann Lee")["mkdocs.yml"]
    assert "# or write your site's title" in followed  # the title follows basics.name


def test_create_site_writes_the_files_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "my-site"
    written = create_site(target, "Ann Lee")
    assert sorted(p.relative_to(target).as_posix() for p in written) == sorted(scaffold_files())
    with pytest.raises(UserError, match="already has") as caught:
        create_site(target)
    assert "nothing was written" in str(caught.value)


def test_create_site_never_writes_through_a_symlink(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "s"
    target.mkdir()
    (target / "profiles").symlink_to(outside)
    with pytest.raises(UserError, match="is a symlink"):
        create_site(target)
    assert list(outside.iterdir()) == []
    assert not (target / "mkdocs.yml").exists()


def test_the_new_folder_is_its_own_repository(tmp_path: Path) -> None:
    target = tmp_path / "s"
    create_site(target)
    result = init_repository(target)
    assert result.created and str(target) in result.message
    top = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], cwd=target, capture_output=True, text=True
    )
    assert Path(top.stdout.strip()).resolve() == target.resolve()
