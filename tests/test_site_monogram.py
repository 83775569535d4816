"""The monogram (site/monogram.py): initials from any name, escaped into an SVG in the
palette's primary colour. How it shows in the built site is in test_site_portfolio.py."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from jobpacket.site import monogram


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Elena M. Vasquez", "EV"),
        ("amara okonkwo-lindqvist", "AO"),
        ("Cher", "C"),
        ("  'Quoted' (Nick) Name ", "QN"),
        ("Łukasz Żółw", "ŁŻ"),
        ("1234 !!", ""),
        (None, ""),
    ],
)
def test_initials(name: str | None, expected: str) -> None:
    assert monogram.initials(name) == expected


def test_monogram_escapes_the_name_and_follows_the_palette() -> None:
    svg = monogram.monogram_svg('<b>"Ann" & Bo</b>', monogram.primary_color([{"primary": "teal"}]))
    root = ElementTree.fromstring(svg)  # well-formed XML: the name cannot break out
    assert root.get("aria-label") == '<b>"Ann" & Bo</b>'
    text = root.find("{http://www.w3.org/2000/svg}text")
    assert text is not None and text.text == "BB"
    circle = root.find("{http://www.w3.org/2000/svg}circle")
    assert circle is not None and circle.get("fill") == monogram.PRIMARY_COLORS["teal"]
    assert monogram.primary_color({"primary": "no such color"}) == "#4051b5"
