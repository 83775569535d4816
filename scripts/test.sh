#!/usr/bin/env bash
# Sets up (idempotent), lints and runs the whole test suite: the one command CI runs too.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
