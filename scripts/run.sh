#!/usr/bin/env bash
# `make run`: set up, bring the database up to date, load the demo data (printing the
# demo logins), then serve on http://127.0.0.1:8000/ (or the address given).
#
#   scripts/run.sh [ADDRESS]      default 127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."

address=${1:-127.0.0.1:8000}
PY=.venv/bin/python

scripts/setup.sh

mkdir -p var
echo "==> Bringing the database up to date"
"$PY" manage.py migrate --noinput -v 0

if "$PY" manage.py help load_demo >/dev/null 2>&1; then
    echo "==> Loading the demo data"
    "$PY" manage.py load_demo
else
    echo "(no load_demo command yet: the database has no demo data)"
fi

echo "==> Serving phoihop on http://$address/ (Ctrl-C stops)"
exec "$PY" manage.py runserver "$address"
