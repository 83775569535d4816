#!/usr/bin/env bash
# Sets up (idempotent), lints, type-checks and runs the whole test suite: the one command CI
# runs too, against the locked versions (requirements/lock.txt).
#
#   bash scripts/test.sh [PYTEST ARGS]            the locked set, in .venv (CI)
#   bash scripts/test.sh --latest [PYTEST ARGS]   the newest versions pyproject.toml allows, in
#                                                 .venv-latest: shows an upstream release that
#                                                 breaks jobpacket before users meet it. Not
#                                                 part of CI's pass/fail.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--latest" ]; then
  shift
  export JOBPACKET_VENV=.venv-latest
  bash scripts/setup.sh --latest
  UV_PYTHON=.venv-latest/bin/python .venv-latest/bin/uv pip freeze 2>/dev/null | sed 's/^/latest: /' | grep -iE \
    'markdown|mkdocs|weasyprint|pydantic|pyyaml|pypdf|babel|nh3|jinja2' || true
else
  export JOBPACKET_VENV=.venv
  bash scripts/setup.sh
fi
V="$JOBPACKET_VENV/bin"
"$V/ruff" check .
"$V/mypy"
"$V/python" -m pytest "$@"
