"""Measure the task list page, the programme page and the task API list on the database
DATABASE_URL names (filled by `bench.generate`).

For each case — a page or endpoint, as one of the two benchmark users — a fresh Python
process (so that its peak memory is that case's alone) signs the user in with
`django.test.Client.force_login`, warms up, then times N requests in-process (the server's
time: middleware, view, queries, template or JSON, without a network). For every
request it counts the queries (`CaptureQueriesContext`) and records each statement's
SQL and parameters as the ORM sent them. Afterwards it re-runs those statements directly
on a cursor (`execute` + `fetchall`) N times: the slowest is the request's *main query*,
and the sum of all of them is what the request's SQL costs without Django around it.

    python -m bench.run --label SQLite --json var/bench/sqlite.json

The cases:

    task list page, page 1 and a deep page (200, or the middle)       /programs/tasks/
    programme page (the province department's biggest programme)      /programs/<pk>/
    task API list, page 1 and the same deep page                      /api/v1/tasks/

each as `bench.tinh` (an officer of a province's propaganda department: the programmes of
that province and its communes) and `bench.trunguong` (a viewer at the centre: everything).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from bench.generate import CENTRAL_USER, PROVINCE_USER
from bench.report import FLOOR_CASE
from phoihop.accounts.models import User
from phoihop.core.runtime import settle
from phoihop.programs import selectors
from phoihop.programs.models import Program, Task, TaskPart

USERS = {"province": PROVINCE_USER, "central": CENTRAL_USER}
SLOW_REQUEST = 1.0  # seconds: slower than this, fewer repetitions (at least MIN_REQUESTS)
CASE_BUDGET = 60.0  # seconds of timed requests a case aims for when requests are slow
MIN_REQUESTS = 10
DEEP_PAGE = 200  # the "deep page": page 200 (rows 4,976–5,000), or the middle of a shorter list


@dataclass
class Case:
    name: str  # "task list page, page 1"
    who: str  # key of USERS
    path: str

    @property
    def key(self) -> str:
        return f"{self.name} / {self.who}"


def _percentile(values: list[float], q: float) -> float:
    """The q-th percentile, nearest rank (p95 of 30 values is the 29th smallest)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # kB on Linux


# --- the cases -------------------------------------------------------------------------


def discover_cases() -> tuple[list[Case], dict]:
    """The paths to measure on this database, and what it holds."""
    users = {who: User.objects.get(username=username) for who, username in USERS.items()}
    province_org = users["province"].memberships.get().organization
    program = (
        Program.objects.filter(parties__organization=province_org, parties__role="lead")
        .annotate(n_tasks=Count("plans__tasks"))
        .order_by("-n_tasks", "pk")
        .first()
    )
    cases, facts = [], {"tasks": Task.objects.count(), "parts": TaskPart.objects.count()}
    facts["programs"] = Program.objects.count()
    facts["program"] = {"pk": program.pk, "title": program.title, "tasks": program.n_tasks}
    for who, user in users.items():
        visible = selectors.task_list(user).count()
        pages = max(1, math.ceil(visible / settings.PAGE_SIZE))
        deep = max(1, min(pages // 2, DEEP_PAGE))
        facts[who] = {"username": user.username, "visible_tasks": visible, "pages": pages, "deep_page": deep}
        cases += [
            # The fixed cost of any signed-in page (session, user, memberships, the layout):
            # a reference for the pages whose SQL costs about a millisecond.
            Case(FLOOR_CASE, who, "/password/"),
            Case("task list page, page 1", who, "/programs/tasks/"),
            Case(f"task list page, page {deep:,} of {pages:,}", who, f"/programs/tasks/?page={deep}"),
            Case("programme page", who, f"/programs/{program.pk}/"),
            Case("task API list, page 1", who, "/api/v1/tasks/"),
            Case(f"task API list, page {deep:,} of {pages:,}", who, f"/api/v1/tasks/?page={deep}"),
        ]
    for case in cases:
        resolve(case.path.split("?")[0])  # fails loudly if a view is missing
    return cases, facts


# --- one case, in its own process ----------------------------------------------------


def measure(case: Case, *, requests: int, warmup: int) -> dict:
    rss_start = _rss_mb()
    client = Client()
    client.force_login(User.objects.get(username=USERS[case.who]))

    def get():
        statements = []

        def record(execute, sql, params, many, context):
            statements.append((sql, params, many))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record), CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(case.path)
            elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"{case.path} answered {response.status_code} to {USERS[case.who]}")
        return elapsed, len(queries.captured_queries), statements, len(response.content)

    first, _, _, _ = get()
    for _ in range(max(0, warmup - 1)):
        get()
    settle()  # as config/wsgi.py does when the server starts
    n = requests
    if first > SLOW_REQUEST:
        # fewer for a slow page, but never fewer than MIN_REQUESTS nor more than asked for
        n = max(min(MIN_REQUESTS, requests), min(requests, int(CASE_BUDGET / first)))
    times, counts, statements, size = [], [], [], 0
    for _ in range(n):
        elapsed, count, statements, size = get()
        times.append(elapsed)
        counts.append(count)

    raw = raw_sql(statements, n)
    p95 = _percentile(times, 95)
    return {
        "case": case.name,
        "who": case.who,
        "path": case.path,
        "n": n,
        "median_ms": _ms(statistics.median(times)),
        "p95_ms": _ms(p95),
        "queries": max(counts),
        "queries_min": min(counts),
        "response_kb": round(size / 1024, 1),
        **raw,
        "ratio_main": round(p95 / raw["_main_p95"], 2) if raw["_main_p95"] else None,
        "ratio_all": round(p95 / raw["_all_p95"], 2) if raw["_all_p95"] else None,
        "rss_start_mb": rss_start,
        "rss_peak_mb": _rss_mb(),
    }


