"""Profile text -> plain data tree plus the position of every key and value (source.py).

PyYAML's own constructors are not used: they silently keep the last of two duplicate keys,
expand aliases without bound, read ``no`` as False and ``2023-09-01`` as a date object. We
compose the node graph (which never executes anything) and build the tree ourselves with the
YAML 1.2 core scalar rules, so what the user typed is what the model sees.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import yaml

from ..errors import FieldPath, Problem, ProfileError, shown
from .source import Loaded, SourceMap

MAX_NODES = 100_000
MAX_DEPTH = 64

_CORE_TAGS = "tag:yaml.org,2002:"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(
    r"^[-+]?(?:(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)$"
)


class _CoreResolver(yaml.resolver.Resolver):
    """Resolve plain scalars by YAML 1.2 core rules only: no sexagesimals, no yes/no, no dates."""

    # A class-level table in PyYAML (add_implicit_resolver fills it per class); its stubs
    # declare it as an instance attribute, so ClassVar would not match them.
    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012


_CoreResolver.add_implicit_resolver(f"{_CORE_TAGS}merge", re.compile(r"^<<$"), ["<"])
_CoreResolver.add_implicit_resolver(f"{_CORE_TAGS}null", _NULL, [*"~nN", ""])
_CoreResolver.add_implicit_resolver(f"{_CORE_TAGS}bool", _BOOL, list("tTfF"))
_CoreResolver.add_implicit_resolver(f"{_CORE_TAGS}int", _INT, list("-+0123456789"))
_CoreResolver.add_implicit_resolver(f"{_CORE_TAGS}float", _FLOAT, list("-+.0123456789"))


class _PureComposer(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _CoreResolver,
):
    """PyYAML's Python composer: the reference, and the fallback without LibYAML."""

    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _CoreResolver.__init__(self)


Composer = Callable[[str], Any]
COMPOSERS: dict[str, Composer] = {"python": _PureComposer}
if getattr(yaml, "__with_libyaml__", False):
    # yaml.cyaml imports CParser from here too (its stubs do not re-export it).
    from yaml._yaml import CParser

    class _LibYAMLComposer(CParser, _CoreResolver):
        """LibYAML's C composer with our resolver: the same nodes, made in C (the Python
        composer is most of the time of loading a profile)."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            _CoreResolver.__init__(self)

    COMPOSERS["libyaml"] = _LibYAMLComposer
DEFAULT_COMPOSER = "libyaml" if "libyaml" in COMPOSERS else "python"


def _pos(mark: yaml.Mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _check_tabs(text: str, file: str) -> list[Problem]:
    problems = []
    for n, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            problems.append(
                Problem(
                    file,
                    n,
                    line.index("\t") + 1,
                    (),
                    "tab character used for indentation; YAML allows spaces only, "
                    "replace the tab with spaces",
                )
            )
    return problems


class _Builder:
    """Turns composed nodes into plain Python data, recording positions on the way."""

    def __init__(self, file: str) -> None:
        self.source = SourceMap(file)
        self.json = file.endswith(".json")
        self.problems: list[Problem] = []
        self.count = 0
        #: Collections already built: one met again is an alias (*name) of an anchor.
        self.seen: set[int] = set()
        self.aliased = False

    def fail(self, mark: yaml.Mark, path: FieldPath, message: str) -> None:
        line, col = _pos(mark)
        self.problems.append(Problem(self.source.file, line, col, path, message))

    def build(self, node: yaml.Node, path: FieldPath, stack: frozenset[int]) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(node, path, "values", self.aliased)
        self.source.values.setdefault(path, _pos(node.start_mark))
        if id(node) in stack:
            raise _TooBig(node, path, "cycle", True)
        if len(stack) >= MAX_DEPTH:
            raise _TooBig(node, path, "depth", self.aliased)
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            self.aliased = self.aliased or id(node) in self.seen
            self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, stack | {id(node)})
        if isinstance(node, yaml.SequenceNode):
            if not self._check_tag(node, path, "seq"):
                return None
            inner = stack | {id(node)}
            return [self.build(item, (*path, i), inner) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _check_tag(self, node: yaml.Node, path: FieldPath, expected: str) -> bool:
        if node.tag == f"{_CORE_TAGS}{expected}":
            return True
        shown = node.tag.replace(_CORE_TAGS, "!!")
        self.fail(
            node.start_mark,
            path,
            f"YAML tag {shown!r} is not allowed in a profile; remove it "
            "(profiles hold plain text, numbers, lists and mappings only)",
        )
        return False

    def _mapping(self, node: yaml.MappingNode, path: FieldPath, stack: frozenset[int]) -> Any:
        if not self._check_tag(node, path, "map"):
            return None
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == f"{_CORE_TAGS}merge":
                self.fail(
                    key_node.start_mark,
                    path,
                    "merge keys (<<) are not supported; write the fields out",
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node.start_mark, path, "a key must be plain text")
                continue
            key = key_node.value
            child = (*path, key)
            if key in out and self.json:
                # JSON parsers keep the last of two equal keys; so do we, but say so.
                first = self.source.keys[child]
                line, col = _pos(key_node.start_mark)
                self.problems.append(
                    Problem(
                        self.source.file,
                        line,
                        col,
                        child,
                        f"duplicate key {shown(key)} (lines {first[0]} and {line}); the value on "
                        f"line {line} is used, as JSON parsers do; remove the other one",
                        "warning",
                    )
                )
                for table in (self.source.keys, self.source.values):
                    for stale in [p for p in table if p[: len(child)] == child]:
                        del table[stale]
            elif key in out:
                first = self.source.keys[child]
                self.fail(
                    key_node.start_mark,
                    child,
                    f"duplicate key {shown(key)} (first defined at line {first[0]}); "
                    "keep one of them, YAML would silently drop the other",
                )
                continue
            self.source.keys[child] = _pos(key_node.start_mark)
            out[key] = self.build(value_node, child, stack)
        return out

    def _scalar(self, node: yaml.Node, path: FieldPath) -> Any:
        """A scalar's value by the core rules; any other node here has a tag we refuse."""
        tag, value = node.tag, node.value
        if tag == f"{_CORE_TAGS}str":
            return value
        if tag == f"{_CORE_TAGS}null":
            return None
        if tag == f"{_CORE_TAGS}bool":
            return value.lower() == "true"
        if tag == f"{_CORE_TAGS}int" and _INT.match(value):
            # A leading zero (a postal code, an ID) is text, not a number to be shortened; so
            # is a run of digits longer than any number a profile holds (a phone number
            # written without spaces), which Python would also refuse to convert past 4300.
            digits = value.lstrip("+-")
            if (digits.startswith("0") and len(value) > 1) or len(digits) > 18:
                return value
            return int(value)
        if tag == f"{_CORE_TAGS}float" and _FLOAT.match(value):
            return float(value)
        self._check_tag(node, path, "str")
        return None


