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
    # the one search (issue 5): the demo writes some rows in bulk, which sends no signal
    echo "==> Rebuilding the search index"
    "$PY" manage.py rebuild_search_index
else
    echo "(no load_demo command yet: the database has no demo data)"
fi

# Reports' PDF files are their DOCX converted by LibreOffice headless (issue 6); without
# it, DOCX and XLSX still work and a PDF request says how to enable it.
if ! command -v soffice >/dev/null 2>&1; then
    echo "(PDF export of reports is off: LibreOffice is missing; enable it with" \
        "'sudo apt-get install -y libreoffice-writer-nogui' or 'scripts/system-deps.sh libreoffice-writer-nogui')"
fi

echo "==> Writing the periodic job schedules (phoihop/jobs/schedules.py)"
"$PY" manage.py sync_schedules

# The worker and the web server each run in their own process group (setsid), so that
# stopping one reaches its child processes too (qcluster's workers, runserver's
# reloader). Ctrl-C or TERM to this script stops both: TERM first, KILL after 10 seconds
# (qcluster has been seen to hang on TERM).
worker=""
server=""
stop_group() { # stop_group PID — the process group PID leads
    local leader=$1
    kill -TERM -- "-$leader" 2>/dev/null || return 0
    for _ in $(seq 1 100); do
        kill -0 -- "-$leader" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL -- "-$leader" 2>/dev/null || true
    wait "$leader" 2>/dev/null || true
}
stop_all() {
    if [ -n "$server" ]; then stop_group "$server"; fi
    if [ -n "$worker" ]; then stop_group "$worker"; fi
    server=""
    worker=""
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "==> Starting the background worker (manage.py qcluster)"
setsid "$PY" manage.py qcluster &
worker=$!

echo "==> Serving phoihop on http://$address/ (Ctrl-C stops)"
setsid "$PY" manage.py runserver "$address" &
server=$!
wait "$server"
