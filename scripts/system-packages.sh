#!/usr/bin/env bash
# Install the Debian packages Corridor needs that the machine lacks (only when run as root; otherwise
# name them). Idempotent: does nothing when all are present.
set -euo pipefail

needed=(
  postgresql          # the team database; tests run on it as well as on SQLite
  chromium            # browser tests (Playwright drives Debian's chromium; no browser download)
  fonts-dejavu-core   # PDF reports: Latin diacritics and Cyrillic
  poppler-utils       # pdftotext / pdftoppm: tests read generated PDFs, docs show their pages
)

missing=()
for package in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
