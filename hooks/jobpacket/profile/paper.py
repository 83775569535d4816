"""The paper a profile's documents are printed on: `meta.pageSize`, else the country in the
address, else the region of `meta.lang`.

It lives here, below views/ and print/, because two stages decide with it: print/ lays out
every page on it, and views/letterlang.py keeps it when a letter is printed in an
application's own language (a `lang: de` letter of an `en-US` profile stays on the paper its
résumé is printed on, so a packet never mixes two sizes).
"""

from __future__ import annotations

from ..i18n.tags import region as tag_region
from .model import Profile

#: Countries that print on US Letter; everyone else uses A4.
LETTER_COUNTRIES = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "SV", "PA", "DO", "NI", "PR"}
)


def page_size(profile: Profile) -> str:
    """`meta.pageSize`, else the paper of the country in the address
    (`basics.location.countryCode`), else of the region in `meta.lang` (`en-US`): Letter in
    North America, A4 elsewhere. The address comes first because it is where the résumé is
    printed and read: a `pt-BR` résumé of someone living in the US goes on Letter, like a
    `fr` or `de` one."""
    if profile.meta.pageSize:
        return profile.meta.pageSize
    region = None
    if profile.basics.location and profile.basics.location.countryCode:
        region = profile.basics.location.countryCode.strip().upper()
    if not region:
        region = tag_region(profile.meta.lang)
    return "Letter" if region in LETTER_COUNTRIES else "A4"
