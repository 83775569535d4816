"""profile/lenient.py on its own: values whose meaning is plain are read as meant on the raw
tree, each with a located line; values whose meaning is not plain are left for validation.
The same files through the CLI, PDFs and site are tested in test_asis.py."""

from __future__ import annotations

import pytest

from jobpacket.profile.lenient import plain_date, read_as_meant
from jobpacket.profile.load import parse_text

LOOSE = """\
basics:
  name: Ann Lee
  url: ann.example.org
  label: <b>Nurse</b> educator
  summary: <b>Markdown</b> is kept
work:
  - name: St. Mary's Hospital
    startDate: 02/2020
    endDate: "2021-06"
    url: https://stmarys.example.org
meta:
  lastModified: "2024-05-01T10:00:00+02:00Z"
"""


@pytest.mark.parametrize(
    "value, lang, expected",
    [
        ("03/2022", None, "2022-03"),
        ("3.2022", None, "2022-03"),
        ("2022/03", None, "2022-03"),
        ("Feb 2019", None, "2019-02"),
        ("February, 2019", None, "2019-02"),
        ("Sept. 2019", None, "2019-09"),
        ("févr. 2020", "fr", "2020-02"),
        ("März 2021", "de", "2021-03"),
        ("2020年2月", "ja", "2020-02"),
        ("13/2020", None, None),
        ("Summer 2019", None, None),
        ("01/02/2020", None, None),  # day and month order is not plain
    ],
)
def test_dates_people_write_are_read_as_their_month(
    value: str, lang: str | None, expected: str | None
) -> None:
    assert plain_date(value, lang) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2020년 2월", "2020-02"),
        ("2019 Feb", "2019-02"),
        (" 11-2023 ", "2023-11"),
        ("00/2020", None),
        ("02/20", None),  # a two-digit year is not plain
        ("2020-02", None),  # already ISO: nothing to read
    ],
)
def test_more_plain_and_not_plain_months(value: str, expected: str | None) -> None:
    assert plain_date(value) == expected


def test_a_month_name_in_the_profiles_language_is_read_only_with_that_language() -> None:
    assert plain_date("mars 2021", "fr") == "2021-03"
    assert plain_date("mars 2021") is None  # not an English month


def test_each_value_is_rewritten_with_a_located_line() -> None:
    loaded = parse_text(LOOSE, "p.yml")
    data, notes = read_as_meant(loaded.data, loaded.source)
    assert data["basics"]["url"] == "https://ann.example.org"
    assert data["basics"]["label"] == "Nurse educator"
    assert data["work"][0]["startDate"] == "2020-02"
    assert data["meta"]["lastModified"] == "2024-05-01T10:00:00+02:00"
    # Markdown fields keep their HTML (it is sanitized later, not shown as tags); what is
    # already right is left alone.
    assert data["basics"]["summary"] == "<b>Markdown</b> is kept"
    assert data["work"][0]["endDate"] == "2021-06"
    assert data["work"][0]["url"] == "https://stmarys.example.org"
    located = sorted((n.line, n.col, n.severity, n.path) for n in notes)
    assert located == [
        (3, 8, "info", ("basics", "url")),
        (4, 10, "info", ("basics", "label")),
        (8, 16, "warning", ("work", 0, "startDate")),
        (12, 17, "warning", ("meta", "lastModified")),
    ]
    date_note = next(n for n in notes if n.path == ("work", 0, "startDate"))
    assert "'02/2020' read as 2020-02" in date_note.message
    assert date_note.hint == "write '2020-02' so that other JSON Resume tools read it too"


def test_the_parsed_tree_is_not_changed_in_place() -> None:
    loaded = parse_text(LOOSE, "p.yml")
    read_as_meant(loaded.data, loaded.source)
    assert loaded.data["basics"]["url"] == "ann.example.org"
    assert loaded.data["work"][0]["startDate"] == "02/2020"


def test_a_profile_written_as_meant_comes_back_as_it_was() -> None:
    loaded = parse_text("basics:\n  name: Ann Lee\n  url: https://ann.example.org\n", "p.yml")
    data, notes = read_as_meant(loaded.data, loaded.source)
    assert data is loaded.data and notes == []


def test_months_are_read_in_the_language_meta_lang_names() -> None:
    text = "basics: {name: Ann}\nwork:\n  - name: X\n    startDate: März 2021\nmeta: {lang: de}\n"
    loaded = parse_text(text, "p.yml")
    data, _ = read_as_meant(loaded.data, loaded.source)
    assert data["work"][0]["startDate"] == "2021-03"
