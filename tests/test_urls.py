"""urls.py: web addresses as people write them (without a scheme, a LinkedIn handle) read as
the address they mean, and everything else left alone. Through whole résumé files in
test_asis.py."""

from __future__ import annotations

import pytest

from jobpacket.urls import assumed_web


@pytest.mark.parametrize(
    "value, expected",
    [
        ("github.com/mokafor", "https://github.com/mokafor"),
        ("together.ai", "https://together.ai"),
        ("www.linkedin.com/in/ann-b", "https://www.linkedin.com/in/ann-b"),
        ("ann.example.org:8080/cv", "https://ann.example.org:8080/cv"),
        ("projects/x/", None),  # a page of the site
        ("cv.pdf", None),  # a file next to the page
        ("index.html", None),
        ("mailto:ann@example.com", None),
        ("https://ann.example.com", None),
        ("ann@example.com", None),
        ("not a url.com", None),
    ],
)
def test_a_web_address_without_scheme_means_https(value: str, expected: str | None) -> None:
    assert assumed_web(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("ann-lee", "https://www.linkedin.com/in/ann-lee"),
        ("@ann-lee", "https://www.linkedin.com/in/ann-lee"),
        ("linkedin.com/in/ann-lee", "https://linkedin.com/in/ann-lee"),
        ("https://www.linkedin.com/in/ann-lee/", "https://www.linkedin.com/in/ann-lee/"),
        ("Ann Lee on LinkedIn", None),
        ("", None),
    ],
)
def test_basics_linkedin_is_read_as_an_address(value: str, expected: str | None) -> None:
    from jobpacket.urls import linkedin_url

    assert linkedin_url(value) == expected
