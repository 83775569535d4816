"""The icons of the site (site/icons.py): a network's icon by its name, then by the host of
its address, each an inline SVG hidden from assistive technology."""

from __future__ import annotations

from xml.etree import ElementTree

from jobpacket.site import icons


def test_network_icons_by_name_then_host() -> None:
    assert icons.network_icon_name("GitHub") == "github"
    assert icons.network_icon_name("Twitter") == "x"
    assert icons.network_icon_name("Google Scholar") == "googlescholar"
    assert icons.network_icon_name(None, "https://www.linkedin.com/in/x") == "linkedin"
    assert icons.network_icon_name("My blog", "https://notgithub.com/x") == icons.GENERIC
    for name in {*icons.NETWORKS.values(), *icons.HOSTS.values(), icons.GENERIC, "email"}:
        svg = str(icons.icon(name))
        assert svg.startswith('<svg class="jp-icon" aria-hidden="true" focusable="false"'), name
        ElementTree.fromstring(svg)  # every shipped file is a single well-formed SVG
