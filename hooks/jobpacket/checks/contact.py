"""Rule `contact`: the ways to reach the candidate (and their recommenders) actually work.

An employer who cannot reach you does not try twice. Checked offline: an email address with
a real-looking domain, a phone number valid for its country (the libphonenumber metadata,
with basics.location.countryCode as the default country), web addresses that are well
formed and https, and social profile links that point at the network they name.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from ..errors import FieldPath, Problem, Severity
from ..profile.validate import LoadedProfile
from .text import strings
from .where import finding

RULE = "contact"

#: Top-level names reserved by RFC 2606/6761/6762 that never deliver mail on the Internet.
#: `example.com` and friends are reserved too, but they are what examples and tests use.
_RESERVED_TLDS = frozenset({"test", "invalid", "localhost", "localdomain"})
#: Names of private networks (.local is multicast DNS): they work inside one network and
#: receive no mail from the Internet.
_PRIVATE_TLDS = frozenset({"local", "internal", "lan", "home", "corp"})
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")

#: Networks whose profiles live on one site: the host must carry its name.
_NETWORK_HOSTS: dict[str, tuple[str, ...]] = {
    "github": ("github",),
    "gitlab": ("gitlab",),
    "bitbucket": ("bitbucket",),
    "linkedin": ("linkedin",),
    "twitter": ("twitter", "x"),
    "x": ("x", "twitter"),
    "facebook": ("facebook", "fb"),
    "instagram": ("instagram",),
    "youtube": ("youtube", "youtu"),
    "stackoverflow": ("stackoverflow",),
    "stack overflow": ("stackoverflow",),
    "soundcloud": ("soundcloud",),
    "medium": ("medium",),
    "kaggle": ("kaggle",),
    "dribbble": ("dribbble",),
    "behance": ("behance",),
    "orcid": ("orcid",),
    "codepen": ("codepen",),
}


def _domain_problem(domain: str) -> str | None:
    host = domain.lower().rstrip(".")
    if host.startswith("[") or _is_ip(host):
        return "uses an IP address instead of a domain"
    labels = host.split(".")
    if len(labels) < 2:
        return "has no top-level domain (such as .com)"
    if not all(_LABEL.match(label) for label in labels):
        return f"has an invalid domain {domain!r}"
    tld = labels[-1]
    if not re.fullmatch(r"[a-z]{2,63}|xn--[a-z0-9-]+", tld):
        return f"has an invalid top-level domain {tld!r}"
    if tld in _RESERVED_TLDS:
        return f"uses .{tld}, a name reserved for testing that receives no mail"
    if tld in _PRIVATE_TLDS:
        return (
            f"uses .{tld}, a name that works only inside one local network: mail from the "
            "Internet never reaches it"
        )
    return None


def _whose(path: tuple[str | int, ...]) -> str:
    """What fails to arrive, said for whose address it is."""
    if path[:1] == ("basics",):
        return "check the address you give; an employer's reply sent to it would not arrive"
    if path[:1] == ("references",):
        return "check the address; an employer writing to this referee would not reach them"
    return "check the address; a letter or follow-up sent to it would not arrive"


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _emails(loaded: LoadedProfile) -> list[Problem]:
    out = []
    for text in strings(loaded.profile):
        if text.field != "email":
            continue
        address = text.value.strip().removeprefix("mailto:")
        local, _, domain = address.rpartition("@")
        why = _domain_problem(domain)
        if why is None and (local.startswith(".") or local.endswith(".") or ".." in local):
            why = "has a misplaced dot before the @"
        if why:
            out.append(
                finding(
                    loaded,
                    RULE,
                    text.path,
                    f"email {address!r} {why}",
                    hint=_whose(text.path),
                )
            )
    return out


def _phones(loaded: LoadedProfile) -> list[Problem]:
    numbers = [t for t in strings(loaded.profile) if t.field == "phone"]
    if not numbers:
        return []
    import phonenumbers  # loads all its metadata: only when there is a number to check

    location = loaded.profile.basics.location
    region = (location.countryCode or "").strip().upper() if location else ""
    if not re.fullmatch(r"[A-Z]{2}", region):
        region = ""  # not an ISO country code: numbers then need their +country prefix
    out = []
    for text in numbers:
        why = None
        try:
            number = phonenumbers.parse(text.value, region or None)
        except phonenumbers.NumberParseException:
            if not region and not text.value.strip().startswith("+"):
                why = "has no country code and basics.location.countryCode is not set"
                hint = "write it with its country code, e.g. +1 412 555 0147"
            else:
                why, hint = "is not a phone number", "write the digits of the number"
        else:
            if not phonenumbers.is_valid_number(number):
                country = phonenumbers.region_code_for_number(number) or region or "its country"
                why = f"is not a valid number for {country}"
                hint = "check the digits and the country code"
        if why:
            out.append(finding(loaded, RULE, text.path, f"phone {text.value!r} {why}", hint=hint))
    return out


def _url_problem(url: str) -> tuple[str, str, Severity] | None:
    """(message, hint, level) for a web address that is not a working https link."""
    scheme = url.split(":", 1)[0].lower() if re.match(r"^[a-zA-Z][\w+.-]*:", url) else ""
    if scheme and scheme not in ("http", "https"):
        return None  # mailto:, tel:, skype:, xmpp:, matrix: (the model refuses unsafe ones)
    if any(c.isspace() for c in url):
        return "contains a space", "remove it or write it as %20", "warning"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return "is not a well-formed web address", "check it in a browser", "warning"
    if not parts.scheme:
        return "has no https://", f"write it as https://{url.lstrip('/')}", "warning"
    if not parts.hostname:
        return "has no host name", "write it as https://host/path", "warning"
    why = _domain_problem(parts.hostname)
    if why and not _is_ip(parts.hostname):
        return why, "check the address in a browser", "warning"
    if parts.scheme.lower() == "http":
        return (
            "uses http://, which browsers mark as not secure",
            "use https:// if the site supports it",
            "warning",
        )
    return None


def _urls(loaded: LoadedProfile) -> list[Problem]:
    out = []
    for text in strings(loaded.profile):
        if text.field != "url":
            continue
        found = _url_problem(text.value.strip())
        if found:
            message, hint, level = found
            out.append(
                finding(
                    loaded, RULE, text.path, f"{text.value!r} {message}", level=level, hint=hint
                )
            )
    return out


def _networks(loaded: LoadedProfile) -> list[Problem]:
    out = []
    for i, profile in enumerate(loaded.profile.basics.profiles):
        network = (profile.network or "").strip().lower()
        names = _NETWORK_HOSTS.get(network)
        if not names or not profile.url:
            continue
        host = (urlsplit(profile.url).hostname or "").lower()
        labels = set(host.split("."))
        if not host or labels & set(names):
            continue
        where: FieldPath = ("basics", "profiles", i, "url")
        other = next((n for n, hosts in _NETWORK_HOSTS.items() if labels & set(hosts)), None)
        said = f"a {other} address" if other else f"on {host}"
        out.append(
            finding(
                loaded,
                RULE,
                where,
                f"the {profile.network} profile link is {said}",
                hint=f"use your {profile.network} profile address, or fix `network`",
            )
        )
    return out


def check(loaded: LoadedProfile) -> list[Problem]:
    return [*_emails(loaded), *_phones(loaded), *_urls(loaded), *_networks(loaded)]
