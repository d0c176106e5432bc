#!/usr/bin/env bash
# shellcheck disable=SC2317  # functions here are called through the traps
# The benchmark of issue 3 (`make bench`; not part of `make test`):
#
#   1. installs what is missing: PostgreSQL 15 (Debian), .venv with the runtime packages
#   2. SQLite: a fresh database var/bench/bench-<scale>.sqlite3 (never the dev database),
#      migrate, `python -m bench.generate`, `python -m bench.run`
#   3. the same on a throwaway PostgreSQL 15 server (a temporary folder, a free port on
#      127.0.0.1), always stopped and removed
#   4. `python -m bench.report`: bench/results/<yyyy-mm-dd>-scale-<scale>.md, printed too
#      (the date in the project's time zone, PHOIHOP_TIME_ZONE)
#
#   scripts/bench.sh [--scale S] [--requests N] [--database sqlite|postgresql] [--keep]
#
# --scale      1 (default) = ~20,000 organisations, 20,000 programmes, 1,000,000 tasks
# --requests   timed requests per case (default 30; fewer when a request takes over 1 s)
# --database   only this one (default: both)
# --keep       keep the SQLite benchmark database afterwards (it is ~2 GB at scale 1)
# BENCH_SCALE and BENCH_REQUESTS may set the first two (`make bench SCALE=0.1`).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
scale=${BENCH_SCALE:-1}
requests=${BENCH_REQUESTS:-30}
databases=(sqlite postgresql)
keep=0
while [ $# -gt 0 ]; do
    case "$1" in
    --scale) scale=$2 && shift 2 ;;
    --requests) requests=$2 && shift 2 ;;
    --database) databases=("$2") && shift 2 ;;
    --keep) keep=1 && shift ;;
    *)
        sed -n '2,/^set -e/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
        exit 2
        ;;
    esac
done

# The server as it runs in production: DEBUG off (no query log kept in memory).
export PHOIHOP_DEBUG=false
export PHOIHOP_SECRET_KEY=benchmark-only-not-a-secret
export PYTHONDONTWRITEBYTECODE=1
unset DATABASE_URL

started=$(date +%s)
results=var/bench
mkdir -p "$results" bench/results
sqlite_db="$PWD/$results/bench-$scale.sqlite3"
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

# As in scripts/test.sh: the server is a child of this script, so this script reaps it.
stop_postgres() {
    [ -n "$pg_dir" ] || return 0
    if [ -n "$pg_pid" ]; then
        if ! (cd "$pg_dir" && as_postgres "$PG_BIN/pg_ctl" -D "$pg_dir/data" -m fast -w -t 60 stop >/dev/null 2>&1) &&
            ! (cd "$pg_dir" && as_postgres "$PG_BIN/pg_ctl" -D "$pg_dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1)
        then
            local postmaster
            postmaster=$(head -n 1 "$pg_dir/data/postmaster.pid" 2>/dev/null) && kill -KILL "$postmaster" 2>/dev/null
        fi
        wait "$pg_pid" 2>/dev/null || true
        pg_pid=""
    fi
    rm -rf "$pg_dir"
    pg_dir=""
}

start_postgres() {
    pg_dir=$(mktemp -d /tmp/phoihop-bench-pg.XXXXXX)
    chmod 755 "$pg_dir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$pg_dir"; fi
    pg_port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    if ! (cd "$pg_dir" && as_postgres "$PG_BIN/initdb" -D "$pg_dir/data" -U postgres --auth=trust \
        -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1); then
        cat "$pg_dir/initdb.log" >&2
        return 1
    fi
    # No durability (the data is thrown away); everything else as PostgreSQL ships it.
    (cd "$pg_dir" && as_postgres "$PG_BIN/postgres" -D "$pg_dir/data" -p "$pg_port" -k "$pg_dir" \
        -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
        >"$pg_dir/postgres.log" 2>&1) &
    pg_pid=$!
    local waited=0
    until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; do
        if ! kill -0 "$pg_pid" 2>/dev/null || [ "$waited" -ge 600 ]; then
            echo "PostgreSQL did not start:" >&2
            cat "$pg_dir/postgres.log" >&2
            return 1
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    "$PY" -c '
import sys
import psycopg
with psycopg.connect(host="127.0.0.1", port=int(sys.argv[1]), user="postgres", dbname="postgres", autocommit=True) as conn:
    conn.execute("CREATE DATABASE phoihop")
' "$pg_port"
}

remove_sqlite() {
    rm -f "$sqlite_db" "$sqlite_db-wal" "$sqlite_db-shm" "$sqlite_db-journal"
}

cleanup() {
    stop_postgres
    if [ "$keep" = 0 ]; then remove_sqlite; fi
}
child=""
on_signal() { # stop the running step at once, then the EXIT trap cleans up
    if [ -n "$child" ]; then
        kill -TERM "$child" 2>/dev/null
        wait "$child" 2>/dev/null
    fi
    exit "$1"
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

run() { # run COMMAND... in the background, so that a signal stops it at once
    "$@" &
    child=$!
    local rc=0
    wait "$child" || rc=$?
    child=""
    return "$rc"
}

bench_database() { # bench_database LABEL PREFIX — on the database DATABASE_URL names
    local label=$1 prefix=$2
    echo "==> $label: migrate"
    run "$PY" manage.py migrate --noinput -v 0
    echo "==> $label: generate the data set at scale $scale"
    run "$PY" -m bench.generate --scale "$scale" --json "$prefix-generate.json"
    echo "==> $label: measure ($requests requests a case)"
    run "$PY" -m bench.run --label "$label" --requests "$requests" --json "$prefix-run.json"
}

# --- 1. set-up -------------------------------------------------------------------------
echo "==> Set-up: .venv with the runtime packages; PostgreSQL 15 from Debian when it is missing"
scripts/setup.sh
prefixes=()
for database in "${databases[@]}"; do
    case "$database" in
    sqlite) ;;
    postgresql) scripts/system-deps.sh postgresql postgresql-contrib ;;
    *)
        echo "error: unknown database $database (sqlite or postgresql)" >&2
        exit 2
        ;;
    esac
done

# --- 2. and 3. each database in turn ----------------------------------------------------
for database in "${databases[@]}"; do
    prefix="$results/$database-$scale"
    rm -f "$prefix-generate.json" "$prefix-run.json"
    if [ "$database" = sqlite ]; then
        remove_sqlite
        DATABASE_URL="sqlite:///$sqlite_db" bench_database SQLite "$prefix"
        if [ "$keep" = 0 ]; then remove_sqlite; fi
    else
        echo "==> PostgreSQL: start a throwaway server"
        start_postgres
        DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/phoihop" bench_database PostgreSQL "$prefix"
        echo "==> PostgreSQL: stop the server, remove its folder"
        stop_postgres
    fi
    prefixes+=("$prefix")
done

# --- 4. the report ---------------------------------------------------------------------
echo "==> Report"
"$PY" -m bench.report --scale "$scale" --out-dir bench/results "${prefixes[@]}"
elapsed=$(($(date +%s) - started))
printf '==> done in %dm%02ds\n' $((elapsed / 60)) $((elapsed % 60))
