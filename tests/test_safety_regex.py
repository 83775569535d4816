"""Every regular expression in jobpacket runs in linear time on hostile text (issue 17, item 6).

`\\S+@\\S+` took 86 s on one 200,000-character token: a repeat that can start at every
character of a long run and scan to its end is quadratic. Rather than trust a review, this
test finds every pattern of the package (compiled at module level, or written inline as
``re.sub(r"...", ...)``), feeds each one text built from its own characters, repeated, and
fails on any whose time grows faster than the text: four times the text taking more than
eight times as long, and long enough to matter. Growth, not a time limit, so the verdict does
not depend on how fast or busy the machine is. Patterns used only anchored at one position
(``.match``) are timed that way, and the test checks the source uses them so.
"""

from __future__ import annotations

import ast
import importlib
import itertools
import pkgutil
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import jobpacket

PACKAGE = Path(jobpacket.__file__).parent
#: Length of each hostile text, and the factor it is grown by. A linear pattern takes about
#: FACTOR times as long on the longer text, a quadratic one FACTOR squared.
N = 4000
FACTOR = 4
#: A text that takes less than this at length N is not timed again at FACTOR * N (a quadratic
#: pattern takes several milliseconds at N; a linear one a fraction of one).
PROBE_S = 0.002
#: Quadratic: the longer text took more than this many times as long, and at least FLOOR_S.
GROWTH = 8.0
FLOOR_S = 0.02
#: Patterns only ever used with `.match` at a given position: one attempt per call, however
#: long the text; timed with `.match` (and checked to be used only so, below).
ANCHORED = {
    "jobpacket.markup._CONTAINER",
    "jobpacket.profile.values._EMAIL",
    "jobpacket.profile.bounds._PERIOD",
}
_FLAGS = {"IGNORECASE": re.I, "I": re.I, "MULTILINE": re.M, "M": re.M, "VERBOSE": re.X, "X": re.X}


def _modules() -> Iterator[str]:
    yield "jobpacket"
    for info in pkgutil.walk_packages([str(PACKAGE)], "jobpacket."):
        yield info.name


def _inline(path: Path) -> Iterator[tuple[str, re.Pattern[str]]]:
    """`re.fn(r"literal", ...)` calls in a module's source, compiled with their flags
    (`re.compile` is left out: what it makes is found among the module's names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.func.attr != "compile"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            continue
        flags = 0
        for sub in ast.walk(node):
            if isinstance(sub, ast.Attribute) and sub.attr in _FLAGS and sub is not node.func:
                flags |= _FLAGS[sub.attr]
        yield f"{path.name}:{node.lineno}", re.compile(node.args[0].value, flags)


def patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: dict[str, re.Pattern[str]] = {}
    for name in _modules():
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[f"{name}.{attr}"] = value
        source = getattr(module, "__file__", None)
        if source and source.endswith(".py"):
            for where, pattern in _inline(Path(source)):
                found[f"{name} ({where})"] = pattern
    return sorted(found.items())


#: Shapes a pattern's own characters do not make: an address that never ends, link and
#: definition openers, a long indent.
SHAPES = (
    lambda n: "a@" + "a." * (n // 2) + "@",
    lambda n: "a@" + "a." * (n // 2) + " ",
    lambda n: "[a\n" * (n // 3),
    lambda n: "](" * (n // 2),
    lambda n: "\n" + " " * n + "x",
)


def hostile(pattern: re.Pattern[str], n: int = N) -> Iterator[str]:
    """Texts of about `n` characters: each of the pattern's own characters repeated, two of
    them alternating, and the `SHAPES`."""
    own = {c for c in pattern.pattern if c.isprintable() and not c.isspace()}
    chars = sorted(own | set("aA1 \n@.-_"))
    marks = [c for c in chars if not c.isalnum()] + ["a", "1"]
    for c in chars:
        yield c * n
    for a, b in itertools.permutations(marks, 2):
        yield (a + b) * (n // 2)
    for shape in SHAPES:
        yield shape(n)


def _best(run: Callable[[str], object], text: str) -> float:
    """The best of three tries: a busy machine slows a try, never speeds one up."""
    took = []
    for _ in range(3):
        started = time.perf_counter()
        run(text)
        took.append(time.perf_counter() - started)
    return min(took)


def worst_growth(
    run: Callable[[str], object], pattern: re.Pattern[str]
) -> tuple[float, float, str]:
    """(growth, time at FACTOR * N, the text's start) of the hostile text whose time grows
    fastest, stopping at the first one that grows quadratically."""
    worst = (0.0, 0.0, "")
    for short, long in zip(hostile(pattern, N), hostile(pattern, N * FACTOR), strict=True):
        first = _best(run, short)
        if first < PROBE_S:
            continue
        second = _best(run, long)
        growth = second / first
        if growth > worst[0]:
            worst = (growth, second, short[:12])
        if growth > GROWTH and second > FLOOR_S:
            break
    return worst


def quadratic(growth: float, took: float) -> bool:
    return growth > GROWTH and took > FLOOR_S


def runner(name: str, pattern: re.Pattern[str]) -> Callable[[str], object]:
    if name in ANCHORED:
        return pattern.match
    return lambda text: sum(1 for _ in pattern.finditer(text))


ALL = patterns()


def test_the_audit_finds_the_package_patterns() -> None:
    names = [n for n, _ in ALL]
    assert len(ALL) > 40
    assert "jobpacket.checks.text._NOT_WORDS" in names
    assert any(n.startswith("jobpacket.checks.consistency (") for n in names) or any(
        n.startswith("jobpacket.checks.consistency.") for n in names
    )


@pytest.mark.parametrize(
    "source", [r"\S+@\S+", r"^[^@\s]+@[^@\s]+\.[^@\s]+$", r"!{2,}|[!?]*\?![!?]*", r"<[^>]*>"]
)
def test_the_audit_catches_quadratic_patterns(source: str) -> None:
    """The patterns issue 17 found: the audit must fail them, or it proves nothing."""
    pattern = re.compile(source)
    run = pattern.match if source.startswith("^") else runner(source, pattern)
    growth, took, text = worst_growth(run, pattern)
    assert quadratic(growth, took), (source, growth, took, text)


@pytest.mark.parametrize(("name", "pattern"), ALL, ids=[n for n, _ in ALL])
def test_every_pattern_runs_in_linear_time(name: str, pattern: re.Pattern[str]) -> None:
    growth, took, text = worst_growth(runner(name, pattern), pattern)
    assert not quadratic(growth, took), (
        f"{name}: {FACTOR} times the text {text!r}... took {growth:.1f} times as long "
        f"({took:.3f} s at {N * FACTOR} characters)"
    )


def test_anchored_patterns_are_only_used_anchored() -> None:
    for name in ANCHORED:
        module, _, attr = name.rpartition(".")
        source = Path(importlib.import_module(module).__file__ or "").read_text(encoding="utf-8")
        uses = re.findall(rf"\b{re.escape(attr)}\.(\w+)\(", source)
        assert uses and set(uses) <= {"match", "fullmatch"}, (name, uses)
