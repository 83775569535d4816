"""What the MkDocs adapter changes in MkDocs' configuration (site/theming.py), on a real
MkDocs configuration of the theme the sites use. Whole builds are in test_site.py and
test_site_identity.py."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from markupsafe import Markup
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from jobpacket.profile.validate import load_profile
from jobpacket.site import serving, theming
from jobpacket.site.publish import Publication
from jobpacket.site.stage import FILE_WORKER, MONOGRAM, overrides_dir


def _config(tmp_path: Path, yml: str) -> MkDocsConfig:
    (tmp_path / "docs").mkdir(exist_ok=True)
    path = tmp_path / "mkdocs.yml"
    path.write_text(yml, encoding="utf-8")
    return load_config(str(path))


BASE = "site_name: Portfolio\ndocs_dir: docs\ntheme:\n  name: material\n"


def test_the_monogram_is_logo_and_favicon_unless_the_site_names_its_own(tmp_path: Path) -> None:
    config = _config(tmp_path, BASE)
    theming.use_monogram(config)
    assert (config.theme["logo"], config.theme["favicon"]) == (MONOGRAM, MONOGRAM)

    config = _config(tmp_path, BASE + "  logo: me.png\n  favicon: me.ico\n")
    theming.use_monogram(config)
    assert (config.theme["logo"], config.theme["favicon"]) == ("me.png", "me.ico")


def test_the_overrides_go_below_the_users_own_folder(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    config = _config(tmp_path, BASE + "  custom_dir: mine\n")
    theming.use_theme_overrides(config)
    theming.use_theme_overrides(config)  # a serve rebuild: not twice
    dirs = [Path(d) for d in config.theme.dirs]
    assert dirs.count(overrides_dir()) == 1
    assert dirs.index(tmp_path / "mine") < dirs.index(overrides_dir())


def test_a_worker_shim_from_unpkg_is_warned_about(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    remote = "extra:\n  polyfills:\n    - https://unpkg.com/iframe-worker/shim\n"
    caplog.set_level(logging.INFO)
    theming.check_worker_shim(_config(tmp_path, BASE + remote))
    assert any(FILE_WORKER in r.getMessage() for r in caplog.records)
    caplog.clear()
    theming.check_worker_shim(
        _config(tmp_path, BASE + f"extra:\n  polyfills:\n    - {FILE_WORKER}\n")
    )
    assert not caplog.records


def test_the_site_takes_its_name_and_language_from_the_profile(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yml"
    profile.write_text(
        "basics:\n  name: Zoë & Ng\n  url: https://zoe.example.org/\nmeta:\n  lang: fr\n",
        encoding="utf-8",
    )
    build = serving.Build(load_profile(profile), tmp_path, True, Publication(tmp_path))
    config = _config(tmp_path, BASE.replace("Portfolio", "from basics.name"))
    theming.apply_identity(config, build, other=False)
    assert build.site_name == "Zoë & Ng"
    assert isinstance(config.site_name, Markup)  # the theme prints it unescaped in places
    assert str(config.site_name) == "Zoë &amp; Ng"
    assert config.site_url == "https://zoe.example.org/"
    assert config.theme["language"] == "fr"
