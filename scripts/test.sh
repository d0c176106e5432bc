#!/usr/bin/env bash
# shellcheck disable=SC2317  # functions here are called through step and the traps
# The whole check, as CI runs it (`make test`, `.ci/run`):
#
#   1. installs what is missing: Debian packages, .venv with the dev requirements, htmx,
#      the compiled translation catalogues
#   2. lint: ruff, the import-linter contracts, migrations in step with the models
#   3. the pytest suite on SQLite
#   4. the same suite on a throwaway PostgreSQL 15 server, always stopped and removed
#   5. a summary; exits non-zero if any step failed
#
# Every step runs even when an earlier one failed, so one run reports everything.
# Extra arguments go to both pytest runs (e.g. `scripts/test.sh -k audit`).
# PHOIHOP_TEST_TIMEOUT bounds each pytest run, in seconds (default 1200).
# PHOIHOP_TEST_WORKERS: parallel test processes per run (pytest-xdist; default: the number
# of cores, at most 4). Each worker has its own test database; a file's tests stay on one
# worker (--dist loadfile), so module-scoped fixtures are built once.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PYTEST_TIMEOUT=${PHOIHOP_TEST_TIMEOUT:-1200}
cores=$(nproc 2>/dev/null || echo 1)
WORKERS=${PHOIHOP_TEST_WORKERS:-$((cores > 4 ? 4 : cores))}
export DJANGO_ALLOW_ASYNC_UNSAFE=true # Playwright's event loop around live_server tests
export PYTHONDONTWRITEBYTECODE=1
unset DATABASE_URL PHOIHOP_DEBUG PHOIHOP_SECRET_KEY

started=$(date +%s)
work=$(mktemp -d /tmp/phoihop-test.XXXXXX)
pg_dir=""
pg_port=""
pg_pid=""