class _TooBig(Exception):
    """The tree is over a cap: `why` is "values" (MAX_NODES), "depth" (MAX_DEPTH) or "cycle"
    (an alias inside its own anchor); `aliased` says whether aliases were used on the way."""

    def __init__(self, node: yaml.Node, path: FieldPath, why: str, aliased: bool) -> None:
        self.node, self.path, self.why, self.aliased = node, path, why, aliased

    def message(self, json_file: bool) -> str:
        if self.why == "cycle":
            return (
                "an alias (*name) refers to the anchor (&name) it sits in, so the data never "
                "ends; write the data out without that alias"
            )
        if self.aliased:
            what = (
                f"more than {MAX_NODES:,} values"
                if self.why == "values"
                else f"deeper than {MAX_DEPTH} levels"
            )
            return (
                f"anchors and aliases (&name, *name) expand the profile to {what}; "
                "write the data out without them"
            )
        if self.why == "depth":
            kind = "objects and arrays" if json_file else "mappings and lists"
            return (
                f"{kind} nest deeper than {MAX_DEPTH} levels; a profile needs a few, "
                "flatten the data"
            )
        return (
            f"the profile holds more than {MAX_NODES:,} values, more than jobpacket reads; "
            "remove entries or split long lists"
        )


def _reader_problem(exc: yaml.reader.ReaderError, text: str, file: str) -> Problem:
    """A control character (or another YAML refuses), located at its line and column."""
    before = text[: exc.position]
    line = before.count("\n") + 1
    col = exc.position - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else 0
    if file.endswith(".json"):
        hint = f"remove it, or inside a string write it as \\u{code:04x}"
    else:
        hint = f'remove it, or write it as \\x{code:02x} inside double quotes ("...")'
    return Problem(file, line, col, (), f"control character U+{code:04X} is not allowed; {hint}")


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    what = exc.problem or "invalid YAML"
    if exc.context and exc.context_mark:
        if "end of stream" in what:
            # An unclosed quote or bracket: where it opened is what the user must fix.
            mark = exc.context_mark
        started = exc.context_mark.line + 1
        what = f"{what} ({exc.context} that starts on line {started})"
    line, col = _pos(mark) if mark else (1, 1)
    if file.endswith(".json"):
        # The JSON parser accepted the text (see `_json_as_yaml`): what YAML refuses inside
        # it is a string escape, said in JSON's terms.
        return Problem(
            file,
            line,
            col,
            (),
            f"cannot read this JSON string: {what}; write the character itself, or a "
            "\\uXXXX escape of a whole character (both halves of a surrogate pair)",
        )
    hint = "check indentation and quoting on this line or the one before"
    if exc.context and "quoted scalar" in exc.context:
        hint = "close the quote, or quote the whole value with the other kind of quote"
    elif "found undefined alias" in what:
        hint = "define the anchor (&name) before using *name"
    elif "mapping values are not allowed" in what:
        hint = "a value containing ': ' must be quoted"
    elif "could not find expected ':'" in what:
        hint = "a key needs ': ' after it, or a multi-line value needs quoting"
    return Problem(file, line, col, (), f"YAML syntax error: {what}; {hint}")


