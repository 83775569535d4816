"""profile/validate.py on its own: the rules that involve more than one field, each a located
line, every one reported in one run; a warning leaves the profile loaded with a note. The
loader's messages for whole files are in test_profile_load.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobpacket.errors import ProfileError
from jobpacket.profile.validate import load_profile

from .conftest import run_cli

PROFILE = """\
basics:
  name: Ann Lee
work:
  - name: Acme
    startDate: "2022-05"
    endDate: "2021"
documents:
  - path: documents/portfolio.pdf
    title: Portfolio
applications:
  - id: acme
    organization: Acme
    applied: "2026-03-01"
    decided: "2026-02-01"
    compensation: {target: [90000, 80000]}
    documents: [Portfolo]
  - id: acme
    organization: Acme
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "v.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_cross_field_error_is_reported_at_once_and_located(tmp_path: Path) -> None:
    with pytest.raises(ProfileError) as caught:
        load_profile(_write(tmp_path, PROFILE), "v.yml")
    assert [str(p) for p in caught.value.problems] == [
        "v.yml:14:14: applications[0].decided: decided (2026-02-01) before it was applied "
        "for (2026-03-01)",
        "v.yml:15:28: applications[0].compensation.target: write the range as [min, max]",
        "v.yml:16:17: applications[0].documents[0]: no document 'Portfolo'; did you mean "
        "'Portfolio'?",
        "v.yml:17:9: applications[1].id: id 'acme' is already used by applications[0]; each "
        "application needs its own id",
    ]


def test_a_job_that_ends_before_it_starts_is_a_warning_and_loads(tmp_path: Path) -> None:
    text = PROFILE.split("applications:")[0]
    loaded = load_profile(_write(tmp_path, text), "v.yml")
    assert loaded.profile.work[0].endDate == "2021"  # printed as written
    dated = [n for n in loaded.notes if n.path == ("work", 0, "endDate")]
    assert [(n.line, n.col, n.severity, n.rule) for n in dated] == [(6, 14, "warning", "dates")]
    assert dated[0].message == "ends (2021) before it starts (2022-05); printed as written"


def test_an_unknown_document_with_nothing_close_lists_what_there_is(tmp_path: Path) -> None:
    text = PROFILE.replace("documents: [Portfolo]", "documents: [Thesis]")
    with pytest.raises(ProfileError) as caught:
        load_profile(_write(tmp_path, text), "v.yml")
    unknown = [p for p in caught.value.problems if p.path == ("applications", 0, "documents", 0)]
    assert [p.message for p in unknown] == [
        "no document 'Thesis'; name a `documents[].title` or `path` of the profile "
        "('Portfolio', 'documents/portfolio.pdf')"
    ]


LANGS = """\
basics:
  name: Ann Lee
applications:
  - id: berlin
    lang: xx
  - id: tokyo
    lang: ja
  - id: paris
    lang: fr-CA
  - id: vienna
    lang: DE_at
  - id: madrid
    lang: ""
meta:
  lang: en
"""


def test_an_application_language_without_letters_is_a_located_error_listing_them(
    tmp_path: Path,
) -> None:
    """`applications[].lang` only sets the letters' language, so one jobpacket writes no
    letters in (unknown, or with labels but no letter text, like Japanese) is an error, not
    meta.lang's note; a regional or differently written tag of a letter language loads."""
    with pytest.raises(ProfileError) as caught:
        load_profile(_write(tmp_path, LANGS), "v.yml")
    choices = "use one of de, en, es, fr, it, pt (a regional tag such as en-GB or de-AT also "
    rest = "works), or remove it to write this application's letters in meta.lang"
    assert [str(p) for p in caught.value.problems] == [
        f"v.yml:5:11: applications[0].lang: jobpacket writes no letters in 'xx'; {choices}{rest}",
        f"v.yml:7:11: applications[1].lang: jobpacket writes no letters in 'ja'; {choices}{rest}",
        f"v.yml:13:11: applications[4].lang: jobpacket writes no letters in ''; {choices}{rest}",
    ]
    fixed = LANGS.replace("lang: xx", "lang: de").replace("lang: ja", "lang: en-GB")
    loaded = load_profile(_write(tmp_path, fixed.replace('lang: ""', "lang: es")), "v.yml")
    assert [a.lang for a in loaded.profile.applications] == ["de", "en-GB", "fr-CA", "DE_at", "es"]


def test_a_bad_application_language_stops_the_command_without_a_traceback(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, LANGS.split("  - id: tokyo")[0])
    result = run_cli("letter", "berlin", "--format", "text", "--profile", path, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "v.yml:5:11: applications[0].lang: jobpacket writes no letters in 'xx'" in (
        result.stderr
    )