as_postgres() { # initdb refuses root: run the server's tools as the postgres user
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# The server runs as a child of this script (not daemonised by pg_ctl), so this script
# reaps it: no orphan is left behind, even on a machine whose init does not reap.
stop_postgres() {
    [ -n "$pg_dir" ] || return 0
    local ok=0
    if [ -n "$pg_pid" ]; then
        if ! (cd "$pg_dir" && as_postgres "$PG_BIN/pg_ctl" -D "$pg_dir/data" -m fast -w -t 60 stop >/dev/null 2>&1) &&
            ! (cd "$pg_dir" && as_postgres "$PG_BIN/pg_ctl" -D "$pg_dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1)
        then
            ok=1 # pg_ctl could not stop it: end the server by its process id
            local postmaster
            postmaster=$(head -n 1 "$pg_dir/data/postmaster.pid" 2>/dev/null) && kill -KILL "$postmaster" 2>/dev/null
        fi
        wait "$pg_pid" 2>/dev/null
        pg_pid=""
    fi
    rm -rf "$pg_dir"
    pg_dir=""
    return "$ok"
}

cleanup() {
    stop_postgres || echo "warning: could not stop the PostgreSQL server in $pg_dir" >&2
    rm -rf "$work"
}
child=""
on_signal() { # stop the running test process at once, then the EXIT trap cleans up
    if [ -n "$child" ]; then
        kill -TERM "$child" 2>/dev/null
        wait "$child" 2>/dev/null
    fi
    exit "$1"
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

names=()
results=()
record() { # record NAME STATUS
    names+=("$1")
    results+=("$2")
}
step() { # step NAME COMMAND... — runs the command, records ok or FAILED, never aborts
    local name=$1
    shift
    echo
    echo "==> $name"
    if "$@"; then
        record "$name" ok
    else
        record "$name" "FAILED (exit $?)"
    fi
}

run_pytest() { # run_pytest LABEL [pytest args...]
    local label=$1 rc=0
    shift
    # In the background so that a signal to this script stops it at once (see on_signal).
    timeout -k 30 "$PYTEST_TIMEOUT" "$PY" -m pytest -p no:cacheprovider -q \
        -n "$WORKERS" --dist loadfile --junitxml="$work/$label.xml" "$@" &
    child=$!
    wait "$child" || rc=$?
    child=""
    return "$rc"
}

# --- 1. set-up -------------------------------------------------------------------------
echo "==> Set-up: Debian packages, .venv with the dev requirements, static assets"
scripts/system-deps.sh
scripts/setup.sh --dev

# --- 2. lint ---------------------------------------------------------------------------
step "ruff check" .venv/bin/ruff check .
step "import contracts (lint-imports)" .venv/bin/lint-imports --no-cache
step "migrations match the models" env DATABASE_URL=sqlite://:memory: "$PY" manage.py makemigrations --check --dry-run

# --- 3. SQLite -------------------------------------------------------------------------
step "pytest on SQLite" run_pytest sqlite "$@"

# --- 4. PostgreSQL ---------------------------------------------------------------------
# A throwaway server: initdb in a temporary folder, a free port on 127.0.0.1, the socket
# in the same folder, trust authentication, no durability (it is deleted afterwards).
start_postgres() {
    pg_dir=$(mktemp -d /tmp/phoihop-pg.XXXXXX) || return 1
    chmod 755 "$pg_dir" || return 1
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$pg_dir" || return 1; fi
    pg_port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') ||
        return 1
    # Run from the server's folder: the postgres user may not be able to read the work tree.
    if ! (cd "$pg_dir" && as_postgres "$PG_BIN/initdb" -D "$pg_dir/data" -U postgres --auth=trust \
        -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1); then
        cat "$work/initdb.log"
        return 1
    fi
    (cd "$pg_dir" && as_postgres "$PG_BIN/postgres" -D "$pg_dir/data" -p "$pg_port" -k "$pg_dir" \
        -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
        >"$work/postgres.log" 2>&1) &
    pg_pid=$!
    local waited=0
    until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; do
        if ! kill -0 "$pg_pid" 2>/dev/null || [ "$waited" -ge 600 ]; then
            echo "PostgreSQL did not start:" >&2
            cat "$work/postgres.log" >&2
            return 1
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    "$PY" -c '
import sys
import psycopg
port = int(sys.argv[1])
with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres", autocommit=True) as conn:
    version = conn.execute("SHOW server_version").fetchone()[0]
    conn.execute("CREATE DATABASE phoihop")
print(f"PostgreSQL {version} on 127.0.0.1:{port}, database phoihop")
' "$pg_port"
}

if [ ! -x "$PG_BIN/initdb" ]; then
    echo "PostgreSQL 15 not found in $PG_BIN" >&2
    record "pytest on PostgreSQL" "FAILED (no PostgreSQL 15 in $PG_BIN)"
else
    step "start PostgreSQL 15" start_postgres
    if [ "${results[-1]}" = ok ]; then
        export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/phoihop"
        step "migrate on PostgreSQL" "$PY" manage.py migrate --noinput -v 0
        step "pytest on PostgreSQL" run_pytest postgresql "$@"
        unset DATABASE_URL
    fi
    step "stop PostgreSQL, remove its folder" stop_postgres
fi

# --- 5. summary ------------------------------------------------------------------------
count_tests() { # prints "passed failed skipped", summed over the JUnit reports
    "$PY" -c '
import sys
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        continue
    for suite in root.iter("testsuite"):
        fail = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skip = int(suite.get("skipped", 0))
        passed += int(suite.get("tests", 0)) - fail - skip
        failed += fail
        skipped += skip
print(passed, failed, skipped)
' "$work"/*.xml
}

status=0
echo
echo "=============================== summary ================================"
for i in "${!names[@]}"; do
    printf '  %-40s %s\n' "${names[$i]}" "${results[$i]}"
    [ "${results[$i]}" = ok ] || status=1
done
elapsed=$(($(date +%s) - started))
printf '  %-40s %dm%02ds\n' "wall-clock time" $((elapsed / 60)) $((elapsed % 60))
if [ "$status" = 0 ]; then
    echo "  all checks passed"
else
    echo "  SOME CHECKS FAILED: see the output above"
fi
read -r passed failed skipped < <(count_tests || echo "0 0 0")
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
