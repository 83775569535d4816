"""Rule `contact`: email domains, phone numbers for their country, https links, networks."""

from __future__ import annotations

from pathlib import Path

import pytest

from .checks_support import BASE, at, findings, pos


def test_good_contact_details_pass(tmp_path: Path) -> None:
    text = BASE + (
        "  profiles:\n"
        "    - network: GitHub\n      url: https://github.com/praman\n"
        "    - network: LinkedIn\n      url: https://www.linkedin.com/in/priya-raman\n"
        "references:\n"
        "  - name: Tom Hale\n    email: tom.hale@camden-foods.co.uk\n    phone: 020 7946 0321\n"
    )
    assert findings(tmp_path, text, "contact") == []


@pytest.mark.parametrize(
    ("email", "words"),
    [
        ("priya@mail.test", "uses .test, a name reserved for testing that receives no mail"),
        ("priya@localhost.localdomain", "uses .localdomain, a name reserved for testing"),
        ("priya@laptop.local", "uses .local, a name that works only inside one local network"),
        ("priya@192.168.0.10", "IP address"),
        ("priya..raman@example.com", "misplaced dot"),
        ("priya@exa_mple.com", "invalid domain"),
    ],
)
def test_undeliverable_email_is_located(tmp_path: Path, email: str, words: str) -> None:
    text = BASE.replace("priya.raman@example.com", email)
    (problem,) = findings(tmp_path, text, "contact")
    assert at(problem) == pos(text, email)
    assert words in problem.message


def test_the_hint_says_whose_mail_would_not_arrive(tmp_path: Path) -> None:
    """Issue 19: the `.local` hint spoke of "an employer's reply" for every address."""
    own = findings(tmp_path, BASE.replace("priya.raman@example.com", "priya@mac.local"))
    (problem,) = [p for p in own if p.rule == "contact"]
    assert problem.hint == (
        "check the address you give; an employer's reply sent to it would not arrive"
    )
    text = BASE + "references:\n  - name: Tom Hale\n    email: tom@camden.local\n"
    (problem,) = findings(tmp_path, text, "contact")
    assert problem.path == ("references", 0, "email")
    assert "an employer writing to this referee would not reach them" in problem.hint


def test_phone_invalid_for_its_country_uses_location_as_default(tmp_path: Path) -> None:
    # A UK number written without +44: valid, because basics.location.countryCode is GB.
    text = BASE.replace('"+44 20 7946 0958"', "020 7946 0958")
    assert findings(tmp_path, text, "contact") == []
    text = BASE.replace('"+44 20 7946 0958"', "020 7946 09")
    (problem,) = findings(tmp_path, text, "contact")
    assert at(problem) == pos(text, "020 7946 09")
    assert "not a valid number for GB" in problem.message


def test_phone_without_country_needs_a_prefix(tmp_path: Path) -> None:
    text = BASE.replace('"+44 20 7946 0958"', "020 7946 0958").replace("    countryCode: GB\n", "")
    (problem,) = findings(tmp_path, text, "contact")
    assert "no country code" in problem.message


@pytest.mark.parametrize(
    ("url", "level", "words"),
    [
        ("http://priyaraman.example.com", "warning", "http://"),
        # ("priyaraman.example.com/work" is read as https://, with an info line: test_asis.py)
        ("priyaraman/work", "warning", "no https://"),
        ("https://priya raman.example.com", "warning", "space"),
        ("https://priyaraman", "warning", "top-level domain"),
    ],
)
def test_bad_url_is_located(tmp_path: Path, url: str, level: str, words: str) -> None:
    text = BASE.replace("https://priyaraman.example.com", url)
    (problem,) = findings(tmp_path, text, "contact")
    assert (at(problem), problem.severity) == (pos(text, url), level)
    assert words in problem.message


def test_profile_link_on_another_network(tmp_path: Path) -> None:
    text = BASE + (
        "  profiles:\n    - network: GitHub\n      url: https://www.linkedin.com/in/praman\n"
    )
    (problem,) = findings(tmp_path, text, "contact")
    assert at(problem) == pos(text, "https://www.linkedin.com/in/praman")
    assert problem.message == "the GitHub profile link is a linkedin address"
    assert problem.path == ("basics", "profiles", 0, "url")


def test_chat_profile_links_are_not_web_links(tmp_path: Path) -> None:
    text = BASE + (
        "  profiles:\n"
        "    - network: Skype\n      url: skype:priya.raman?chat\n"
        "    - network: Matrix\n      url: matrix:u/priya:matrix.example.org\n"
    )
    assert findings(tmp_path, text, "contact") == []