_SURROGATE_PAIR = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.I
)


def _json_as_yaml(text: str, file: str) -> str:
    """JSON text checked by the JSON parser, ready for the YAML composer that locates it.

    Syntax errors are reported in JSON's terms (a .json file is not YAML to its author), and
    escaped surrogate pairs (an emoji written as two \\u escapes), which YAML refuses, are
    written out as the character they stand for.
    """
    try:
        # Numbers stay text: only the syntax is checked here, and Python refuses to convert
        # an integer of more than 4,300 digits (the loader keeps those as text anyway).
        json.loads(text, parse_int=str, parse_float=str)
    except json.JSONDecodeError as exc:
        if exc.msg.startswith("Invalid control character"):
            code = ord(exc.doc[exc.pos]) if exc.pos < len(exc.doc) else 0
            message = (
                f"control character U+{code:04X} inside a string; remove it, or write it as "
                f"\\u{code:04x}"
            )
        else:
            message = (
                f"JSON syntax error: {exc.msg}; check commas, quotes and brackets "
                "on this line or the one before"
            )
        raise ProfileError([Problem(file, exc.lineno, exc.colno, (), message)]) from None
    except RecursionError:
        return text  # the composer reports the nesting with its own limit

    def pair(match: re.Match[str]) -> str:
        high, low = int(match.group(2), 16), int(match.group(3), 16)
        return match.group(1) + chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))

    return _SURROGATE_PAIR.sub(pair, text)


def parse_text(text: str, file: str, *, composer: str | None = None) -> Loaded:
    """Parse profile text (YAML or JSON) into data + positions, or raise ProfileError."""
    if file.endswith(".json"):
        # Outside strings a JSON tab is plain whitespace; inside them it must be escaped.
        # Swapping it for a space keeps every column and lets the YAML parser read it.
        text = _json_as_yaml(text.replace("\t", " "), file)
    problems = _check_tabs(text, file)
    if problems:
        raise ProfileError(problems)
    try:
        root = COMPOSERS[composer or DEFAULT_COMPOSER](text).get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise ProfileError([_syntax_problem(exc, file)]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow in a file
        raise ProfileError([_reader_problem(exc, text, file)]) from None
    except yaml.YAMLError as exc:
        raise ProfileError([Problem(file, 1, 1, (), f"cannot read the file: {exc}")]) from None
    if root is None:
        raise ProfileError(
            [Problem(file, 1, 1, (), "the profile is empty; start from `jobpacket new`")]
        )
    builder = _Builder(file)
    try:
        data = builder.build(root, (), frozenset())
    except _TooBig as big:
        # Point at the top-level key whose value blew up: that is where the user can act.
        line, col = builder.source.keys.get(big.path[:1], _pos(big.node.start_mark))
        raise ProfileError(
            [
                Problem(
                    file,
                    line,
                    col,
                    big.path[:1],
                    big.message(file.endswith(".json")),
                )
            ]
        ) from None
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise ProfileError(
            [
                Problem(
                    file,
                    1,
                    1,
                    (),
                    f"the top level is {kind}; a profile is a mapping that starts with "
                    "keys such as `basics:` and `work:`",
                )
            ]
        )
    builder.source.text = text
    return Loaded(data, builder.source, builder.problems)
