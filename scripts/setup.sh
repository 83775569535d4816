#!/usr/bin/env bash
# Installs everything jobpacket needs on Debian/Ubuntu: system libraries for WeasyPrint,
# Chromium and Poppler for the tests, a virtualenv with the package. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3-venv
  # WeasyPrint: Pango for text layout, HarfBuzz subset for fast font subsetting
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig
  # Tests: headless Chromium for the site, pdftoppm to look at rendered pages
  chromium chromium-driver poppler-utils
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

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e '.[test]'
echo "setup: ready (.venv/bin/jobpacket, .venv/bin/mkdocs)"
