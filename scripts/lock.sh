#!/usr/bin/env bash
# Refreshes the lock: resolves the newest versions pyproject.toml allows (and the build backend)
# and pins each one with its hashes. Run it, then `bash scripts/test.sh`, and commit both files
# only when the suite passes: the lock is the set of versions the tests passed with.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v uv >/dev/null || { echo "lock: needs uv (pip install -r requirements/uv.txt --require-hashes)" >&2; exit 1; }
export UV_CUSTOM_COMPILE_COMMAND="bash scripts/lock.sh"
uv pip compile pyproject.toml requirements/build.in requirements/uv.in --extra test --generate-hashes \
  --universal --python-version 3.11 -q --upgrade -o requirements/lock.txt
# The bootstrap copy of uv: the same version as in the lock.
uv pip compile requirements/uv.in --generate-hashes -q -c requirements/lock.txt -o requirements/uv.txt
echo "lock: requirements/lock.txt and requirements/uv.txt refreshed; run bash scripts/test.sh"
