"""The project commands (cli/project.py): `new` scaffolds a site that checks clean and never
overwrites one."""

from __future__ import annotations

from pathlib import Path

from jobpacket.profile.schema import schema_text

from .test_cli import run


def test_new_scaffolds_a_site_that_checks_clean(tmp_path: Path):
    from .test_new import fill_in

    site = tmp_path / "my-site"
    result = run("new", str(site), "--no-git", "--title", 'Ann "Quotes" O\'Neil')
    assert result.returncode == 0, result.stderr
    for rel in ("mkdocs.yml", "hooks/site.py", "profiles/profile.yml", "profiles/schema.json"):
        assert (site / rel).is_file(), rel
    assert (site / "profiles" / "schema.json").read_text(encoding="utf-8") == schema_text()
    fill_in(site)  # the starter's own text is a `placeholders` error (tests/test_new.py)
    checked = run("check", cwd=site)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip() == "profiles/profile.yml: ok"
    import yaml

    from jobpacket.settings import read_site_settings

    assert read_site_settings(site / "mkdocs.yml")["profile"] == "profiles/profile.yml"
    site_name = yaml.load((site / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["site_name"]
    assert site_name == 'Ann "Quotes" O\'Neil'


def test_new_refuses_to_overwrite(tmp_path: Path):
    (tmp_path / "mkdocs.yml").write_text("site_name: mine\n", encoding="utf-8")
    result = run("new", str(tmp_path))
    assert result.returncode == 1
    assert "already has mkdocs.yml" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: mine\n"
    assert not (tmp_path / "profiles").exists()