def raw_sql(statements: list, n: int) -> dict:
    """Re-run the request's statements on a cursor: the main one n times, all of them n times."""
    selects = [
        (sql, params) for sql, params, many in statements if not many and sql.lstrip().upper().startswith("SELECT")
    ]
    skipped = len(statements) - len(selects)

    def run(sql, params) -> float:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()
        return time.perf_counter() - started

    # Which is the main query: the slowest, over three runs each (after one to warm up).
    probe = []
    for sql, params in selects:
        run(sql, params)
        probe.append(statistics.median(run(sql, params) for _ in range(3)))
    main = max(range(len(selects)), key=probe.__getitem__) if selects else None
    main_times = [run(*selects[main]) for _ in range(n)] if selects else [0.0]
    all_times = [sum(run(sql, params) for sql, params in selects) for _ in range(n)] if selects else [0.0]
    main_sql = plan = ""
    if main is not None:
        sql, params = selects[main]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()
            main_sql = connection.ops.last_executed_query(cursor.cursor, sql, params)
            explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
            cursor.execute(explain + sql, params)
            plan = "\n".join(" ".join(str(col) for col in row) for row in cursor.fetchall())
    return {
        "main_median_ms": _ms(statistics.median(main_times)),
        "main_p95_ms": _ms(_percentile(main_times, 95)),
        "all_median_ms": _ms(statistics.median(all_times)),
        "all_p95_ms": _ms(_percentile(all_times, 95)),
        "_main_p95": _percentile(main_times, 95),
        "_all_p95": _percentile(all_times, 95),
        "main_sql": main_sql,
        "main_plan": plan,
        "main_index": main,
        "statements": [sql for sql, _ in selects],
        "skipped_statements": skipped,
    }


# --- the whole run -------------------------------------------------------------------


def _database_version() -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]}"
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def _machine() -> dict:
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), cpu)
    except OSError:
        pass
    try:
        with open("/proc/meminfo", encoding="utf-8") as info:
            memory_kb = int(next(line.split()[1] for line in info if line.startswith("MemTotal")))
    except (OSError, StopIteration, ValueError):
        memory_kb = 0
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def _commit() -> str:
    """The commit measured, and whether the application's files differ from it."""

    def git(*args: str) -> str:
        try:
            proc = subprocess.run(["git", *args], capture_output=True, text=True, check=False, timeout=30)  # noqa: S603, S607
        except OSError:
            return ""
        return proc.stdout.strip() if proc.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if commit and git("status", "--porcelain", "--", "phoihop", "config", "templates"):
        commit += " with uncommitted changes"
    return commit or "unknown"


def run_all(label: str, *, requests: int, warmup: int, only: str | None = None) -> dict:
    cases, facts = discover_cases()
    if only:
        cases = [case for case in cases if only in case.key]
    result = {
        "label": label,
        "commit": _commit(),
        "database": _database_version(),
        "facts": facts,
        "machine_before": _machine(),
        "requests": requests,
        "cases": [],
    }
    for case in cases:
        print(f"  {case.key}: {case.path} …", file=sys.stderr, flush=True)
        proc = subprocess.run(  # noqa: S603 — this very module, in a fresh interpreter
            [sys.executable, "-m", "bench.run", "--case", json.dumps(asdict(case)),
             "--requests", str(requests), "--warmup", str(warmup)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr)
            raise SystemExit(f"the case {case.key} failed")
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        print(
            f"    median {row['median_ms']} ms, p95 {row['p95_ms']} ms, raw main p95 {row['main_p95_ms']} ms "
            f"(×{row['ratio_main']}), {row['queries']} queries, peak RSS {row['rss_peak_mb']} MB",
            file=sys.stderr,
            flush=True,
        )
        result["cases"].append(row)
    result["machine_after"] = _machine()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--label", default=None, help="the database's name in the report (default: its vendor)")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per case (default 30)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--json", help="write the results there")
    parser.add_argument("--only", help="only the cases whose name contains this")
    parser.add_argument("--case", help=argparse.SUPPRESS)  # one case, as JSON: the child process
    args = parser.parse_args(argv)

    if args.case:
        row = measure(Case(**json.loads(args.case)), requests=args.requests, warmup=args.warmup)
        row = {key: value for key, value in row.items() if not key.startswith("_")}
        print(json.dumps(row, ensure_ascii=False))
        return 0

    label = args.label or connection.vendor
    result = run_all(label, requests=args.requests, warmup=args.warmup, only=args.only)
    text = json.dumps(result, ensure_ascii=False, indent=1)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            out.write(text)
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
