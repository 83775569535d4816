#!/usr/bin/env bash
# Installs everything jobpacket needs on Debian/Ubuntu: system libraries for WeasyPrint,
# Chromium and Poppler for the tests, and a virtualenv (.venv) holding exactly the versions in
# requirements/lock.txt, each checked against its hash. Safe to run again: it adds, upgrades
# and removes packages until .venv matches the lock. `bash scripts/lock.sh` refreshes the lock.
#
#   JOBPACKET_VENV=DIR   the virtualenv to fill (default .venv)
#   --latest             instead of the lock, the newest versions pyproject.toml allows
#                        (scripts/test.sh --latest uses it, in .venv-latest)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${JOBPACKET_VENV:-.venv}"
LATEST=0
[ "${1:-}" = "--latest" ] && LATEST=1

APT_PACKAGES=(
  python3-venv
  # WeasyPrint: Pango for text layout, HarfBuzz subset for fast font subsetting
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig
  # Fonts for the scripts the shipped fonts (Charis SIL, Inter) lack, found by family name
  # through fontconfig: Noto for Arabic, Hebrew and more (core), Chinese, Japanese, Korean (cjk)
  fonts-noto-core fonts-noto-cjk
  # Tests: headless Chromium for the site, pdftoppm to look at rendered pages
  chromium chromium-driver poppler-utils
  # Tests: LibreOffice reads the Word résumé back (`soffice --convert-to txt`); measured on
  # Debian 12: 49 packages, 197 MB installed, 64 s (after apt-get update)
  libreoffice-writer-nogui
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
# uv installs the lock (fast, and it removes what the lock no longer names); pip only
# bootstraps uv itself, from a hash-pinned requirement.
if [ ! -x "$VENV/bin/uv" ] || ! cmp -s requirements/uv.txt "$VENV/.jobpacket-uv.txt"; then
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps --require-hashes \
    -r requirements/uv.txt
  cp requirements/uv.txt "$VENV/.jobpacket-uv.txt"
fi
UV=("$VENV/bin/uv" pip)
export UV_PYTHON="$VENV/bin/python"
if [ "$LATEST" = 1 ]; then
  "${UV[@]}" install -q --upgrade --refresh -r requirements/build.in -e '.[test]'
else
  "${UV[@]}" sync -q --require-hashes requirements/lock.txt
  # The package itself, from this checkout; its build backend comes from the lock too.
  "${UV[@]}" install -q --no-deps --no-build-isolation -e .
fi
echo "setup: ready ($VENV/bin/jobpacket, $VENV/bin/mkdocs)"
