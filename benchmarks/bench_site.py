"""Time `mkdocs build` of the example against the floor: the same site without the hooks.

The floor is a plain Material build of exactly the Markdown the hooks generate (written to a
temporary docs folder, with the same theme, plugins, nav, stylesheet and résumé PDF), so the
ratio is what the hooks cost: loading and validating the profile, rendering the pages, the
(cached) PDF lookup and the head tags. Whole-process times, median of several runs; the
target is a ratio of at most 1.15. Not a timed test: run it by hand on a quiet machine.

The hooks also switch on Jinja's bytecode cache for the theme's templates, which a plain
build does not have. So a third figure, the floor with only that cache switched on, shows the
hooks' own cost without the gain from the cache.

With ``--before DIR`` (a checkout of an earlier commit, e.g. made with ``git worktree add``),
that checkout's own `mkdocs build` is timed in the same interleaved runs, so a change is
measured before and after on the same machine load.

    .venv/bin/python benchmarks/bench_site.py [--runs N] [--before DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proctree import Cost, load_average, measure

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


Command = tuple[list[str], Path, dict[str, str]]


def interleaved_medians(
    commands: dict[str, Command], runs: int
) -> dict[str, tuple[float, list[float], float, float]]:
    """Median wall time of each command, runs interleaved so machine load hits all alike, its
    median CPU time and its median peak memory, both over its whole process tree (proctree.py:
    render workers and orphaned helpers included; memory as summed PSS). CPU time is what
    other programs on a shared machine disturb far less than the wall time."""
    costs: dict[str, list[Cost]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (cmd, cwd, env) in commands.items():
            costs[name].append(measure(cmd, env, cwd))
    med = statistics.median
    return {
        name: (
            med(c.wall for c in rows),
            [c.wall for c in rows],
            med(c.cpu for c in rows),
            med(c.pss_mb for c in rows),
        )
        for name, rows in costs.items()
    }


def write_floor_site(target: Path, built: Path) -> None:
    """The hook-free twin of the example site: generated Markdown as plain files."""
    from mkdocs.config import load_config

    from jobpacket.site import mkdocs as adapter

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(built))
    config = config.plugins.on_config(config)
    from mkdocs.structure.files import get_files

    files = config.plugins.on_files(get_files(config), config=config)
    docs = target / "docs"
    for f in files:
        if f.generated_by and f.src_uri.endswith((".md", ".css", ".js")):
            out = docs / f.src_uri
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(f.content_bytes)
    for name, data in adapter._state.build.documents.items():  # type: ignore[union-attr]
        (docs / name).write_bytes(data)
    # on_config took the project's build lock; without this the timed builds of the same
    # folder would wait for this process forever
    adapter._release()

    raw = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    raw.pop("hooks", None)
    raw.pop("watch", None)
    raw["docs_dir"] = "docs"
    raw["nav"] = config.nav
    raw["extra_css"] = list(config.extra_css)
    raw["extra"] = {"polyfills": list(config.extra["polyfills"])}
    (target / "mkdocs.yml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    raw["hooks"] = ["cache_hook.py"]
    (target / "cached.yml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    (target / "cache_hook.py").write_text(CACHE_HOOK, encoding="utf-8")


def _edited_copy(tree: Path, target: Path) -> Path:
    """The example site of `tree` in a folder of its own, whose profile the runs may edit;
    its hooks are `tree`'s (hooks/site.py imports jobpacket from PYTHONPATH or `tree`)."""
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "content", "profiles"):
        source = tree / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    shutil.copytree(tree / "hooks", target / "hooks")
    return target


def _edit_first(cmd: list[str]) -> list[str]:
    """`cmd` (python -m mkdocs ...) preceded, in the same process, by a comment appended to
    the profile: the edit a person saves before rebuilding."""
    edit = (
        "import pathlib, runpy, sys, time; p = pathlib.Path('profiles/example.yml'); "
        "p.write_text(p.read_text() + f'# {time.time_ns()}\\n'); "
        f"sys.argv = ['mkdocs', *{cmd[3:]!r}]; runpy.run_module('mkdocs', run_name='__main__')"
    )
    return [sys.executable, "-c", edit]


CACHE_HOOK = """import jinja2


def on_env(env, config, files):
    env.bytecode_cache = jinja2.FileSystemBytecodeCache()
    return env
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--before", type=Path, help="an earlier checkout to time alongside")
    parser.add_argument(
        "--changed",
        action="store_true",
        help="each hooks build follows an edit of the profile (a comment: nothing printed "
        "changes), so an unchanged build's replay never applies",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jobpacket-bench-") as tmp:
        tmp_path = Path(tmp)
        floor_dir = tmp_path / "floor"
        write_floor_site(floor_dir, tmp_path / "scratch")
        site_dir = str(tmp_path / "site")
        hooks_cmd = [*MKDOCS, "build", "-q", "-d", site_dir]
        floor_cmd = [*MKDOCS, "build", "-q", "-d", str(tmp_path / "floor-site")]
        cached_cmd = [*floor_cmd, "-f", "cached.yml"]
        hooks_dir = _edited_copy(ROOT, tmp_path / "edited") if args.changed else ROOT
        commands: dict[str, Command] = {
            "floor": (floor_cmd, floor_dir, ENV),
            "hooks": (_edit_first(hooks_cmd) if args.changed else hooks_cmd, hooks_dir, ENV),
            "cached": (cached_cmd, floor_dir, ENV),
        }
        if args.before:
            before = args.before.resolve()
            before_env = {**ENV, "PYTHONPATH": str(before / "hooks")}
            before_cmd = [*MKDOCS, "build", "-q", "-d", str(tmp_path / "before-site")]
            if args.changed:
                before_cmd = _edit_first(before_cmd)
                before = _edited_copy(before, tmp_path / "edited-before")
            commands["before"] = (before_cmd, before, before_env)
        for cmd, cwd, env in commands.values():  # warm up: PDF cache, .pyc and template caches
            subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, env=env)
        results = interleaved_medians(commands, args.runs)
        shutil.rmtree(tmp_path / "scratch", ignore_errors=True)
    fmt = ", ".join
    labels = {
        "floor": "plain Material build (floor)",
        "hooks": "mkdocs build with the hooks",
        "cached": "floor + theme template cache",
        "before": f"before ({args.before})",
    }
    print(load_average())
    for name, (median, runs, cpu, pss) in results.items():
        print(
            f"{labels[name] + ':':30} {median:.3f} s median of {args.runs} (CPU {cpu:.3f} s, "
            f"{pss:.0f} MB summed PSS)"
        )
        print(f"  runs: {fmt(f'{t:.3f}' for t in runs)}")
    floor, hooks, cached = (results[n] for n in ("floor", "hooks", "cached"))
    print(f"ratio hooks / floor:          {hooks[0] / floor[0]:.2f} (target: at most 1.15)")
    print(
        f"ratio hooks / cached floor:   {hooks[0] / cached[0]:.2f} (the hooks' own cost; "
        f"CPU time {hooks[2] / cached[2]:.2f})"
    )
    if "before" in results:
        base = results["before"]
        print(
            f"ratio before / cached floor:  {base[0] / cached[0]:.2f} "
            f"(CPU time {base[2] / cached[2]:.2f})"
        )


if __name__ == "__main__":
    main()
