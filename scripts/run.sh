#!/usr/bin/env bash
# `make run`: set up, bring the database up to date, load the demo data (printing the
# demo logins), write the periodic job schedules, start the background worker
# (django-q2's qcluster), then serve on http://127.0.0.1:8000/ (or the address given).
# Stopping the server (Ctrl-C) stops the worker too.
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

echo "==> Writing the periodic job schedules (phoihop/jobs/schedules.py)"
"$PY" manage.py sync_schedules

# The worker runs in its own process group (setsid), so that stopping it reaches its
# child processes too; TERM first, then KILL after 10 seconds (qcluster has been seen to
# hang on TERM).
worker=""
stop_worker() {
    [ -n "$worker" ] || return 0
    kill -TERM -- "-$worker" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$worker" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL -- "-$worker" 2>/dev/null || true
    wait "$worker" 2>/dev/null || true
    worker=""
}
trap stop_worker EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "==> Starting the background worker (manage.py qcluster)"
setsid "$PY" manage.py qcluster &
worker=$!

echo "==> Serving phoihop on http://$address/ (Ctrl-C stops)"
"$PY" manage.py runserver "$address"
