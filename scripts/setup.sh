#!/usr/bin/env bash
# Set up the project in place: a virtualenv in .venv with the pinned Python packages,
# the static assets that come from the npm registry, and the compiled translation
# catalogues (locale/*/LC_MESSAGES/*.mo, built from the committed .po files). Safe to run again: each step
# is skipped when its result is already there.
#
#   scripts/setup.sh          runtime packages (requirements.txt)
#   scripts/setup.sh --dev    runtime and development packages (requirements-dev.txt)
#
# PYTHON may name the interpreter to build the virtualenv from (default: python3.11,
# else python3; it must be Python 3.11).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
HTMX_VERSION=2.0.11 # htmx 2.x; 4.x is a new major with breaking changes
HTMX_FILE=static/vendor/htmx.min.js

mode=runtime
case "${1:-}" in
"") ;;
--dev) mode=dev ;;
*)
    echo "usage: $0 [--dev]" >&2
    exit 2
    ;;
esac

say() { printf '==> %s\n' "$*"; }

# --- the virtualenv -------------------------------------------------------------------
if ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
    python=${PYTHON:-$(command -v python3.11 || command -v python3 || true)}
    if [ -z "$python" ]; then
        echo "error: Python 3.11 not found (install python3.11 or set PYTHON=...)" >&2
        exit 1
    fi
    if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
        echo "error: $python is $("$python" --version 2>&1); phoihop needs Python 3.11 (set PYTHON=...)" >&2
        exit 1
    fi
    say "Creating the virtualenv $VENV with $("$python" --version 2>&1)"
    rm -rf "$VENV"
    if ! "$python" -m venv "$VENV"; then
        # Debian's python3 ships venv's pip bootstrap in a separate package.
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            say "Installing python3-venv (Debian)"
            rm -rf "$VENV"
            DEBIAN_FRONTEND=noninteractive apt-get update -q
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv
            "$python" -m venv "$VENV"
        else
            echo "error: could not create $VENV; install python3-venv" >&2
            exit 1
        fi
    fi
fi

# --- Python packages: reinstalled only when the requirement files change -------------
requirement_hash() { cat "$@" | sha256sum | cut -c1-16; }

runtime_stamp="$VENV/.installed-runtime-$(requirement_hash requirements.txt)"
if [ "$mode" = dev ]; then
    stamp="$VENV/.installed-dev-$(requirement_hash requirements.txt requirements-dev.txt)"
    requirements="requirements-dev.txt"
else
    stamp=$runtime_stamp
    requirements="requirements.txt"
fi
if [ ! -f "$stamp" ]; then
    say "Installing Python packages from $requirements (pinned)"
    "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input -q -r "$requirements"
    rm -f "$VENV"/.installed-"$mode"-*
    touch "$stamp"
    # requirements-dev.txt includes requirements.txt, so the runtime set is in place too.
    touch "$runtime_stamp"
fi

# --- Static assets from the npm registry (never a CDN) --------------------------------
if ! grep -qs "version:\"$HTMX_VERSION\"" "$HTMX_FILE"; then
    if ! command -v npm >/dev/null; then
        echo "error: npm is needed once to fetch htmx.org@$HTMX_VERSION from the npm registry" >&2
        exit 1
    fi
    say "Fetching htmx.org@$HTMX_VERSION from the npm registry"
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    (cd "$tmp" && npm pack --silent "htmx.org@$HTMX_VERSION" >/dev/null && tar -xzf htmx.org-*.tgz)
    mkdir -p "$(dirname "$HTMX_FILE")"
    cp "$tmp/package/dist/htmx.min.js" "$HTMX_FILE.tmp"
    mv "$HTMX_FILE.tmp" "$HTMX_FILE"
fi

# --- Translation catalogues: .po (committed) -> .mo ------------------------------------
if [ -f phoihop/core/management/commands/compile_catalogs.py ]; then
    "$VENV/bin/python" manage.py compile_catalogs >/dev/null # pure Python (polib)
elif command -v msgfmt >/dev/null; then
    "$VENV/bin/python" manage.py compilemessages -v 0 --ignore .venv --ignore var --ignore node_modules
fi
