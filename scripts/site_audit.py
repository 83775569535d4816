"""Audit a built portfolio site: axe-core counts per page and screenshots.

    python scripts/site_audit.py SITE_DIR [--shots DIR] [--prefix before-]

Serves SITE_DIR on 127.0.0.1, opens every page of the navigation (and 404.html) in Debian's
Chromium at 1280 and 375 px, light and dark, runs axe-core (bundled by
axe-playwright-python; nothing is downloaded) and prints, per page, the number of violating
nodes by impact. With ``--shots`` it also saves small PNGs of the home page (light, dark) and
the first project page, for the README. A measuring tool for people; the tests assert.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from collections import Counter
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site_dir: Path) -> str:
    handler = functools.partial(_Quiet, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--shots", type=Path)
    parser.add_argument("--prefix", default="")
    parser.add_argument("--no-axe", action="store_true", help="screenshots only")
    args = parser.parse_args()
    base = serve(args.site_dir)
    axe = Axe()
    totals: Counter[str] = Counter()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for scheme in ("light", "dark") if not args.no_axe else ():
            for width in (1280, 375):
                context = browser.new_context(
                    viewport={"width": width, "height": 900}, color_scheme=scheme
                )
                page = context.new_page()
                page.goto(base, wait_until="networkidle")
                urls = page.eval_on_selector_all(
                    ".md-nav--primary a.md-nav__link[href]",
                    "els => [...new Set(els.filter(e => !e.closest('.md-nav--secondary'))"
                    ".map(e => e.href.split('#')[0]))]",
                )
                for url in [*urls, base + "404.html"]:
                    page.goto(url, wait_until="networkidle")
                    result = axe.run(page).response
                    counts: Counter[str] = Counter()
                    rules: list[str] = []
                    for v in result["violations"]:
                        counts[v["impact"]] += len(v["nodes"])
                        rules.append(f"{v['id']}({v['impact']}):{len(v['nodes'])}")
                    totals.update(counts)
                    name = url.removeprefix(base) or "index.html"
                    serious = counts["serious"] + counts["critical"]
                    print(f"{scheme:5} {width:4} {name:45} serious+critical={serious:3} {rules}")
                context.close()
        if args.shots:
            args.shots.mkdir(parents=True, exist_ok=True)
            shots = [("home-light", "light", ""), ("home-dark", "dark", "")]
            for name, scheme, path in shots:
                context = browser.new_context(
                    viewport={"width": 1280, "height": 800}, color_scheme=scheme
                )
                page = context.new_page()
                page.goto(base + path, wait_until="networkidle")
                page.screenshot(path=str(args.shots / f"{args.prefix}{name}.png"))
                if name == "home-light":
                    project = page.eval_on_selector_all(
                        "a[href*='projects/']",
                        "els => els.map(e => e.href.split('#')[0])"
                        ".filter(h => !/projects\\/(index\\.html)?$/.test(h))",
                    )
                    target = project[0]  # the first project page, not the index
                    page.goto(target, wait_until="networkidle")
                    page.screenshot(path=str(args.shots / f"{args.prefix}project-light.png"))
                context.close()
        browser.close()
    print("total nodes by impact:", dict(totals))


if __name__ == "__main__":
    main()
