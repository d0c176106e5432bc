#!/usr/bin/env bash
# Install the Debian packages the test suite needs, only those that are missing.
#
#   scripts/system-deps.sh              PostgreSQL, Chromium, the fonts, gettext, poppler and LibreOffice for the tests
#   scripts/system-deps.sh PKG...       those packages instead (e.g. gettext)
#
# Needs root (or sudo) only when something is missing.
set -euo pipefail

if [ $# -gt 0 ]; then
    packages=("$@")
else
    # fonts-liberation2, not fonts-liberation: only the former covers Vietnamese.
    # gettext: the catalogue test extracts the messages with xgettext.
    # poppler-utils: pdftotext, for the search index's text of PDF documents (issue 5);
    #   pdfinfo/pdftoppm, for the tests that look at a report's PDF as pictures (issue 6).
    # libreoffice-writer-nogui: the PDF of a report is its DOCX converted by LibreOffice
    #   headless (issue 6); Writer alone is enough, the XLSX annex is never converted.
    packages=(postgresql postgresql-contrib chromium fonts-liberation2 fonts-noto-core gettext poppler-utils
        libreoffice-writer-nogui)
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ]; then
    as_root=()
elif command -v sudo >/dev/null; then
    as_root=(sudo)
else
    echo "error: missing Debian packages: ${missing[*]}; install them as root:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
fi

echo "==> Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive

# Installing postgresql would start a "main" cluster on port 5432 that nothing here
# uses (the tests start their own throwaway server). A policy-rc.d that forbids
# starting services during this install keeps the machine quiet; it is removed after.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
    trap '"${as_root[@]}" rm -f "$policy"' EXIT
    printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
    "${as_root[@]}" chmod 755 "$policy"
fi

"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
