"""print/printkit.py: what every printed document shares: the reproducible document date,
profile Markdown made safe for print. The documents built on it are tested in
test_print_documents.py; the paper size in test_profile_paper.py."""

from __future__ import annotations

import pytest

from jobpacket.print import printkit
from jobpacket.profile.model import Profile


def _profile(**meta: object) -> Profile:
    return Profile.model_validate({"basics": {"name": "X"}, "meta": meta})


def test_document_date_prefers_source_date_epoch_then_last_modified(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    profile = _profile(lastModified="2026-11-03T09:00:00")
    assert printkit.document_date(profile).isoformat() == "2026-11-03T09:00:00+00:00"
    assert printkit.document_date(_profile(lastModified="2025-02")).year == 2025
    assert printkit.document_date(_profile()).isoformat() == "2000-01-01T00:00:00+00:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert printkit.document_date(profile).isoformat() == "1970-01-01T00:00:00+00:00"


def test_profile_text_is_escaped_and_markdown_links_stay_on_the_web() -> None:
    html = printkit.print_markdown(
        "**ok** <script>alert(1)</script> [x](../../etc/passwd) [y](https://e.org/) "
        "[z](javascript:alert(1)) ![i](https://e.org/i.png)"
    )
    assert "<strong>ok</strong>" in html
    assert "<script" not in html and "<img" not in html and "javascript" not in html
    assert 'href="https://e.org/"' in html
    assert "../../etc/passwd" not in html
    assert printkit.print_markdown("   ") == ""


def test_bare_urls_and_w3c_times_are_what_a_reader_and_a_pdf_expect() -> None:
    assert printkit.bare_url("https://www.example.org/cv/") == "www.example.org/cv"
    assert printkit.bare_url(None) == ""
    moment = printkit.document_date(_profile(lastModified="2026-11-03T09:00:00"))
    assert printkit.w3c(moment) == "2026-11-03T09:00:00Z"


def test_visible_leaves_out_private_entries() -> None:
    profile = Profile.model_validate(
        {"work": [{"name": "A"}, {"name": "B", "visibility": "private"}, {"name": "C"}]}
    )
    assert [w.name for w in printkit.visible(profile.work)] == ["A", "C"]
