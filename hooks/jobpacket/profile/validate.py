"""Raw tree + positions -> typed Profile, with every problem located and explained.

All findings are collected before anything is raised: a user fixing a profile wants the whole
list at once, the way a compiler gives it, not one error per run.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..dates import ONGOING, is_before
from ..errors import FieldPath, Problem, ProfileError, shown
from ..i18n.labels import available, translated
from ..i18n.letterbook import has_letters, letter_languages
from ..markup import fit_cache_to
from . import compat, lenient
from .bounds import check_bounds
from .model import Profile
from .overlay import merge_overlay, overlay_display, overlay_path
from .partial import Partial, valid_rest
from .read import read_file
from .schedule import log_problems
from .source import Loaded, SourceMap


@dataclass(frozen=True)
class LoadedProfile:
    """A valid profile together with where it came from and any non-fatal notes."""

    profile: Profile
    source: SourceMap
    path: Path
    notes: list[Problem] = field(default_factory=list)


class InvalidProfile(ProfileError):
    """A profile with errors, and the valid rest of it (profile/partial.py) when something is
    left, so `check` can proofread the parts that parsed in the same run. ``restore`` turns
    a path of the rest back into the file's numbering."""

    def __init__(
        self,
        problems: list[Problem],
        partial: LoadedProfile | None = None,
        restore: Callable[[FieldPath], FieldPath] | None = None,
    ) -> None:
        super().__init__(problems)
        self.partial = partial
        self.restore: Callable[[FieldPath], FieldPath] = restore or (lambda path: path)


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "nothing"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str) and len(value) > 18 and value.lstrip("+-").isdigit():
        return f"a number of {len(value.lstrip('+-')):,} digits"
    return f"the text {shown(value)}"


