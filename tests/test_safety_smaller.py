"""The smaller items of issue 10 left here: the theme title and the offline shim. Settings
are tested in test_settings.py, images in test_print_images.py."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest

from jobpacket.site import mkdocs as adapter

from .conftest import EXAMPLE, ROOT
from .test_site_support import build, make_site

HOOKS = ROOT / "hooks" / "jobpacket"


def test_the_theme_keeps_jinja_striptags() -> None:
    """<title> is made safe by a theme override, not by replacing a filter for every template."""
    env = jinja2.Environment()
    config = type("C", (), {})()
    env = adapter.on_env(env, config=config, files=None)  # type: ignore[arg-type]
    assert env.filters["striptags"] is jinja2.Environment().filters["striptags"]
    override = (HOOKS / "templates" / "site" / "overrides" / "main.html").read_text(
        encoding="utf-8"
    )
    assert "{% block htmltitle %}" in override and "striptags | e" in override


@pytest.mark.slow
def test_a_hostile_page_meta_title_and_site_name_are_escaped(tmp_path: Path) -> None:
    yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    yml = yml.replace("site_name: Elena M. Vasquez", "site_name: Elena & <b>Co</b>")
    page = "---\ntitle: </title><script>alert(1)</script>\n---\n\n# Notes\n"
    site = make_site(tmp_path / "s", EXAMPLE, content={"notes.md": page}, mkdocs_yml=yml)
    result = build(site)
    assert result.returncode == 0, result.stderr
    text = (site / "site" / "notes.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", text, re.DOTALL).group(1)
    assert "<script>" not in title and "&lt;/title&gt;&lt;script&gt;" in title
    assert "Elena &amp; &lt;b&gt;Co&lt;/b&gt;" in title


@pytest.mark.slow
def test_without_the_local_shim_the_build_says_how_to_add_it(tmp_path: Path) -> None:
    yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    yml = re.sub(r"  polyfills:.*\n    - assets/jobpacket/iframe-worker.js\n", "", yml)
    assert "polyfills" not in yml
    site = make_site(tmp_path / "s", EXAMPLE, mkdocs_yml=yml)
    result = build(site)
    assert result.returncode == 1  # strict: a page that loads unpkg.com is a warning
    assert "every page would load a script from unpkg.com" in result.stderr
    assert "    - assets/jobpacket/iframe-worker.js" in result.stderr
