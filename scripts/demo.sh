#!/usr/bin/env bash
# Sets up (idempotent) and runs the main job on the example profile: check it, then build
# the portfolio site (site/) and the private application documents (build/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/jobpacket check
.venv/bin/mkdocs build --strict
echo
echo "Portfolio site:     site/index.html   (preview: .venv/bin/mkdocs serve)"
[ -d build ] && echo "Private documents:  build/  ($(find build -name '*.pdf' | wc -l) PDFs, never deployed)"
exit 0