def _message(err: ErrorDetails, *, json: bool = False) -> str:
    """The user's words for a pydantic error, in the syntax of the file (JSON or YAML)."""
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    if kind == "missing":
        return "is required; add it"
    if kind == "string_type":
        if json:
            return f'expected text, found {_kind(value)}; write it in quotes, e.g. "..."'
        return f"expected text, found {_kind(value)}; write a single value (quote it if needed)"
    if kind in ("list_type", "tuple_type"):
        if json:
            return f'expected a list, found {_kind(value)}; write it as ["a", "b"]'
        return (
            f"expected a list, found {_kind(value)}; write each entry on its own line "
            "starting with '- ', or as [a, b]"
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        if json:
            return f'expected an object of keys (such as {{"name": ...}}), found {_kind(value)}'
        return f"expected a mapping of keys (such as `name: ...`), found {_kind(value)}"
    if kind == "literal_error":
        return f"{shown(value)} is not allowed here; use one of {ctx.get('expected')}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, found {_kind(value)}"
    if kind == "int_parsing_size":
        return f"found {_kind(value)}, too large for any count; write a small whole number"
    if kind in (
        "int_type",
        "int_parsing",
        "float_type",
        "float_parsing",
        "int_from_float",
    ):
        return f"expected a number, found {_kind(value)}"
    if kind in ("too_short", "too_long"):
        expected = ctx.get("min_length", ctx.get("max_length"))
        return f"expected {expected} values, found {shown(value)}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, found {shown(value)}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}, found {shown(value)}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return err["msg"]


def _model_in(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model class an annotation holds, and whether it is a list of them."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (list, tuple):
        inner, _ = _model_in(args[0]) if args else (None, False)
        return inner, True
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        for arg in args:
            found = _model_in(arg)
            if found[0] is not None:
                return found
    return None, False


def _null(child: FieldPath, source: SourceMap, *, json: bool) -> Problem:
    """`null` for a known key. The JSON Resume schema types every field (text, list or
    object), so in a JSON file null is invalid and refused, as the schema's own test suite
    expects; in YAML an empty value (`summary:`) is what a half-filled profile looks like,
    read as absent with a warning."""
    if json:
        return source.problem(
            child, "null is not allowed here (JSON Resume gives this field a type); remove the key"
        )
    return source.problem(child, "is empty; left out", severity="warning", hint="remove the key")


def _check_keys(
    raw: Any,
    cls: type[BaseModel],
    path: FieldPath,
    source: SourceMap,
    out: list[Problem],
    *,
    json: bool = False,
) -> None:
    """Unknown keys: a near-miss of a known one is an error in YAML (jobpacket's own format,
    where it is a typo) and a warning in JSON (any key is valid JSON Resume); others are kept
    and noted. A known key holding null: see `_null`."""
    if not isinstance(raw, dict):
        return
    known = {(f.alias or name): f for name, f in cls.model_fields.items()}
    lower = {k.lower(): k for k in known}
    for key, value in raw.items():
        child = (*path, key)
        if key in known:
            if value is None:
                # An empty YAML `endDate:` means ongoing (README), not a value left out.
                ongoing = key == "endDate" and not json
                if known[key].default is None and not ongoing:  # else the model refuses it
                    out.append(_null(child, source, json=json))
                continue
            inner, is_list = _model_in(known[key].annotation)
            if inner is None:
                continue
            if is_list and isinstance(value, list):
                for i, item in enumerate(value):
                    _check_keys(item, inner, (*child, i), source, out, json=json)
            elif not is_list:
                _check_keys(value, inner, child, source, out, json=json)
            continue
        guess = lower.get(key.lower()) or next(
            iter(difflib.get_close_matches(key, list(known), n=1, cutoff=0.75)), None
        )
        # With the known key beside it, a look-alike is the author's own data, not a typo.
        if guess and guess not in raw:
            out.append(
                source.problem(
                    child,
                    f"unknown key {shown(key)}; did you mean {guess!r}?"
                    + (" (kept as extension data, not printed)" if json else ""),
                    key=True,
                    severity="warning" if json else "error",
                )
            )
        else:
            out.append(
                source.problem(
                    child,
                    "unknown key, kept as extension data (not used by jobpacket)",
                    key=True,
                    severity="info",
                )
            )


def _cross_checks(profile: Profile, source: SourceMap) -> list[Problem]:
    """Rules that involve more than one field."""
    out: list[Problem] = []
    for section in ("work", "volunteer", "education", "projects"):
        for i, item in enumerate(getattr(profile, section)):
            start, end = item.startDate, item.endDate
            if start and end and end != ONGOING and is_before(end, start):
                out.append(
                    source.problem(
                        (section, i, "endDate"),
                        f"ends ({end}) before it starts ({start}); printed as written",
                        severity="warning",
                        rule="dates",
                        hint="swap or correct the dates",
                    )
                )
    seen: dict[str, int] = {}
    for i, app in enumerate(profile.applications):
        if app.id in seen:
            out.append(
                source.problem(
                    ("applications", i, "id"),
                    f"id {app.id!r} is already used by applications[{seen[app.id]}]; "
                    "each application needs its own id",
                )
            )
        seen.setdefault(app.id, i)
        if app.applied and app.decided and is_before(app.decided, app.applied):
            out.append(
                source.problem(
                    ("applications", i, "decided"),
                    f"decided ({app.decided}) before it was applied for ({app.applied})",
                )
            )
        comp = app.compensation
        if comp and comp.target and comp.target[0] > comp.target[1]:
            out.append(
                source.problem(
                    ("applications", i, "compensation", "target"),
                    "write the range as [min, max]",
                )
            )
        out.extend(_unknown_documents(profile, source, i))
        if app.lang is not None and not _writes_letters_in(app.lang):
            out.append(_unknown_letter_language(source, i, app.lang))
    out.extend(log_problems(profile, source))
    return out


def _writes_letters_in(lang: str) -> bool:
    """Whether `lang` is a tag jobpacket writes letters in (a regional tag such as de-AT
    counts as its language)."""
    return bool(lang.strip()) and has_letters(lang)


def _unknown_letter_language(source: SourceMap, index: int, lang: str) -> Problem:
    """`applications[].lang` only says which language the letters are in, so unlike
    `meta.lang` (which also sets the résumé's and the site's words, and falls back to English
    letters with a note) a language without letter text is an error: the letters would come
    out in English under a declared other language."""
    choices = letter_languages()
    guess = next(iter(difflib.get_close_matches(lang.lower(), choices, n=1, cutoff=0.5)), None)
    close = f"did you mean {guess!r}? " if guess and guess != lang.lower() else ""
    return source.problem(
        ("applications", index, "lang"),
        f"jobpacket writes no letters in {shown(lang)}; {close}use one of "
        f"{', '.join(choices)} (a regional tag such as en-GB or de-AT also works), or remove "
        "it to write this application's letters in meta.lang",
    )


def _unknown_documents(profile: Profile, source: SourceMap, index: int) -> list[Problem]:
    """An application's `documents` entry that names no document of the profile."""
    out: list[Problem] = []
    names = [d.title for d in profile.documents if d.title]
    names += [d.path for d in profile.documents if d.path]
    for j, name in enumerate(profile.applications[index].documents):
        if profile.document_index(name) is not None:
            continue
        guess = next(iter(difflib.get_close_matches(name, names, n=1, cutoff=0.6)), None)
        hint = (
            f"did you mean {shown(guess)}?"
            if guess
            else "name a `documents[].title` or `path` of the profile"
            + (f" ({', '.join(repr(n) for n in names[:5])})" if names else "; it has none")
        )
        out.append(
            source.problem(
                ("applications", index, "documents", j), f"no document {shown(name)}; {hint}"
            )
        )
    return out


def validate(loaded: Loaded, path: Path) -> LoadedProfile:
    """Validate parsed data; raise ProfileError listing every error, in file order."""
    source = loaded.source
    findings: list[Problem] = list(loaded.problems)
    bounds = check_bounds(loaded.data, source)
    findings.extend(bounds)
    # A value outside the bounds is reported and goes no further: the checks across fields
    # (follow-up dates, document names) compute with the values, so they only see bounded ones.
    out_of_bounds = any(p.severity == "error" for p in bounds)
    fit_cache_to(loaded.data)
    foreign = compat.foreign_shape(loaded.data, source)
    if foreign is not None:
        raise ProfileError([foreign])
    data, renamed = compat.current_names(loaded.data, source)
    findings += renamed
    data, read = lenient.read_as_meant(data, source)
    findings += read
    _check_keys(data, Profile, (), source, findings, json=source.file.endswith(".json"))
    profile: Profile | None = None
    rest: Partial | None = None
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            message = _message(err, json=source.file.endswith(".json"))
            findings.append(source.problem(loc, message, key=err["type"] == "missing"))
    if profile is None and not out_of_bounds:
        # The valid rest, so the cross-field rules (and `check`'s proofreading) still run on
        # every part that parsed: one run shows every problem.
        rest = valid_rest(data, source, [p.path for p in findings if p.severity == "error"])
        if rest is not None:
            findings.extend(
                replace(p, path=rest.restore(p.path))
                for p in _cross_checks(rest.profile, rest.source)
            )
    if profile is not None and not out_of_bounds:
        findings.extend(_cross_checks(profile, source))
        lang = profile.meta.lang
        if lang and not translated(lang):
            findings.append(
                source.problem(
                    ("meta", "lang"),
                    f"jobpacket has no labels for {lang!r} yet; headings, letters and other "
                    "words it writes itself are in English, while month names and date formats "
                    f"follow {lang!r} (translated: {', '.join(available())}); add "
                    "hooks/jobpacket/i18n/labels/<code>.yml and labels/letters/<code>.yml to "
                    "translate them",
                    severity="info",
                )
            )
        elif lang and not has_letters(lang):
            findings.append(
                source.problem(
                    ("meta", "lang"),
                    f"jobpacket writes no letters in {lang!r} yet; letters it assembles are in "
                    f"English (letters in: {', '.join(letter_languages())}); add "
                    "hooks/jobpacket/i18n/labels/letters/<code>.yml to write them",
                    severity="info",
                )
            )
    errors = [p for p in findings if p.severity == "error"]
    if errors:
        if rest is None and profile is not None:  # valid, but with errors (a bound, a key)
            rest = valid_rest(data, source, [p.path for p in errors])
        partial = None
        if rest is not None:
            kept = [p for p in findings if p.severity != "error"]
            partial = LoadedProfile(rest.profile, rest.source, path, kept)
        raise InvalidProfile(
            sorted(set(errors), key=lambda p: (p.line, p.col, p.message)),
            partial,
            rest.restore if rest is not None else None,
        )
    notes = sorted(findings, key=lambda p: (p.line, p.col))
    assert profile is not None
    return LoadedProfile(profile, source, path, notes)


def load_profile(path: Path | str, display: str | None = None) -> LoadedProfile:
    """Read, parse and validate a profile file, with its private overlay (private.yml
    beside it) merged in; the one entry point for both adapters."""
    path = Path(path)
    loaded = read_file(path, display)
    private = overlay_path(path)
    if private is not None:
        over = read_file(private, overlay_display(display or str(path)))
        loaded = merge_overlay(loaded, over)
    return validate(loaded, path)
