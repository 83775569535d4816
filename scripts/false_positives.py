"""How far the proofreading rules can be trusted: every rule on realistic profiles, per rule.

    PYTHONPATH=hooks python scripts/false_positives.py [--list] [--today YYYY-MM-DD]

The corpus is the realistic fixtures: tests/fixtures/realworld/ (real résumé.json shapes in
seven languages), tests/fixtures/jsonresume/ (JSON Resume's own sample and two typical
profiles), tests/fixtures/proofreading/ (shapes collected for the rules: a teacher turned
developer full of acronyms, a French profile without `meta.lang`) and profiles/example.yml;
and each realworld file again without `meta.lang`, as JSON Resume files usually come (the
spelling language is then detected from the text).

Every finding (error or warning; infos are counted apart) was read by a person and judged
real or false; the judgements are REAL below, keyed by (file, rule, message). A finding not
listed there counts as a false positive, so a new finding shows up in the figures until
someone reads it and either fixes the rule or adds it to REAL. `--list` prints each finding
with its verdict. The README's proofreading section quotes the table this prints.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from jobpacket.checks import RULES, run_checks  # noqa: E402
from jobpacket.errors import ProfileError  # noqa: E402
from jobpacket.profile.validate import load_profile  # noqa: E402

#: Findings read and judged real: (file, rule, message).
REAL: frozenset[tuple[str, str, str]] = frozenset(
    {
        # JSON Resume's sample is written as a joke: http links, "Awesome", "THAT ... NOT".
        ("sample.resume.json", "contact", "'http://richardhendricks.example.com' uses http://, "
         "which browsers mark as not secure"),
        ("sample.resume.json", "contact", "'http://piedpiper.example.com' uses http://, which "
         "browsers mark as not secure"),
        ("sample.resume.json", "contact", "'http://coderdojo.example.com/' uses http://, which "
         "browsers mark as not secure"),
        ("sample.resume.json", "contact", "'http://en.wikipedia.org/wiki/Silicon_Valley_(TV_"
         "series)' uses http://, which browsers mark as not secure"),
        ("sample.resume.json", "contact", "'http://missdirection.example.com' uses http://, "
         "which browsers mark as not secure"),
        ("sample.resume.json", "tone", "'Awesome' is casual"),
        ("sample.resume.json", "tone", "'THAT' in capitals reads as shouting"),
        ("sample.resume.json", "tone", "'NOT' in capitals reads as shouting"),
        # Emoji in a recommendation quoted on a Brazilian résumé.
        ("portuguese-emoji.resume.json", "tone", "emoji '📊'"),
        ("portuguese-emoji.resume.json", "tone", "emoji '🚀'"),
        # A photo given as a web address is left out of the PDF (jobpacket never downloads).
        ("legacy-keys.resume.json", "files", "'https://gravatar.example.com/avatar/5f1c.jpg' "
         "is a web address and jobpacket never downloads files: it is left out"),
    }
)  # fmt: skip

TODAY = date(2026, 12, 6)


def corpus(scratch: Path) -> list[tuple[str, Path]]:
    """(name, path) of every profile measured."""
    fixtures = ROOT / "tests" / "fixtures"
    found = [(p.name, p) for p in sorted((fixtures / "realworld").glob("*.json"))]
    found += [(p.name, p) for p in sorted((fixtures / "jsonresume").glob("*.resume.json"))]
    found += [(p.name, p) for p in sorted((fixtures / "proofreading").glob("*.json"))]
    found.append(("example.yml", ROOT / "profiles" / "example.yml"))
    for p in sorted((fixtures / "realworld").glob("*.json")):
        data = json.loads(p.read_text(encoding="utf-8"))
        meta = data.get("meta")
        if isinstance(meta, dict) and meta.pop("lang", None) is not None:
            copy = scratch / p.name
            copy.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
            found.append((f"{p.name} (no meta.lang)", copy))
    return found


def _key(name: str, rule: str, message: str) -> tuple[str, str, str]:
    base = name.removesuffix(" (no meta.lang)")
    for real in REAL:
        if real[0] == base and real[1] == rule and message.startswith(real[2]):
            return real
    return (base, rule, message)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every finding and verdict")
    parser.add_argument("--today", type=date.fromisoformat, default=TODAY)
    args = parser.parse_args()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    files: dict[str, set[str]] = defaultdict(set)
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in corpus(Path(tmp)):
            try:
                loaded = load_profile(path, name)
            except ProfileError as exc:
                print(f"{name}: does not load ({len(exc.problems)} problems)", file=sys.stderr)
                continue
            for p in [*loaded.notes, *run_checks(loaded, today=args.today)]:
                if p.rule not in RULES:
                    continue  # validation notes (schema, required) are not proofreading
                if p.rule == "private":
                    continue  # where a file is kept (git's index), not what it says: these
                    # fixtures are tracked by jobpacket's own repository
                if p.severity == "info":
                    counts[p.rule]["infos"] += 1
                    continue
                real = _key(name, p.rule, p.message) in REAL
                counts[p.rule]["real" if real else "false"] += 1
                files[p.rule].add(name)
                if args.list:
                    verdict = "real " if real else "FALSE"
                    print(f"{verdict} {name}: {p.rule}: {p.message}")
    print(f"{'rule':<13} {'findings':>8} {'real':>5} {'false':>5} {'rate':>6} {'infos':>5}")
    for rule in RULES:
        c = counts[rule]
        total = c["real"] + c["false"]
        rate = f"{c['false'] / total:.0%}" if total else "-"
        print(f"{rule:<13} {total:>8} {c['real']:>5} {c['false']:>5} {rate:>6} {c['infos']:>5}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
