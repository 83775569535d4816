"""The package's shape, read from its own imports: no import circles, no import that runs up
against the layer order below, and no module too long to hold in one's head.

The imports are read with `ast`, every one of them (module level, inside a function, under
TYPE_CHECKING): each names a dependency a reader has to follow, whether or not it runs at
import time.
"""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "hooks" / "jobpacket"

#: The floors of the house, lowest first. A module belongs to the entry with the longest
#: prefix of its dotted name (without ``jobpacket.``); it may import its own floor and the
#: floors below, never one above. Foundations sit below every stage that uses them; the
#: stages follow the data (profile -> views -> printed documents -> proofreading -> site);
#: the adapters, which touch the outside world, stand on top.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "foundations",
        (
            "",  # the package's own __init__ (its version)
            "errors",
            "fsutil",
            "confined",
            "swap",
            "urls",
            "markup",
            "settings",
            "dates",
            "caches",
            "digests",
            "templating",
            "supervisor",
            "collecting",
            "i18n",
        ),
    ),
    ("profile", ("profile",)),
    ("views", ("views",)),
    ("documents and follow-ups", ("print", "followups", "followups_ics")),
    ("checks", ("checks",)),
    ("site", ("site",)),
    ("overviews", ("readiness", "applications", "cohort", "scaffold")),
    # scaffold/site.py is the hook file a new project gets: one import of the MkDocs adapter.
    ("adapters", ("cli", "site.mkdocs", "mkdocs", "scaffold.site", "launch")),
)

#: The most lines a module should have: past a few hundred it is usually two ideas.
MAX_LINES = 450
#: Modules still over MAX_LINES while they are being split. Shrinks: an entry that is gone
#: or short enough fails the test until it is taken off.
LONG_MODULES: set[str] = set()
#: Circles allowed while they are being broken: none now. An entry here must vanish, not grow.
KNOWN_CIRCLES: tuple[frozenset[str], ...] = ()


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(modules: dict[str, Path]) -> dict[str, dict[str, int]]:
    """For each module, the package's modules it imports, with the line of the first import."""

    def owner(name: str) -> str | None:
        while name not in modules:
            if not name:
                return None
            name = name.rpartition(".")[0]
        return name

    graph: dict[str, dict[str, int]] = {}
    for name, path in modules.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        package = [p for p in package if p]
        targets: dict[str, int] = {}
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            wanted: list[str] = []
            if isinstance(node, ast.Import):
                wanted = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - node.level + 1]
                    parts = ["jobpacket", *base, *([node.module] if node.module else [])]
                    module = ".".join(parts)
                else:
                    module = node.module or ""
                # `from . import x` names a module when x is one, else a name in the package
                wanted = [f"{module}.{a.name}" for a in node.names]
            for full in wanted:
                if full != "jobpacket" and not full.startswith("jobpacket."):
                    continue
                target = owner(full.removeprefix("jobpacket").lstrip("."))
                if target is not None and target != name:
                    targets.setdefault(target, node.lineno)
        graph[name] = targets
    return graph


def _layer(module: str) -> int:
    best, floor = -1, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            matches = module == prefix or module.startswith(prefix + ".")
            if matches and len(prefix) > best:
                best, floor = len(prefix), index
    return floor


def _circles(graph: dict[str, dict[str, int]]) -> list[frozenset[str]]:
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(graph[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


def test_every_module_has_a_floor() -> None:
    unplaced = [m for m in _modules() if _layer(m) < 0]
    assert not unplaced, f"add these modules to LAYERS in {__file__}: {unplaced}"


def test_no_import_circles() -> None:
    graph = _imports(_modules())
    circles = [c for c in _circles(graph) if c not in KNOWN_CIRCLES]
    described = [
        "; ".join(f"{a} -> {b} (line {graph[a][b]})" for a in sorted(c) for b in graph[a] if b in c)
        for c in circles
    ]
    assert not circles, "import circles: move what both sides need below them:\n" + "\n".join(
        described
    )
    gone = [sorted(c) for c in KNOWN_CIRCLES if c not in _circles(graph)]
    assert not gone, f"take these off KNOWN_CIRCLES, they are broken now: {gone}"


def test_no_import_runs_up_the_layers() -> None:
    names = [name for name, _ in LAYERS]
    upward = [
        f"{module} ({names[_layer(module)]}) imports {target} ({names[_layer(target)]}) "
        f"at line {line}"
        for module, targets in _imports(_modules()).items()
        for target, line in targets.items()
        if _layer(target) > _layer(module)
    ]
    assert not upward, "imports against the layer order:\n" + "\n".join(upward)


def test_no_module_is_too_long() -> None:
    lengths = {
        path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in _modules().values()
    }
    long = {name: n for name, n in lengths.items() if n > MAX_LINES and name not in LONG_MODULES}
    assert not long, f"modules over {MAX_LINES} lines: split each by idea: {long}"
    stale = sorted(n for n in LONG_MODULES if lengths.get(n, 0) <= MAX_LINES)
    assert not stale, f"take these off LONG_MODULES, they are split now: {stale}"


def test_the_checks_see_a_circle_and_an_upward_import() -> None:
    """The readers above find what they are meant to find, on a made-up graph."""
    graph = {"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}}
    assert _circles(graph) == [frozenset({"a", "b", "c"})]
    assert _layer("profile.model") < _layer("print.documents") < _layer("cli.printing")
    assert _layer("site.pages") < _layer("site.mkdocs")
    assert _layer("errors") == 0
