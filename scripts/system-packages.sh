#!/usr/bin/env bash
# Install the Debian packages danchu needs beyond Python: fonts for official papers (Times New
# Roman's metric twin Liberation Serif, and Noto for Vietnamese on screen), the libraries
# WeasyPrint renders PDF with, poppler-utils to check PDFs in tests, and gettext for translations.
# Installs only what is missing; does nothing when everything is there.
set -euo pipefail

PACKAGES=(
  fonts-liberation2
  fonts-dejavu-core
  libpango-1.0-0
  libpangoft2-1.0-0
  libharfbuzz-subset0
  poppler-utils
  gettext
)
if [ "${1:-}" = "--with-browser" ]; then
  PACKAGES+=(chromium)
fi

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
