"""Supervision benchmark: page times and query counts at two sizes, then the full ledger export's time and memory.

    TONGXIN_DATA_DIR=/tmp/tx-bench .venv/bin/python bench/supervision_bench.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tongxin_bench .venv/bin/python bench/supervision_bench.py

For each size (10 % and 100 % of 500 activities / 20 000 tasks / 100 000 reports / 200 units) the scratch database
is emptied and regenerated (bench/generate.py), then each page is requested N times with Django's test client,
signed in as the persona who uses it: p50/p95 in ms and the number of queries of one request. The count must not grow
with size. A page that answers 404 (not built yet) is skipped with a line saying so; run the script again later.
Finally the ledger of the full programme is downloaded through its view in a fresh process, timed, with its
tracemalloc peak (a second, traced run) and the process's peak RSS. Targets: p95 < 200 ms; ledger < 20 s, < 500 MB.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import ROOT, Programme, database_label, prepare, setup_django  # noqa: E402

PAGE_TARGET_MS = 200
LEDGER_TARGET_S = 20
LEDGER_TARGET_MB = 500


def pages(p: Programme) -> list[tuple[str, str, int]]:
    """(page, url, user id) — each page as the persona who works with it."""
    return [
        ("总览 /", "/", p.admin_id),
        ("部门驾驶舱 /cockpit/department/", "/cockpit/department/", p.admin_id),
        ("部门驾驶舱 /cockpit/（管理员）", "/cockpit/", p.admin_id),
        ("领导驾驶舱 /cockpit/（领导）", "/cockpit/", p.leader_user_id),
        ("单位驾驶舱 /cockpit/（单位）", "/cockpit/", p.unit_user_id),
        ("单位页 /supervision/units/<id>/", f"/supervision/units/{p.unit_id}/", p.unit_user_id),
        ("任务列表 /supervision/（管理员）", "/supervision/", p.admin_id),
        ("任务列表 /supervision/（单位）", "/supervision/", p.unit_user_id),
        ("开展情况列表 /supervision/reports/", "/supervision/reports/", p.admin_id),
        ("台账与简报 /reports/", "/reports/", p.admin_id),
    ]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def time_page(url: str, user_id: int, n: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tongxin.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    first = client.get(url)  # warm-up: templates, URL resolver, connection
    if first.status_code != 200:
        return {"status": first.status_code}
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    count = len(queries)  # now: every request clears the connection's query log when it starts
    times = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return {"status": 200, "p50": statistics.median(times), "p95": percentile(times, 0.95), "queries": count}


def run_pages(scales: list[float], n: int) -> tuple[list[dict], Programme]:
    results = []
    programme = None
    for scale in scales:
        print(f"\n## 规模 {scale:.0%}：生成数据", flush=True)
        programme = prepare(scale, log=lambda m: print(f"  {m}", flush=True))
        # Drop the generator's garbage first: a server process never holds it, and collecting it mid-timing made
        # single requests several times slower than the rest (a p95 of the benchmark, not of the page).
        gc.collect()
        for name, url, user_id in pages(programme):
            r = time_page(url, user_id, n)
            r.update(page=name, scale=scale, tasks=programme.counts["tasks"], reports=programme.counts["reports"])
            if r["status"] == 404:
                print(f"  跳过 {name}：{url} 返回 404（页面尚未实现），以后可重新运行本脚本。", flush=True)
            elif r["status"] != 200:
                print(f"  跳过 {name}：{url} 返回 {r['status']}。", flush=True)
            else:
                print(f"  {name}: p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms, {r['queries']} 次查询", flush=True)
            results.append(r)
    return results, programme


def ledger_in_this_process(plan_id: int, user_id: int, traced: bool) -> dict:
    """Download the ledger through its view, reading the streamed file to the end (what a browser does)."""
    from django.test import Client

    from tongxin.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if traced:
        tracemalloc.start()
    started, cpu = time.perf_counter(), time.process_time()
    response = client.get(f"/reports/plans/{plan_id}/ledger.xlsx")
    size = sum(len(chunk) for chunk in response.streaming_content)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = tracemalloc.get_traced_memory()[1] / 1048576 if traced else None
    if traced:
        tracemalloc.stop()
    assert response.status_code == 200
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "bytes": size,
        "tracemalloc_peak_mb": peak,
        "rss_before_mb": rss_before,
        "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_ledger(programme: Programme) -> dict:
    """Each run in a fresh process, so the peak RSS is the export's and not the data generator's."""
    out = {}
    for traced in (False, True):
        cmd = [sys.executable, __file__, "--ledger", str(programme.plan_id), str(programme.admin_id)]
        if traced:
            cmd.append("--traced")
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
        out["traced" if traced else "plain"] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


def table(results: list[dict], ledger: dict | None, programme: Programme) -> str:
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        f"数据库：{database_label()}；CPU {os.cpu_count()} 核，负载（1/5/15 分钟）{load}；"
        f"目标 p95 < {PAGE_TARGET_MS} ms，查询数不随规模增长。",
        "",
        "| 页面 | 规模 | 任务 | 报告 | p50 ms | p95 ms | 查询数 |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if r["status"] == 200:
            flag = "" if r["p95"] < PAGE_TARGET_MS else " ⚠"
            cells = f"{r['p50']:.1f} | {r['p95']:.1f}{flag} | {r['queries']}"
        else:
            cells = f"— | — | 跳过（{r['status']}）"
        lines.append(f"| {r['page']} | {r['scale']:.0%} | {r['tasks']} | {r['reports']} | {cells} |")
    for name in dict.fromkeys(r["page"] for r in results):
        counts = [r["queries"] for r in results if r["page"] == name and r["status"] == 200]
        if len(counts) > 1 and len(set(counts)) > 1:
            lines.append(f"\n⚠ {name} 的查询数随规模变化：{counts}")
    if ledger:
        plain, traced = ledger["plain"], ledger["traced"]
        lines += [
            "",
            f"台账导出（完整规模：{programme.counts['tasks']} 项任务 + {programme.counts['reports']} 份报告；"
            f"目标 < {LEDGER_TARGET_S} s、< {LEDGER_TARGET_MB} MB）：",
            "",
            "| 用时 s | 其中 CPU s | 文件 MB | tracemalloc 峰值 MB | 进程峰值 RSS MB（导出前 RSS） |",
            "|---:|---:|---:|---:|---:|",
            f"| {plain['seconds']:.1f} | {plain['cpu_seconds']:.1f} | {plain['bytes'] / 1048576:.1f} "
            f"| {traced['tracemalloc_peak_mb']:.1f} | {plain['rss_peak_mb']:.0f}（{plain['rss_before_mb']:.0f}） |",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="督办基准测试（会清空并重建基准数据库）")
    parser.add_argument("-n", type=int, default=30, help="每页请求次数，默认 30")
    parser.add_argument("--scales", default="0.1,1", help="规模列表，默认 0.1,1")
    parser.add_argument("--no-ledger", action="store_true", help="不测台账导出")
    parser.add_argument("--ledger", nargs=2, type=int, metavar=("PLAN_ID", "USER_ID"), help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    setup_django()
    if args.ledger:
        print(json.dumps(ledger_in_this_process(*args.ledger, traced=args.traced)))
        return 0
    results, programme = run_pages([float(s) for s in args.scales.split(",")], args.n)
    ledger = None
    if not args.no_ledger:
        print("\n## 台账导出", flush=True)
        ledger = run_ledger(programme)
    print("\n" + table(results, ledger, programme))
    return 0


if __name__ == "__main__":
    sys.exit(main())
