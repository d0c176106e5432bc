"""The benchmark's results as Markdown: one table per database.

    python -m bench.report --scale 0.01 --out-dir bench/results var/bench/sqlite-0.01 var/bench/postgresql-0.01

writes bench/results/<yyyy-mm-dd>-scale-0.01.md (the date in the project's time zone).

Each argument is a prefix: `<prefix>-generate.json` (from `bench.generate --json`) and
`<prefix>-run.json` (from `bench.run --json`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from django.utils import timezone

TARGET_RATIO = 3.0
TARGET_QUERIES = 10
TARGET_RSS_MB = 200.0
FLOOR_CASE = "floor: password page (no data)"

WHO = {"province": "tỉnh (officer)", "central": "trung ương (viewer)"}


def _mark(ok: bool) -> str:
    return "" if ok else " ✗"


def _number(value, digits: int = 1) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def _judged(row: dict) -> bool:
    """The floor case is a reference, not a page the targets speak of."""
    return row["case"] != FLOOR_CASE


def _table(run: dict) -> list[str]:
    lines = [
        "| page | user | n | median ms | p95 ms | request SQL raw p95 ms | p95 ÷ request SQL "
        "| main query raw p95 ms | p95 ÷ main | queries | peak RSS MB | response KB |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in run["cases"]:
        ratio, queries, rss = row["ratio_all"], row["queries"], row["rss_peak_mb"]
        judged = _judged(row)
        lines.append(
            f"| {row['case']} | {WHO.get(row['who'], row['who'])} | {row['n']} | {_number(row['median_ms'])} "
            f"| {_number(row['p95_ms'])} | {_number(row['all_p95_ms'], 2)} "
            f"| {_number(ratio, 2)}{_mark(not judged or (ratio is not None and ratio <= TARGET_RATIO))} "
            f"| {_number(row['main_p95_ms'], 2)} | {_number(row['ratio_main'], 2)} "
            f"| {queries}{_mark(queries <= TARGET_QUERIES)} | {_number(rss)}{_mark(rss <= TARGET_RSS_MB)} "
            f"| {_number(row['response_kb'])} |"
        )
    return lines


def _summary(run: dict) -> list[str]:
    cases = run["cases"]
    missed = []
    for row in cases:
        label = f"{row['case']} ({WHO.get(row['who'], row['who'])})"
        if _judged(row) and row["ratio_all"] is not None and row["ratio_all"] > TARGET_RATIO:
            missed.append(
                f"{label}: p95 is {row['ratio_all']:.1f}× its SQL ({row['p95_ms']:.1f} ms against "
                f"{row['all_p95_ms']:.2f} ms)"
            )
        if row["queries"] > TARGET_QUERIES:
            missed.append(f"{label}: {row['queries']} queries")
        if row["rss_peak_mb"] > TARGET_RSS_MB:
            missed.append(f"{label}: peak RSS {row['rss_peak_mb']:.0f} MB")
    if not missed:
        return ["All three targets met."]
    return ["Targets missed (✗ in the table):", "", *[f"- {item}" for item in missed]]


def _details(run: dict) -> list[str]:
    lines = ["<details><summary>Main query of each case, and its plan</summary>", ""]
    for row in run["cases"]:
        sql = row["main_sql"]
        short = sql if len(sql) <= 700 else sql[:350] + " … " + sql[-330:]
        lines += [
            f"**{row['case']} — {WHO.get(row['who'], row['who'])}** (`{row['path']}`, statement "
            f"{row['main_index'] + 1 if row['main_index'] is not None else '–'} of {len(row['statements'])})",
            "",
            "```sql",
            short,
            "```",
            "",
            "```",
            row.get("main_plan", "").strip(),
            "```",
            "",
        ]
    lines.append("</details>")
    return lines


def render(scale: float, prefixes: list[str]) -> str:
    runs = []
    for prefix in prefixes:
        generated = json.loads(Path(f"{prefix}-generate.json").read_text(encoding="utf-8"))
        run = json.loads(Path(f"{prefix}-run.json").read_text(encoding="utf-8"))
        runs.append((generated, run))
    if not runs:
        raise SystemExit("no results to report")
    machine = runs[0][1]["machine_before"]
    today = timezone.localdate()
    lines = [
        f"# Benchmark at scale {scale:g} — {today:%d/%m/%Y}",
        "",
        f"Machine: {machine['cpus']} CPU cores ({machine['cpu']}), {machine['memory_gb']} GB RAM, "
        f"Python {machine['python']}. `make bench SCALE={scale:g}` (`scripts/bench.sh`).",
        "",
        "Each case is a fresh process: a signed-in `django.test.Client`, warm-up requests, then *n* timed "
        "requests (server time in-process, no network). *Request SQL* is every statement the request "
        "sent, re-run *n* times on a cursor with the parameters the ORM sent (`execute` + `fetchall`): "
        "the same queries as raw SQL, which the target compares with; *main query* is the slowest of "
        "them alone, for information. Targets (issue 3): p95 ≤ "
        f"{TARGET_RATIO:g}× the request's raw SQL, ≤ {TARGET_QUERIES} queries per request, server RSS ≤ "
        f"{TARGET_RSS_MB:g} MB; ✗ marks a miss. The *floor* row (a signed-in page with no data) is the "
        "fixed cost of any page, shown for reference and not judged.",
        "",
    ]
    for generated, run in runs:
        facts, counts = run["facts"], generated["counts"]
        before, after = run["machine_before"]["load_average"], run["machine_after"]["load_average"]
        lines += [
            f"## {run['label']} ({run['database']})",
            "",
            f"Data: {counts.get('organization', 0):,} organisations, {facts['programs']:,} programmes, "
            f"{facts['tasks']:,} tasks, {facts['parts']:,} task parts; generated in {generated['seconds']:,.0f} s "
            f"({generated['cpu_seconds']:,.0f} s of CPU in the generator). "
            f"`bench.tinh` sees {facts['province']['visible_tasks']:,} tasks, `bench.trunguong` "
            f"{facts['central']['visible_tasks']:,}. Programme page: {facts['program']['title'][:90]}… "
            f"({facts['program']['tasks']:,} tasks). Code: commit {run.get('commit', 'unknown')}. "
            "Load average (1, 5, 15 min) before: "
            f"{', '.join(map(str, before))}; after: {', '.join(map(str, after))}.",
            "",
            *_table(run),
            "",
            *_summary(run),
            "",
            *_details(run),
            "",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, required=True)
    parser.add_argument("--out-dir", help="write <date>-scale-<scale>.md there (and print it)")
    parser.add_argument("prefixes", nargs="+")
    args = parser.parse_args(argv)
    text = render(args.scale, args.prefixes)
    sys.stdout.write(text + "\n")
    if args.out_dir:
        path = Path(args.out_dir) / f"{timezone.localdate():%Y-%m-%d}-scale-{args.scale:g}.md"
        path.write_text(text + "\n", encoding="utf-8")
        print(f"written to {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
